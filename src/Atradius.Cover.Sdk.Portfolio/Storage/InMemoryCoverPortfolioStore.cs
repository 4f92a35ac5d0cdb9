using System.Runtime.CompilerServices;
using Atradius.Cover.Sdk.Portfolio.Internal;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// A store that keeps everything in this process's memory, with the same behaviour as the database stores: for tests
/// and for short-lived tools that need no record after they exit. Leases hold only within this process.
/// </summary>
public sealed class InMemoryCoverPortfolioStore : ICoverPortfolioStore, IPreviousCoverVersionReader
{
    // One lock for everything: the store is for tests and small tools, where simplicity beats write concurrency,
    // and one lock makes a commit atomic for readers as a database transaction would.
    private readonly object gate = new();
    private readonly TimeProvider timeProvider;
    private readonly Dictionary<string, PortfolioData> portfolios = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, BatchItem>> batches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PortfolioLease> leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReportRun> reportRuns = new(StringComparer.Ordinal);
    private long lastCoverVersionId;
    private long lastBuyerRatingVersionId;
    private long lastChangeId;

    /// <summary>Creates an empty store that reads the time from the system clock.</summary>
    public InMemoryCoverPortfolioStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that decides when leases expire and stamps batch items.</param>
    public InMemoryCoverPortfolioStore(TimeProvider timeProvider)
    {
        StoreArguments.NotNull(timeProvider, nameof(timeProvider));
        this.timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<CoverFingerprint> ReadLatestCoverFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        return Snapshot(portfolioKey, data => data.LatestCovers.Values
            .OrderBy(v => v.CoverId)
            .Select(v => new CoverFingerprint(v.CoverId, v.VersionId, v.Fingerprint))
            .ToArray(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredCoverVersion>> GetLatestCoverVersionsAsync(string portfolioKey, IEnumerable<long> coverIds, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        var ids = StoreArguments.Ids(coverIds, nameof(coverIds));
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlyList<StoredCoverVersion> found = portfolios.TryGetValue(portfolioKey, out var data)
                ? ids.Select(id => data.LatestCovers.TryGetValue(id, out var v) ? v : null).OfType<StoredCoverVersion>().ToArray()
                : Array.Empty<StoredCoverVersion>();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredCoverVersion> ReadCoverVersionsAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.Query(query);
        return Snapshot(portfolioKey, data => Select(data, query).ToArray(), cancellationToken);
    }

    /// <inheritdoc />
    IAsyncEnumerable<CoverVersionWithPrevious> IPreviousCoverVersionReader.ReadCoverVersionsWithPreviousAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.Query(query);
        return Snapshot(
            portfolioKey,
            data =>
            {
                // Versions are kept in the order of their ids, so each one's previous is the last of its cover met before it.
                var previous = new Dictionary<long, ReadOnlyMemory<byte>>(data.CoverVersions.Count);
                var lastOfCover = new Dictionary<long, ReadOnlyMemory<byte>>();
                foreach (var version in data.CoverVersions)
                {
                    previous[version.VersionId] = lastOfCover.TryGetValue(version.CoverId, out var before) ? before : ReadOnlyMemory<byte>.Empty;
                    lastOfCover[version.CoverId] = version.Payload;
                }

                return Select(data, query).Select(v => new CoverVersionWithPrevious(v, previous[v.VersionId])).ToArray();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<BuyerRatingFingerprint> ReadLatestBuyerRatingFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        return Snapshot(portfolioKey, data => data.LatestBuyerRatings.Values
            .OrderBy(v => v.BuyerId)
            .Select(v => new BuyerRatingFingerprint(v.BuyerId, v.VersionId, v.Fingerprint))
            .ToArray(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredBuyerRatingVersion>> GetLatestBuyerRatingVersionsAsync(string portfolioKey, IEnumerable<long> buyerIds, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        var ids = StoreArguments.Ids(buyerIds, nameof(buyerIds));
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlyList<StoredBuyerRatingVersion> found = portfolios.TryGetValue(portfolioKey, out var data)
                ? ids.Select(id => data.LatestBuyerRatings.TryGetValue(id, out var v) ? v : null).OfType<StoredBuyerRatingVersion>().ToArray()
                : Array.Empty<StoredBuyerRatingVersion>();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<PortfolioCommitResult> CommitAsync(string portfolioKey, PortfolioCommit commit, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.Commit(commit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            CheckLease(commit.Lease);
            var data = Portfolio(portfolioKey);
            var linker = new VersionLinker(commit);
            foreach (var coverId in VersionLinker.CoversToLookUp(commit))
            {
                if (data.LatestCovers.TryGetValue(coverId, out var stored))
                {
                    linker.StoredCover(coverId, stored.VersionId);
                }
            }

            foreach (var buyerId in VersionLinker.BuyersToLookUp(commit))
            {
                if (data.LatestBuyerRatings.TryGetValue(buyerId, out var stored))
                {
                    linker.StoredBuyer(buyerId, stored.VersionId);
                }
            }

            // Everything is built first and applied after, so nothing is half-applied if building throws.
            var coverVersions = commit.CoverVersions.Select(v => new StoredCoverVersion
            {
                VersionId = ++lastCoverVersionId,
                CoverId = v.CoverId,
                BuyerId = v.BuyerId,
                CoverType = v.CoverType,
                SourceList = v.SourceList,
                Fingerprint = v.Fingerprint,
                ObservedAt = StoreTime.Normalize(v.ObservedAt),
                Payload = v.Payload.ToArray(),
            }).ToArray();
            var ratings = commit.BuyerRatingVersions.Select(v => new StoredBuyerRatingVersion
            {
                VersionId = ++lastBuyerRatingVersionId,
                BuyerId = v.BuyerId,
                Fingerprint = v.Fingerprint,
                ObservedAt = StoreTime.Normalize(v.ObservedAt),
                Payload = v.Payload.ToArray(),
            }).ToArray();
            foreach (var version in coverVersions)
            {
                linker.WroteCover(version.CoverId, version.VersionId);
            }

            foreach (var version in ratings)
            {
                linker.WroteBuyer(version.BuyerId, version.VersionId);
            }

            var changes = commit.Changes.Select(c =>
            {
                var (newVersionId, previousVersionId) = linker.Resolve(c);
                return new StoredPortfolioChange
                {
                    ChangeId = ++lastChangeId,
                    Kind = c.Kind,
                    CoverId = c.CoverId,
                    BuyerId = c.BuyerId,
                    NewVersionId = newVersionId,
                    PreviousVersionId = previousVersionId,
                    OccurredAt = StoreTime.Normalize(c.OccurredAt),
                    Payload = c.Payload.ToArray(),
                };
            }).ToArray();

            data.CoverVersions.AddRange(coverVersions);
            foreach (var version in coverVersions)
            {
                data.CoverVersionsById[version.VersionId] = version;
                data.LatestCovers[version.CoverId] = version;
            }

            data.BuyerRatingVersions.AddRange(ratings);
            foreach (var version in ratings)
            {
                data.LatestBuyerRatings[version.BuyerId] = version;
            }

            data.Changes.AddRange(changes);
            if (commit.SyncState is { } state)
            {
                data.SyncState = new PortfolioSyncState
                {
                    LastFullReconciliationAt = StoreTime.Normalize(state.LastFullReconciliationAt),
                    LastSyncAt = StoreTime.Normalize(state.LastSyncAt),
                    LastFromDate = StoreTime.Normalize(state.LastFromDate),
                    RunCount = state.RunCount,
                    Payload = state.Payload.ToArray(),
                };
            }

            return Task.FromResult(new PortfolioCommitResult
            {
                CoverVersionIds = coverVersions.Select(v => v.VersionId).ToArray(),
                BuyerRatingVersionIds = ratings.Select(v => v.VersionId).ToArray(),
                ChangeIds = changes.Select(c => c.ChangeId).ToArray(),
            });
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredPortfolioChange>> ReadUndeliveredChangesAsync(string portfolioKey, int maxCount, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.MaxCount(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlyList<StoredPortfolioChange> changes = portfolios.TryGetValue(portfolioKey, out var data)
                ? data.Changes.Where(c => c.ChangeId > data.DeliveredUpTo).Take(maxCount).Select(c => WithVersions(data, c)).ToArray()
                : Array.Empty<StoredPortfolioChange>();
            return Task.FromResult(changes);
        }
    }

    /// <inheritdoc />
    public Task MarkChangesDeliveredAsync(string portfolioKey, long upToChangeId, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var data = Portfolio(portfolioKey);
            data.DeliveredUpTo = Math.Max(data.DeliveredUpTo, upToChangeId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PortfolioSyncState?> GetSyncStateAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(portfolios.TryGetValue(portfolioKey, out var data) ? data.SyncState : null);
        }
    }

    /// <inheritdoc />
    public Task<int> AddBatchItemsAsync(string batchId, IEnumerable<NewBatchItem> items, CancellationToken cancellationToken = default)
    {
        var list = StoreArguments.BatchItems(batchId, items);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!batches.TryGetValue(batchId, out var batch))
            {
                batch = new SortedDictionary<string, BatchItem>(StringComparer.Ordinal);
                batches[batchId] = batch;
            }

            var now = StoreTime.Now(timeProvider);
            var next = batch.Count == 0 ? 0 : batch.Values.Max(i => i.ItemIndex) + 1;
            var added = 0;
            foreach (var item in BatchItemOrder.InIndexOrder(list))
            {
                if (!batch.ContainsKey(item.ItemKey))
                {
                    batch[item.ItemKey] = new BatchItem
                    {
                        BatchId = batchId,
                        ItemKey = item.ItemKey,
                        ItemIndex = next++,
                        State = BatchItemState.Pending,
                        UpdatedAt = now,
                    };
                    added++;
                }
            }

            return Task.FromResult(added);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BatchItem>> GetBatchItemsAsync(string batchId, CancellationToken cancellationToken = default)
    {
        StoreArguments.Key(batchId, nameof(batchId));
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlyList<BatchItem> items = batches.TryGetValue(batchId, out var batch)
                ? batch.Values.OrderBy(i => i.ItemIndex).ThenBy(i => i.ItemKey, StringComparer.Ordinal).ToArray()
                : Array.Empty<BatchItem>();
            return Task.FromResult(items);
        }
    }

    /// <inheritdoc />
    public Task<BatchItem?> TryTransitionBatchItemAsync(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition, CancellationToken cancellationToken = default)
    {
        StoreArguments.Transition(batchId, itemKey, expectedState, transition);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            CheckLease(transition.Lease);
            if (!batches.TryGetValue(batchId, out var batch) || !batch.TryGetValue(itemKey, out var item) || item.State != expectedState
                || (transition.ExpectedAttemptCount is { } attempts && item.AttemptCount != attempts))
            {
                return Task.FromResult<BatchItem?>(null);
            }

            var updated = new BatchItem
            {
                BatchId = item.BatchId,
                ItemKey = item.ItemKey,
                ItemIndex = item.ItemIndex,
                State = transition.State,
                AttemptCount = item.AttemptCount + (transition.State == BatchItemState.InFlight ? 1 : 0),
                CoverId = transition.CoverId ?? item.CoverId,
                Outcome = transition.Outcome is { } outcome ? outcome.ToArray() : item.Outcome,
                UpdatedAt = StoreTime.Now(timeProvider),
            };
            batch[itemKey] = updated;
            return Task.FromResult<BatchItem?>(updated);
        }
    }

    /// <inheritdoc />
    public Task<PortfolioLease?> TryAcquireLeaseAsync(string resource, string holderId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(resource, holderId, duration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var now = StoreTime.Now(timeProvider);
            leases.TryGetValue(resource, out var current);
            var heldByOther = current is not null && current.HolderId != holderId && current.ExpiresAt > now;
            if (heldByOther)
            {
                return Task.FromResult<PortfolioLease?>(null);
            }

            var keepsToken = current is not null && current.HolderId == holderId && current.ExpiresAt > now;
            var lease = new PortfolioLease
            {
                Resource = resource,
                HolderId = holderId,
                ExpiresAt = StoreTime.Normalize(now + duration),
                FencingToken = current is null ? 1 : keepsToken ? current.FencingToken : current.FencingToken + 1,
            };
            leases[resource] = lease;
            return Task.FromResult<PortfolioLease?>(lease);
        }
    }

    /// <inheritdoc />
    public Task<PortfolioLease?> RenewLeaseAsync(PortfolioLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        StoreArguments.Duration(duration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!leases.TryGetValue(lease.Resource, out var current) || current.HolderId != lease.HolderId || current.FencingToken != lease.FencingToken)
            {
                return Task.FromResult<PortfolioLease?>(null);
            }

            var renewed = new PortfolioLease
            {
                Resource = current.Resource,
                HolderId = current.HolderId,
                ExpiresAt = StoreTime.Normalize(StoreTime.Now(timeProvider) + duration),
                FencingToken = current.FencingToken,
            };
            leases[lease.Resource] = renewed;
            return Task.FromResult<PortfolioLease?>(renewed);
        }
    }

    /// <inheritdoc />
    public Task<bool> ReleaseLeaseAsync(PortfolioLease lease, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!leases.TryGetValue(lease.Resource, out var current) || current.HolderId != lease.HolderId || current.FencingToken != lease.FencingToken)
            {
                return Task.FromResult(false);
            }

            // The row stays with its token so that the next holding still gets a larger one.
            leases[lease.Resource] = new PortfolioLease
            {
                Resource = current.Resource,
                HolderId = string.Empty,
                ExpiresAt = StoreTime.LongAgo,
                FencingToken = current.FencingToken,
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<ReportRun?> GetReportRunAsync(string reportName, CancellationToken cancellationToken = default)
    {
        StoreArguments.Key(reportName, nameof(reportName));
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(reportRuns.TryGetValue(reportName, out var run) ? run : null);
        }
    }

    /// <inheritdoc />
    public Task SaveReportRunAsync(ReportRun run, CancellationToken cancellationToken = default)
    {
        StoreArguments.ReportRun(run);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            CheckLease(run.Lease);
            reportRuns[run.ReportName] = new ReportRun
            {
                ReportName = run.ReportName,
                LastRunAt = StoreTime.Normalize(run.LastRunAt),
                Payload = run.Payload.ToArray(),
            };
        }

        return Task.CompletedTask;
    }

    // Called under the gate, before anything is written: the gate serialises the write with any take-over.
    private void CheckLease(PortfolioLease? lease)
    {
        if (lease is not null)
        {
            var current = leases.TryGetValue(lease.Resource, out var held) ? held : null;
            LeaseFence.Check(lease, current?.HolderId, current?.FencingToken ?? 0);
        }
    }

    private PortfolioData Portfolio(string portfolioKey)
    {
        if (!portfolios.TryGetValue(portfolioKey, out var data))
        {
            data = new PortfolioData();
            portfolios[portfolioKey] = data;
        }

        return data;
    }

    private static IEnumerable<StoredCoverVersion> Select(PortfolioData data, CoverVersionQuery query)
    {
        var from = StoreTime.Bound(query.From);
        var to = StoreTime.Bound(query.To);
        return data.CoverVersions
            .Where(v => (query.BuyerId is not { } buyer || v.BuyerId == buyer)
                && (query.CoverId is not { } cover || v.CoverId == cover)
                && (from is not { } f || v.ObservedAt >= f)
                && (to is not { } t || v.ObservedAt < t))
            .OrderBy(v => v.ObservedAt)
            .ThenBy(v => v.VersionId);
    }

    private async IAsyncEnumerable<T> Snapshot<T>(string portfolioKey, Func<PortfolioData, T[]> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        T[] items;
        lock (gate)
        {
            items = portfolios.TryGetValue(portfolioKey, out var data) ? read(data) : Array.Empty<T>();
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    // The same change with the payloads of the cover versions it refers to, as the database stores join them.
    private static StoredPortfolioChange WithVersions(PortfolioData data, StoredPortfolioChange change) =>
        change.CoverId is null
            ? change
            : new StoredPortfolioChange
            {
                ChangeId = change.ChangeId,
                Kind = change.Kind,
                CoverId = change.CoverId,
                BuyerId = change.BuyerId,
                NewVersionId = change.NewVersionId,
                PreviousVersionId = change.PreviousVersionId,
                OccurredAt = change.OccurredAt,
                Payload = change.Payload,
                NewVersionPayload = VersionPayload(data, change.NewVersionId),
                PreviousVersionPayload = VersionPayload(data, change.PreviousVersionId),
            };

    private static ReadOnlyMemory<byte> VersionPayload(PortfolioData data, long? versionId) =>
        versionId is { } id && data.CoverVersionsById.TryGetValue(id, out var version) ? version.Payload : ReadOnlyMemory<byte>.Empty;

    private sealed class PortfolioData
    {
        public List<StoredCoverVersion> CoverVersions { get; } = new();

        public Dictionary<long, StoredCoverVersion> CoverVersionsById { get; } = new();

        public Dictionary<long, StoredCoverVersion> LatestCovers { get; } = new();

        public List<StoredBuyerRatingVersion> BuyerRatingVersions { get; } = new();

        public Dictionary<long, StoredBuyerRatingVersion> LatestBuyerRatings { get; } = new();

        public List<StoredPortfolioChange> Changes { get; } = new();

        public long DeliveredUpTo { get; set; }

        public PortfolioSyncState? SyncState { get; set; }
    }
}
