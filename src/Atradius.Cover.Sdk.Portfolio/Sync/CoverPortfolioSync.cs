using System.Text.Json;
using Atradius.Cover.Sdk.Portfolio.Internal;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Brings the local record of a portfolio up to date with the service and reports what changed: the one entry
/// point for syncing a portfolio.
/// </summary>
/// <remarks>
/// <para>
/// A sync streams GET /covers (narrowed with <c>fromDate</c> unless a full reconciliation is due; always full on
/// the first sync), GET /covers/applications, and on full reconciliations GET /covers/historic for the covers that
/// left the portfolio; then my-buyers for rating changes. Each cover is reduced to a 64-bit fingerprint and
/// compared with the store's latest one, held in memory as a compact map (about 20 bytes a cover).
/// </para>
/// <para>
/// New versions and their classified changes are written to the store in one commit per chunk
/// (<see cref="CoverPortfolioSyncOptions.ChunkSize"/> changed covers); right after each commit that chunk's changes
/// are handed to the handler, one at a time and in commit order, and marked delivered. A full chunk is committed and
/// delivered on the thread pool while the sync reads on and gathers the next one; at most one chunk is ahead of the
/// read, and the sync returns only once it is done, also when it fails. A crash between the commit and the delivery
/// delivers the changes again on the next sync: nothing committed is lost, and a change may arrive twice (compare
/// <see cref="CoverPortfolioChange.ChangeId"/>).
/// </para>
/// <para>
/// One instance runs one sync at a time; with several hosts, take the store's lease first and sync under it
/// (<see cref="SyncAsync(ICoverChangeHandler, PortfolioLease, CancellationToken)"/>, as the monitor does): a sync paused
/// past its lease then commits nothing beside the next holder. Marking changes delivered is not fenced: a mark only
/// records what this sync's handler has taken, marks only move forward, and refusing one would hand those changes out
/// a second time.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim needs disposing only once its wait handle was asked for, which this class never does.")]
public sealed class CoverPortfolioSync
{
    /// <summary>The source list name stored with versions read from GET /covers.</summary>
    public const string CurrentList = "current";

    /// <summary>The source list name stored with versions read from GET /covers/applications.</summary>
    public const string ApplicationList = "application";

    /// <summary>The source list name stored with versions read from GET /covers/historic.</summary>
    public const string HistoricList = "historic";

    /// <summary>
    /// The source list name of a version recorded for a cover that left GET /covers without showing up in
    /// GET /covers/historic: its last known content, marked as no longer current.
    /// </summary>
    public const string MissingList = "missing";

    // Each delivered batch ends with one small commit that marks it; a larger batch means fewer of them on a first
    // load of many covers, while a crash still only delivers the unmarked rest of one batch again.
    private const int DeliveryBatchSize = 1000;

    private readonly ICoverPortfolioStore _store;
    private readonly ICoverPortfolioSource _source;
    private readonly CoverPortfolioSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Called when a sync is about to wait for the chunk ahead of it to be committed: the read stops there, one chunk
    /// ahead of the store at most. Lets a test hold a commit and see the read stop without waiting for a while.
    /// </summary>
    internal Action? WaitingForChunkAhead { get; set; }

    /// <summary>Creates a sync that reads the service through a client.</summary>
    /// <param name="client">The client.</param>
    /// <param name="store">The store that keeps the portfolio.</param>
    /// <param name="options">
    /// The options; <see cref="CoverPortfolioSyncOptions.PortfolioKey"/> is required. Copied: a later change to them
    /// does not reach this sync.
    /// </param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="timeProvider"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> cannot work (a <see cref="CoverPortfolioSyncOptions.PortfolioKey"/> that is missing, or one a store cannot keep; an <see cref="ArgumentOutOfRangeException"/> for <see cref="CoverPortfolioSyncOptions.FullReconciliationInterval"/>, <see cref="CoverPortfolioSyncOptions.ChangedSinceOverlap"/> or <see cref="CoverPortfolioSyncOptions.ChunkSize"/> out of range): the exception's parameter name is the setting.</exception>
    public CoverPortfolioSync(ICoverClient client, ICoverPortfolioStore store, CoverPortfolioSyncOptions options, TimeProvider? timeProvider = null)
        : this(new CoverClientPortfolioSource(client ?? throw new ArgumentNullException(nameof(client))), store, options, timeProvider)
    {
    }

    /// <summary>Creates a sync that reads the lists from a source.</summary>
    /// <param name="source">Where the lists come from.</param>
    /// <param name="store">The store that keeps the portfolio.</param>
    /// <param name="options">
    /// The options; <see cref="CoverPortfolioSyncOptions.PortfolioKey"/> is required. Copied: a later change to them
    /// does not reach this sync.
    /// </param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="timeProvider"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> cannot work (a <see cref="CoverPortfolioSyncOptions.PortfolioKey"/> that is missing, or one a store cannot keep; an <see cref="ArgumentOutOfRangeException"/> for <see cref="CoverPortfolioSyncOptions.FullReconciliationInterval"/>, <see cref="CoverPortfolioSyncOptions.ChangedSinceOverlap"/> or <see cref="CoverPortfolioSyncOptions.ChunkSize"/> out of range): the exception's parameter name is the setting.</exception>
    public CoverPortfolioSync(ICoverPortfolioSource source, ICoverPortfolioStore store, CoverPortfolioSyncOptions options, TimeProvider? timeProvider = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        // A validated copy: the caller's object can still be changed, and a change would otherwise reach the running
        // sync unchecked (an overlap that fails the next narrowed read, a ChunkSize of zero that never ends a chunk).
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Clone();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The portfolio's key in the store.</summary>
    public string PortfolioKey => _options.PortfolioKey;

    /// <summary>Syncs the portfolio and delivers the changes to a handler.</summary>
    /// <param name="handler">Receives the changes, in commit order.</param>
    /// <param name="cancellationToken">Cancels the sync; what was committed stays committed.</param>
    /// <returns>What the sync did.</returns>
    public Task<CoverSyncResult> SyncAsync(ICoverChangeHandler handler, CancellationToken cancellationToken = default) =>
        SyncAsync(handler, forceFullReconciliation: false, cancellationToken);

    /// <summary>Syncs the portfolio and delivers the changes to a delegate.</summary>
    /// <param name="handler">Receives the changes, in commit order.</param>
    /// <param name="cancellationToken">Cancels the sync; what was committed stays committed.</param>
    /// <returns>What the sync did.</returns>
    public Task<CoverSyncResult> SyncAsync(Func<CoverPortfolioChange, CancellationToken, Task> handler, CancellationToken cancellationToken = default) =>
        SyncAsync(new DelegateChangeHandler(handler ?? throw new ArgumentNullException(nameof(handler))), forceFullReconciliation: false, cancellationToken);

    /// <summary>Syncs the portfolio and delivers the changes to a handler.</summary>
    /// <param name="handler">Receives the changes, in commit order.</param>
    /// <param name="forceFullReconciliation">Reads the whole lists even when a narrowed read would do.</param>
    /// <param name="cancellationToken">Cancels the sync; what was committed stays committed.</param>
    /// <returns>What the sync did.</returns>
    public Task<CoverSyncResult> SyncAsync(ICoverChangeHandler handler, bool forceFullReconciliation, CancellationToken cancellationToken = default) =>
        SyncAsync(handler, forceFullReconciliation, lease: null, cancellationToken);

    /// <summary>
    /// Syncs the portfolio under a lease the caller holds on it, and delivers the changes to a handler. Every commit
    /// carries the lease (<see cref="PortfolioCommit.Lease"/>): once another holder has taken the lease over, the store
    /// refuses the next commit whole and the sync fails with <see cref="PortfolioLeaseLostException"/>.
    /// </summary>
    /// <param name="handler">Receives the changes, in commit order.</param>
    /// <param name="lease">The lease the caller holds on the portfolio (the monitor's is "portfolio-sync/{key}").</param>
    /// <param name="cancellationToken">Cancels the sync; what was committed stays committed.</param>
    /// <returns>What the sync did.</returns>
    /// <exception cref="PortfolioLeaseLostException">Another holder took the lease over; nothing more of this sync was written.</exception>
    /// <exception cref="ArgumentException"><paramref name="lease"/> names no resource or holder, as no lease a store grants does.</exception>
    public Task<CoverSyncResult> SyncAsync(ICoverChangeHandler handler, PortfolioLease lease, CancellationToken cancellationToken = default)
    {
        // Checked here rather than by the first commit, which comes only after the lists were read.
        StoreArguments.Lease(lease);
        return SyncAsync(handler, forceFullReconciliation: false, lease, cancellationToken);
    }

    private async Task<CoverSyncResult> SyncAsync(ICoverChangeHandler handler, bool forceFullReconciliation, PortfolioLease? lease, CancellationToken cancellationToken)
    {
        _ = handler ?? throw new ArgumentNullException(nameof(handler));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whole microseconds, as the stores keep times: a change read back carries the time it was delivered with.
            var startedAt = StoreTime.Now(_time);
            var delivered = await DeliverAsync(handler, cancellationToken).ConfigureAwait(false);
            var state = await _store.GetSyncStateAsync(_options.PortfolioKey, cancellationToken).ConfigureAwait(false);
            var full = forceFullReconciliation
                || state?.LastFullReconciliationAt is null
                || startedAt - state.LastFullReconciliationAt.Value >= _options.FullReconciliationInterval;
            DateTimeOffset? since = full ? null : (state!.LastFromDate ?? state.LastSyncAt ?? state.LastFullReconciliationAt!.Value) - _options.ChangedSinceOverlap;

            var run = new SyncRun(this, handler, startedAt, initialLoad: state is null, lease);
            var firstLoad = state is null ? _store as IFirstLoadStore : null;
            var loading = false;
            var readAll = false;
            try
            {
                await run.LoadFingerprintsAsync(cancellationToken).ConfigureAwait(false);
                loading = firstLoad is not null && await firstLoad.BeginFirstLoadAsync(_options.PortfolioKey, cancellationToken).ConfigureAwait(false);
                if (firstLoad is not null && !loading)
                {
                    run.CommitSize = IndexedFirstLoadCommitSize(_options.ChunkSize);
                }

                // The referred applications are read first, so that a cover GET /covers shows as decided while a later
                // application under its id waits for an underwriter counts as that application in every sync, full or
                // narrowed: which of its two copies came first would otherwise decide, and a full sync (which reads the
                // decided copy first) and a narrowed one (whose GET /covers leaves the unchanged cover out) would report
                // it decided and referred by turns.
                var applications = new List<CoverDecision>();
                if (_options.IncludeApplications)
                {
                    await foreach (var cover in _source.ListApplicationsAsync(null, cancellationToken).ConfigureAwait(false))
                    {
                        applications.Add(cover);
                    }
                }

                var laterApplications = LaterApplicationDates(applications);
                var query = since is null ? null : new CoverQuery { ChangedSince = since };
                await foreach (var cover in _source.ListCoversAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    if (laterApplications is not null && laterApplications.TryGetValue(cover.CoverId, out var applied) && DecisionTiming.IsLaterApplication(cover, applied))
                    {
                        run.Skip();
                        continue;
                    }

                    await run.ObserveAsync(cover, CurrentList, cancellationToken).ConfigureAwait(false);
                }

                foreach (var cover in applications)
                {
                    // Of several referred copies under one id (an answered application the service keeps, and a new one),
                    // the latest application counts.
                    if (cover.IsReferred && laterApplications is not null && laterApplications.TryGetValue(cover.CoverId, out var latest) && cover.ApplicationDate < latest)
                    {
                        run.Skip();
                        continue;
                    }

                    await run.ObserveAsync(cover, ApplicationList, cancellationToken).ConfigureAwait(false);
                }

                await run.FlushCoversAsync(cancellationToken).ConfigureAwait(false);
                if (full)
                {
                    await run.ResolveMissingAsync(cancellationToken).ConfigureAwait(false);
                }

                if (_options.IncludeBuyerRatings)
                {
                    await run.SyncBuyersAsync(cancellationToken).ConfigureAwait(false);
                }

                readAll = true;
            }
            finally
            {
                // A chunk may still be committing when the read fails or is cancelled: it ends before the sync does,
                // so nothing of this sync is written after it returned.
                await run.WaitForCommitAheadAsync().ConfigureAwait(false);
                if (loading)
                {
                    await EndFirstLoadAsync(firstLoad!, failed: !readAll).ConfigureAwait(false);
                }
            }

            var newState = new PortfolioSyncState
            {
                LastFullReconciliationAt = full ? startedAt : state!.LastFullReconciliationAt,
                LastSyncAt = _time.GetUtcNow(),
                LastFromDate = startedAt,
                RunCount = (state?.RunCount ?? 0) + 1,
            };
            await _store.CommitAsync(_options.PortfolioKey, new PortfolioCommit { SyncState = newState, Lease = lease }, cancellationToken).ConfigureAwait(false);
            delivered += run.ChangesDelivered + await DeliverAsync(handler, cancellationToken).ConfigureAwait(false);
            return new CoverSyncResult
            {
                WasFullReconciliation = full,
                ChangedSince = since,
                CoversRead = run.CoversRead,
                BuyersRead = run.BuyersRead,
                CoverVersionsStored = run.VersionsStored,
                ChangesRecorded = run.ChangesRecorded,
                ChangesDelivered = delivered,
                Commits = run.Commits + 1,
                StartedAt = startedAt,
                CompletedAt = _time.GetUtcNow(),
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The latest application date of each cover the referred applications list, null when they list none with a date:
    /// a copy of that cover in GET /covers applied for earlier, and not decided since, is the version the application
    /// will replace. One decided since (the application refused, say) is newer than the application's copy; one the
    /// insurer changed since (a notice, a reduction, a withdrawal) is not an answer to it.
    /// </summary>
    private static Dictionary<long, DateTimeOffset>? LaterApplicationDates(List<CoverDecision> applications)
    {
        Dictionary<long, DateTimeOffset>? dates = null;
        foreach (var application in applications)
        {
            if (application.IsReferred && application.ApplicationDate is { } applied)
            {
                dates ??= new Dictionary<long, DateTimeOffset>();
                if (!dates.TryGetValue(application.CoverId, out var known) || known < applied)
                {
                    dates[application.CoverId] = applied;
                }
            }
        }

        return dates;
    }

    /// <summary>
    /// How many covers a first load commits at once when the store keeps its indexes up to date row by row (a SQLite
    /// file that holds other portfolios' versions): each commit writes again every index page its covers fall in, and
    /// with the new portfolio's buyers in no order that is most pages of its range. Five times the chunk wrote 1.6
    /// times the final file for 100,000 covers in no order, against 4.2 times (docs/portfolio-measurements.md); a
    /// chunk holds its covers whole until committed, so the price is memory bounded by the chunk, not the portfolio.
    /// </summary>
    private static int IndexedFirstLoadCommitSize(int chunkSize) => (int)Math.Min(5L * chunkSize, int.MaxValue);

    /// <summary>
    /// Ends a store's first load, also when the sync was cancelled. When the sync failed, the error it fails with is
    /// the one reported; the store finishes the work on its next use.
    /// </summary>
    private async Task EndFirstLoadAsync(IFirstLoadStore store, bool failed)
    {
        try
        {
            await store.EndFirstLoadAsync(_options.PortfolioKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) when (failed)
        {
            // See the summary: the sync's own error is the one to report.
        }
    }

    /// <summary>Delivers the changes a previous sync committed but did not deliver (for example after a crash).</summary>
    /// <param name="handler">Receives the changes, in commit order.</param>
    /// <param name="cancellationToken">Cancels the delivery; what was delivered stays marked.</param>
    /// <returns>How many changes were delivered.</returns>
    public async Task<int> DeliverPendingChangesAsync(ICoverChangeHandler handler, CancellationToken cancellationToken = default)
    {
        _ = handler ?? throw new ArgumentNullException(nameof(handler));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DeliverAsync(handler, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static CoverPortfolioChange ReadChange(StoredPortfolioChange stored)
    {
        var change = JsonSerializer.Deserialize(stored.Payload.Span, PortfolioJsonContext.Default.CoverPortfolioChange)
            ?? throw new InvalidDataException($"The store returned change {stored.ChangeId} with an empty payload.");
        if (!Enum.TryParse<CoverChangeKind>(stored.Kind, ignoreCase: false, out var kind))
        {
            throw new InvalidDataException($"The store returned change {stored.ChangeId} of an unknown kind '{stored.Kind}'.");
        }

        // The row's columns name the change; rows written before the payload left them out repeat the same values,
        // and keep the observation time to the tick.
        change = change with
        {
            ChangeId = stored.ChangeId,
            Kind = kind,
            CoverId = stored.CoverId,
            BuyerId = stored.BuyerId,
            ObservedAt = change.ObservedAt == default ? stored.OccurredAt : change.ObservedAt,

            // A payload without field changes sets the member to nothing rather than leaving it empty.
            FieldChanges = change.FieldChanges ?? Array.Empty<CoverFieldChange>(),
        };
        if (change.CoverId is null || change.Cover is not null)
        {
            // A buyer's change, or a cover's change written before changes referred to their versions.
            return change;
        }

        if (stored.NewVersionPayload.IsEmpty)
        {
            throw new InvalidDataException($"The store returned change {stored.ChangeId} without the cover version it refers to.");
        }

        return change with
        {
            Cover = CoverFingerprints.ReadCover(stored.NewVersionPayload),
            PreviousCover = stored.PreviousVersionPayload.IsEmpty ? null : CoverFingerprints.ReadCover(stored.PreviousVersionPayload),
        };
    }

    /// <summary>
    /// The outbox form of a change: its kind, subject and time go in the row's columns, the cover and its previous
    /// version are the versions the row refers to, and the payload keeps only the rest (<see cref="ChangeDetails"/>).
    /// </summary>
    private static PortfolioChange ToOutbox(CoverPortfolioChange change) => new()
    {
        Kind = change.Kind.ToString(),
        CoverId = change.CoverId,
        BuyerId = change.BuyerId,
        OccurredAt = change.ObservedAt,
        Payload = ChangeDetails.Serialize(change),
    };

    /// <summary>
    /// Hands the changes of a commit just made to the handler straight from memory, and marks them delivered. Only
    /// valid while every earlier change is delivered: a sync drains the outbox before its first commit, and stops at
    /// the first handler failure, so its own commits follow one another in the outbox.
    /// </summary>
    private async Task<int> DeliverCommittedAsync(ICoverChangeHandler handler, IReadOnlyList<CoverPortfolioChange> changes, IReadOnlyList<long> changeIds, CancellationToken cancellationToken)
    {
        var delivered = 0;
        long? unmarked = null;
        try
        {
            for (var i = 0; i < changes.Count; i++)
            {
                // A handler may ignore the token: once the caller stops (a host shutting down), the rest of the chunk
                // waits in the store for the next sync rather than going to a handler whose services are being disposed.
                cancellationToken.ThrowIfCancellationRequested();
                await handler.HandleAsync(changes[i] with { ChangeId = changeIds[i] }, cancellationToken).ConfigureAwait(false);
                unmarked = changeIds[i];
                delivered++;
                if (delivered % DeliveryBatchSize == 0)
                {
                    await _store.MarkChangesDeliveredAsync(_options.PortfolioKey, unmarked.Value, cancellationToken).ConfigureAwait(false);
                    unmarked = null;
                }
            }
        }
        finally
        {
            if (unmarked is not null)
            {
                // Marks what the handler took even when a later change failed, so only the rest comes again.
                await _store.MarkChangesDeliveredAsync(_options.PortfolioKey, unmarked.Value, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return delivered;
    }

    private async Task<int> DeliverAsync(ICoverChangeHandler handler, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var batch = await _store.ReadUndeliveredChangesAsync(_options.PortfolioKey, DeliveryBatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return delivered;
            }

            long? last = null;
            try
            {
                foreach (var stored in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await handler.HandleAsync(ReadChange(stored), cancellationToken).ConfigureAwait(false);
                    last = stored.ChangeId;
                    delivered++;
                }
            }
            finally
            {
                if (last is not null)
                {
                    // Marks what the handler took even when a later change failed, so only the rest comes again.
                    await _store.MarkChangesDeliveredAsync(_options.PortfolioKey, last.Value, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private sealed class DelegateChangeHandler(Func<CoverPortfolioChange, CancellationToken, Task> handler) : ICoverChangeHandler
    {
        public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken) => handler(change, cancellationToken);
    }

    /// <summary>The state of one sync: the fingerprint map and the chunk being gathered.</summary>
    private sealed class SyncRun(CoverPortfolioSync owner, ICoverChangeHandler handler, DateTimeOffset startedAt, bool initialLoad, PortfolioLease? lease)
    {
        private readonly CoverFingerprintMap _covers = new();

        // A full chunk (of covers, or of buyers' ratings) is committed and delivered on the thread pool while the next
        // one is gathered: with the service on another machine, the read and the database each keep a core busy
        // (docs/portfolio-measurements.md). At most one chunk is ahead of the read, so commits and deliveries keep
        // their order and memory stays bounded.
        private Task _committing = Task.CompletedTask;
        private List<Observed> _pending = [];

        // Covers whose only reading this sync was a stale referred copy in GET /covers/applications; written by the
        // chunk's commit, read once every commit has ended.
        private readonly HashSet<long> _staleReferred = [];

        public int CoversRead { get; private set; }

        public int BuyersRead { get; private set; }

        public int VersionsStored { get; private set; }

        public int ChangesRecorded { get; private set; }

        public int Commits { get; private set; }

        public int ChangesDelivered { get; private set; }

        private string Key => owner._options.PortfolioKey;

        /// <summary>How many new or changed covers, or buyers' ratings, are written per commit.</summary>
        public int CommitSize { get; set; } = owner._options.ChunkSize;

        public async Task LoadFingerprintsAsync(CancellationToken cancellationToken)
        {
            await foreach (var entry in owner._store.ReadLatestCoverFingerprintsAsync(Key, cancellationToken).ConfigureAwait(false))
            {
                _covers.AddKnown(entry.CoverId, entry.Fingerprint);
            }

            _covers.Seal();
        }

        /// <summary>Counts a cover read and left for another list's copy of it.</summary>
        public void Skip() => CoversRead++;

        /// <param name="cover">The cover read.</param>
        /// <param name="sourceList">The list it was read from.</param>
        /// <param name="cancellationToken">Cancels the commit of a full chunk.</param>
        /// <param name="seenBefore">Read before as a stale copy that was not stored: the store's version is compared, not the copy.</param>
        public async Task ObserveAsync(CoverDecision cover, string sourceList, CancellationToken cancellationToken, bool seenBefore = false)
        {
            CoversRead++;
            var snapshot = sourceList == HistoricList ? CoverSnapshot.FromHistoric(cover) : CoverSnapshot.From(cover);
            var fingerprint = CoverFingerprints.Of(snapshot, out var payload);
            // A referred cover is in both GET /covers and GET /covers/applications: the first read counts.
            var observation = seenBefore ? CoverFingerprintMap.Observation.Changed : _covers.Observe(snapshot.CoverId, fingerprint);
            if (observation is CoverFingerprintMap.Observation.AlreadySeen or CoverFingerprintMap.Observation.Unchanged)
            {
                return;
            }

            _pending.Add(new Observed(snapshot, fingerprint, payload, sourceList, Known: observation == CoverFingerprintMap.Observation.Changed));
            if (_pending.Count >= CommitSize)
            {
                _pending = await CommitAheadAsync(_pending, CommitCoversAsync, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Commits the gathered chunk and delivers its changes, after the chunk ahead of it.</summary>
        public async Task FlushCoversAsync(CancellationToken cancellationToken)
        {
            await ChunkAheadAsync().ConfigureAwait(false);
            if (_pending.Count == 0)
            {
                return;
            }

            await CommitCoversAsync(_pending, cancellationToken).ConfigureAwait(false);
            _pending.Clear();
        }

        /// <summary>
        /// Waits until the chunk ahead is committed and delivered (its failure surfaces here), then starts committing
        /// <paramref name="chunk"/> and returns the list to gather the next one in, so the read goes on.
        /// </summary>
        private async Task<List<T>> CommitAheadAsync<T>(List<T> chunk, Func<List<T>, CancellationToken, Task> commit, CancellationToken cancellationToken)
        {
            await ChunkAheadAsync().ConfigureAwait(false);
            _committing = Task.Run(() => commit(chunk, cancellationToken), CancellationToken.None);
            return new List<T>(chunk.Count);
        }

        /// <summary>The commit and delivery of the chunk ahead, once done; its failure surfaces here.</summary>
        private Task ChunkAheadAsync()
        {
            if (!_committing.IsCompleted)
            {
                owner.WaitingForChunkAhead?.Invoke();
            }

            return _committing;
        }

        /// <summary>
        /// Waits for a chunk still being committed when the sync ends early. Its own failure is not reported: the sync
        /// already fails with the error that ended it, and a chunk whose commit or delivery failed is committed again
        /// or delivered from the store by the next sync.
        /// </summary>
        public async Task WaitForCommitAheadAsync()
        {
            try
            {
                await ChunkAheadAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The next sync commits or delivers that chunk again; see the summary.
            }
        }

        private async Task CommitCoversAsync(List<Observed> chunk, CancellationToken cancellationToken)
        {
            // Only covers the store already knew have a previous version to read: a first sync reads none.
            var known = chunk.Where(o => o.Known).Select(o => o.Snapshot.CoverId).Distinct().ToList();
            var previous = known.Count == 0
                ? Array.Empty<StoredCoverVersion>()
                : await owner._store.GetLatestCoverVersionsAsync(Key, known, cancellationToken).ConfigureAwait(false);
            var previousById = previous.ToDictionary(v => v.CoverId);
            var versions = new List<CoverVersion>(chunk.Count);
            var changes = new List<CoverPortfolioChange>(chunk.Count);
            foreach (var observed in chunk)
            {
                var before = previousById.TryGetValue(observed.Snapshot.CoverId, out var stored) ? CoverFingerprints.ReadCover(stored.Payload) : null;
                if (IsStaleReferredCopy(observed, before))
                {
                    // An ended cover stays as its end was recorded; a current one not read in GET /covers is looked
                    // for in the historic list, as a cover gone from the lists is.
                    if (!before!.IsHistoric)
                    {
                        lock (_staleReferred)
                        {
                            _staleReferred.Add(observed.Snapshot.CoverId);
                        }
                    }

                    continue;
                }

                versions.Add(new CoverVersion
                {
                    CoverId = observed.Snapshot.CoverId,
                    BuyerId = observed.Snapshot.BuyerId,
                    CoverType = StoredCoverType(observed.Snapshot.CoverType),
                    SourceList = observed.SourceList,
                    Fingerprint = observed.Fingerprint,
                    ObservedAt = startedAt,
                    Payload = observed.Payload,
                    IsFirstOfCover = !observed.Known,
                });
                // A cover seen for the first time has nothing to diff against.
                var fieldChanges = before is null ? Array.Empty<CoverFieldChange>() : CoverSnapshotDiff.Compare(before, observed.Snapshot);
                var kinds = CoverChangeClassifier.Classify(before, observed.Snapshot);
                for (var k = 0; k < kinds.Count; k++)
                {
                    var change = new CoverPortfolioChange
                    {
                        Kind = kinds[k],
                        // Until a first sync completes, the covers it stores show up as new; a change to one it
                        // already stored (after a failed or interrupted first run) is not part of that load.
                        IsInitialLoad = initialLoad && before is null,
                        CoverId = observed.Snapshot.CoverId,
                        BuyerId = observed.Snapshot.BuyerId,
                        ObservedAt = startedAt,
                        Cover = observed.Snapshot,
                        PreviousCover = before,
                        FieldChanges = fieldChanges,
                    };
                    changes.Add(change);
                }
            }

            await CommitAndDeliverAsync(versions, changes, cancellationToken).ConfigureAwait(false);
        }

        private async Task CommitAndDeliverAsync(List<CoverVersion> versions, List<CoverPortfolioChange> changes, CancellationToken cancellationToken)
        {
            var result = await owner._store.CommitAsync(Key, new PortfolioCommit { CoverVersions = versions, Changes = changes.Select(ToOutbox).ToList(), Lease = lease }, cancellationToken).ConfigureAwait(false);
            Commits++;
            VersionsStored += versions.Count;
            ChangesRecorded += changes.Count;
            ChangesDelivered += await owner.DeliverCommittedAsync(handler, changes, result.ChangeIds, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Whether a referred cover read from GET /covers/applications is the application a stored decision already
        /// answered, or one that has ended: the store holds the cover decided, or ended (a withdrawn application ends
        /// referred), and the copy was applied for no later than that version's application or decision (an increase
        /// refused under the cover's id keeps the cover's older application date). A service that keeps such
        /// applications in that list would otherwise turn a decided cover back to referred in every sync that does not
        /// read it in GET /covers, and an ended one back to current for good. A new application under the same id
        /// (applied for later) is a real change.
        /// </summary>
        private static bool IsStaleReferredCopy(Observed observed, CoverSnapshot? before) =>
            observed.SourceList == ApplicationList
            && observed.Snapshot.IsReferred
            && before is not null
            && (!before.IsReferred || before.IsHistoric)
            && IsNoLaterThan(observed.Snapshot.ApplicationDate, before);

        /// <summary>
        /// Whether an application made at <paramref name="appliedAt"/> (unknown: any time) came no later than the stored
        /// version's own application or the decision that answered it (neither known: any time).
        /// </summary>
        private static bool IsNoLaterThan(DateTimeOffset? appliedAt, CoverSnapshot version)
        {
            var answered = (version.Code?.AnswersApplication ?? false) && version.DecisionDate is not null;
            return appliedAt is not { } applied
                || (version.ApplicationDate is { } versionApplied ? applied <= versionApplied : !answered)
                || DecisionTiming.Answers(version.Code, version.DecisionDate, applied);
        }

        /// <summary>Finds why covers left GET /covers: their historic version, read once from GET /covers/historic.</summary>
        public async Task ResolveMissingAsync(CancellationToken cancellationToken)
        {
            // A full read of GET /covers did not show these either: only their stale copy was read.
            var missing = new HashSet<long>(_covers.UnseenCurrent());
            missing.UnionWith(_staleReferred);
            if (missing.Count == 0)
            {
                return;
            }

            // Every historic version of each: which one ended the cover is judged against the version the store holds.
            var candidates = new Dictionary<long, List<CoverDecision>>();
            await foreach (var cover in owner._source.ListHistoricAsync(null, cancellationToken).ConfigureAwait(false))
            {
                if (missing.Contains(cover.CoverId))
                {
                    if (!candidates.TryGetValue(cover.CoverId, out var versions))
                    {
                        versions = new List<CoverDecision>(1);
                        candidates[cover.CoverId] = versions;
                    }

                    versions.Add(cover);
                }
            }

            var found = await ChooseEndingVersionsAsync(candidates, cancellationToken).ConfigureAwait(false);
            foreach (var cover in found.Values)
            {
                await ObserveAsync(cover, HistoricList, cancellationToken, seenBefore: _staleReferred.Contains(cover.CoverId)).ConfigureAwait(false);
            }

            missing.ExceptWith(found.Keys);
            await FlushCoversAsync(cancellationToken).ConfigureAwait(false);
            if (missing.Count > 0)
            {
                await RecordVanishedAsync(missing, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Per cover, the historic version that ended the version the store holds: the latest of those not older than
        /// it; none when every one is older. When the service supersedes a cover and keeps its id, GET /covers/historic
        /// holds the version it replaced (decided earlier, or on the same day for an earlier application), which did not
        /// end the one the store saw after it: taken, it would record the cover ended with content and dates it no
        /// longer had. A cover whose historic versions are all older is in neither list, and is recorded as missing.
        /// </summary>
        private async Task<Dictionary<long, CoverDecision>> ChooseEndingVersionsAsync(Dictionary<long, List<CoverDecision>> candidates, CancellationToken cancellationToken)
        {
            var chosen = new Dictionary<long, CoverDecision>(candidates.Count);
            foreach (var chunk in Chunks(candidates.Keys.ToList(), owner._options.ChunkSize))
            {
                foreach (var stored in await owner._store.GetLatestCoverVersionsAsync(Key, chunk, cancellationToken).ConfigureAwait(false))
                {
                    var storedVersion = CoverFingerprints.ReadCover(stored.Payload);
                    var storedAge = new VersionAge(storedVersion.DecisionDate, storedVersion.ApplicationDate);
                    CoverDecision? ending = null;
                    foreach (var historic in candidates[stored.CoverId])
                    {
                        var age = VersionAge.Of(historic);
                        // On a tie the later listed wins, as the lists keep their order.
                        if (age.CompareTo(storedAge) >= 0 && (ending is null || age.CompareTo(VersionAge.Of(ending)) >= 0))
                        {
                            ending = historic;
                        }
                    }

                    if (ending is not null)
                    {
                        chosen[stored.CoverId] = ending;
                    }
                }
            }

            return chosen;
        }

        public async Task SyncBuyersAsync(CancellationToken cancellationToken)
        {
            var known = new Dictionary<long, long>();
            await foreach (var entry in owner._store.ReadLatestBuyerRatingFingerprintsAsync(Key, cancellationToken).ConfigureAwait(false))
            {
                known[entry.BuyerId] = entry.Fingerprint;
            }

            var pending = new List<PendingRating>();
            var seen = new HashSet<long>();
            await foreach (var buyer in owner._source.ListMyBuyersAsync(cancellationToken).ConfigureAwait(false))
            {
                BuyersRead++;

                // A buyer listed twice (once per policy, say) is one buyer: the first entry counts, as for covers, so
                // that two entries never read as a rating changing, within a sync or from one sync to the next.
                if (!seen.Add(buyer.BuyerId))
                {
                    continue;
                }

                var snapshot = BuyerRatingSnapshot.From(buyer);
                var fingerprint = CoverFingerprints.Of(snapshot, out var payload);
                var isKnown = known.TryGetValue(snapshot.BuyerId, out var before);
                if (isKnown && before == fingerprint)
                {
                    continue;
                }

                known[snapshot.BuyerId] = fingerprint;
                pending.Add(new PendingRating(snapshot, fingerprint, payload, isKnown));
                if (pending.Count >= CommitSize)
                {
                    pending = await CommitAheadAsync(pending, CommitBuyersAsync, cancellationToken).ConfigureAwait(false);
                }
            }

            await ChunkAheadAsync().ConfigureAwait(false);
            await CommitBuyersAsync(pending, cancellationToken).ConfigureAwait(false);
        }

        private async Task CommitBuyersAsync(List<PendingRating> pending, CancellationToken cancellationToken)
        {
            if (pending.Count == 0)
            {
                return;
            }

            // Only buyers the store knew (before this sync, or from an earlier chunk of it) have a version to compare
            // with: a first sync reads none.
            var known = pending.Where(p => p.Known).Select(p => p.Snapshot.BuyerId).Distinct().ToList();
            var previous = (known.Count == 0
                    ? Array.Empty<StoredBuyerRatingVersion>()
                    : await owner._store.GetLatestBuyerRatingVersionsAsync(Key, known, cancellationToken).ConfigureAwait(false))
                .ToDictionary(v => v.BuyerId);
            var versions = new List<BuyerRatingVersion>(pending.Count);
            var changes = new List<CoverPortfolioChange>();
            foreach (var (snapshot, fingerprint, payload, _) in pending)
            {
                versions.Add(new BuyerRatingVersion { BuyerId = snapshot.BuyerId, Fingerprint = fingerprint, ObservedAt = startedAt, Payload = payload });

                // A buyer seen for the first time has no change to report: its rating is simply known from now on.
                // A new class with the same number is a change of rating too: the class is what many users act on.
                if (previous.TryGetValue(snapshot.BuyerId, out var stored) && CoverFingerprints.ReadBuyer(stored.Payload) is { } before
                    && (before.Rating != snapshot.Rating || !string.Equals(before.RatingClass, snapshot.RatingClass, StringComparison.Ordinal)))
                {
                    var change = new CoverPortfolioChange
                    {
                        Kind = CoverChangeKind.BuyerRatingChanged,
                        BuyerId = snapshot.BuyerId,
                        ObservedAt = startedAt,
                        PreviousRating = before.Rating,
                        Rating = snapshot.Rating,
                        PreviousRatingClass = before.RatingClass,
                        RatingClass = snapshot.RatingClass,
                        RatingDirection = BuyerRatingDirection.Between(before, snapshot),
                    };
                    changes.Add(change);
                }
            }

            var result = await owner._store.CommitAsync(Key, new PortfolioCommit { BuyerRatingVersions = versions, Changes = changes.Select(ToOutbox).ToList(), Lease = lease }, cancellationToken).ConfigureAwait(false);
            Commits++;
            ChangesRecorded += changes.Count;
            ChangesDelivered += await owner.DeliverCommittedAsync(handler, changes, result.ChangeIds, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Covers gone from both lists: their last known content is recorded as no longer current.</summary>
        private async Task RecordVanishedAsync(HashSet<long> coverIds, CancellationToken cancellationToken)
        {
            foreach (var chunk in Chunks(coverIds.ToList(), owner._options.ChunkSize))
            {
                var previous = await owner._store.GetLatestCoverVersionsAsync(Key, chunk, cancellationToken).ConfigureAwait(false);
                var versions = new List<CoverVersion>(previous.Count);
                var changes = new List<CoverPortfolioChange>(previous.Count);
                foreach (var stored in previous)
                {
                    var before = CoverFingerprints.ReadCover(stored.Payload);

                    // The stored version itself says the cover ended, so whoever reads it later (the history) finds the
                    // end the sync reports, not a copy of the version before it.
                    var ended = before with { IsHistoric = true };
                    versions.Add(new CoverVersion
                    {
                        CoverId = stored.CoverId,
                        BuyerId = stored.BuyerId,
                        // A row an earlier version wrote may hold a NUL, which the stores now refuse.
                        CoverType = StoredCoverType(stored.CoverType),
                        SourceList = MissingList,
                        Fingerprint = CoverFingerprints.Of(ended, out var payload),
                        ObservedAt = startedAt,
                        Payload = payload,
                    });
                    changes.Add(new CoverPortfolioChange
                    {
                        Kind = CoverChangeKind.CoverEnded,
                        CoverId = stored.CoverId,
                        BuyerId = stored.BuyerId,
                        ObservedAt = startedAt,
                        Cover = ended,
                        PreviousCover = before,
                        FieldChanges = CoverSnapshotDiff.Compare(before, ended),
                    });
                }

                await CommitAndDeliverAsync(versions, changes, cancellationToken).ConfigureAwait(false);
            }
        }

        private static IEnumerable<List<long>> Chunks(List<long> ids, int size)
        {
            for (var i = 0; i < ids.Count; i += size)
            {
                yield return ids.GetRange(i, Math.Min(size, ids.Count - i));
            }
        }

        /// <summary>
        /// The cover type as the store's column keeps it: a NUL character, which a PostgreSQL text column cannot hold,
        /// becomes U+FFFD (the version's payload keeps the type as the service sent it). One cover with such a type would
        /// otherwise stop every sync of the portfolio, and on one store only.
        /// </summary>
        private static string StoredCoverType(string coverType) => coverType.Replace('\0', '\uFFFD');

        /// <summary>
        /// Orders the versions of one cover, which the service gives no number: by decision date, then by application
        /// date and time (several applications can be decided on one day, and a decision date may carry no time). A date
        /// one of the two versions does not show is no evidence either way, and the next one decides; versions that show
        /// neither are of one age.
        /// </summary>
        private readonly record struct VersionAge(DateTimeOffset? DecisionDate, DateTimeOffset? ApplicationDate)
        {
            public static VersionAge Of(CoverDecision cover) => new(cover.DecisionDate, cover.ApplicationDate);

            public int CompareTo(VersionAge other)
            {
                var byDecision = Compare(DecisionDate, other.DecisionDate);
                return byDecision != 0 ? byDecision : Compare(ApplicationDate, other.ApplicationDate);
            }

            private static int Compare(DateTimeOffset? a, DateTimeOffset? b) => a is { } x && b is { } y ? x.CompareTo(y) : 0;
        }

        /// <summary>A new or changed cover waiting for its chunk's commit, kept in the chunk's list itself.</summary>
        private readonly record struct Observed(CoverSnapshot Snapshot, long Fingerprint, byte[] Payload, string SourceList, bool Known);

        /// <summary>A buyer's new or changed rating waiting for its chunk's commit; Known: the store may hold an earlier one.</summary>
        private readonly record struct PendingRating(BuyerRatingSnapshot Snapshot, long Fingerprint, byte[] Payload, bool Known);
    }
}
