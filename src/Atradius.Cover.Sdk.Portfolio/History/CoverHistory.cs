using System.Runtime.CompilerServices;
using Atradius.Cover.Sdk.Portfolio.Internal;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The history of covers: every version the local store has seen, plus the historic versions the service keeps for
/// the buyer (GET /covers/historic, the service's only history), oldest first, each with what changed.
/// </summary>
/// <remarks>The real service has no history route and no version numbers; this history is built from what exists.</remarks>
public sealed class CoverHistory
{
    /// <summary>The source name of a version read from GET /covers/historic that the store never saw.</summary>
    public const string ServiceHistoric = "service-historic";

    private readonly ICoverPortfolioStore _store;
    private readonly string _portfolioKey;
    private readonly ICoverPortfolioSource? _source;

    /// <summary>
    /// Creates a history over the store and the service, reading the historic versions of the client's own customer
    /// and policy. For another customer's portfolio (a broker's), use the overload that names the customer.
    /// </summary>
    /// <param name="client">The client, to read the service's historic versions.</param>
    /// <param name="store">The store the sync writes to.</param>
    /// <param name="portfolioKey">The portfolio's key in the store.</param>
    public CoverHistory(ICoverClient client, ICoverPortfolioStore store, string portfolioKey)
        : this(store, portfolioKey, new CoverClientPortfolioSource(client ?? throw new ArgumentNullException(nameof(client))))
    {
    }

    /// <summary>
    /// Creates a history over the store and the service, reading the historic versions of one customer and policy: those
    /// of the portfolio the key names, for example one of the customers a broker's client works for, as its sync read
    /// them (<see cref="CoverClientPortfolioSource(ICoverClient, long?, string?)"/>). Read for the client's own customer
    /// instead, such a history would miss the other customer's ended versions and could show the client's own on the
    /// same buyer.
    /// </summary>
    /// <param name="client">The client, to read the service's historic versions.</param>
    /// <param name="store">The store the sync writes to.</param>
    /// <param name="portfolioKey">The portfolio's key in the store.</param>
    /// <param name="customerId">The customer whose historic versions are read; the client's when null.</param>
    /// <param name="policyId">The policy whose historic versions are read; when null, the client's for the client's own customer, and every policy of another customer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerId"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks or longer than 20 characters without the blanks around it, or <paramref name="portfolioKey"/> is empty.</exception>
    public CoverHistory(ICoverClient client, ICoverPortfolioStore store, string portfolioKey, long? customerId, string? policyId)
        : this(store, portfolioKey, new CoverClientPortfolioSource(client ?? throw new ArgumentNullException(nameof(client)), customerId, policyId))
    {
    }

    /// <summary>Creates a history over the store and, when given, a source of the service's historic versions.</summary>
    /// <param name="store">The store the sync writes to.</param>
    /// <param name="portfolioKey">The portfolio's key in the store.</param>
    /// <param name="source">Where the historic list is read; null for the store's versions only.</param>
    public CoverHistory(ICoverPortfolioStore store, string portfolioKey, ICoverPortfolioSource? source)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        if (string.IsNullOrWhiteSpace(portfolioKey))
        {
            throw new ArgumentException("The portfolio key must not be empty.", nameof(portfolioKey));
        }

        _portfolioKey = portfolioKey;
        _source = source;
    }

    /// <summary>Gets the history of every cover on a buyer, oldest first.</summary>
    /// <param name="buyerId">The buyer.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The versions, oldest first.</returns>
    public Task<IReadOnlyList<CoverHistoryEntry>> GetBuyerHistoryAsync(long buyerId, CancellationToken cancellationToken = default) =>
        GetAsync(buyerId, null, cancellationToken);

    /// <summary>Gets the history of one cover, oldest first.</summary>
    /// <param name="buyerId">The buyer (the service lists historic versions by buyer).</param>
    /// <param name="coverId">The cover.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The versions, oldest first; empty when neither the store nor the service knows the cover.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buyerId"/> or <paramref name="coverId"/> is not positive.</exception>
    public Task<IReadOnlyList<CoverHistoryEntry>> GetCoverHistoryAsync(long buyerId, long coverId, CancellationToken cancellationToken = default) =>
        GetAsync(buyerId, coverId, cancellationToken);

    /// <summary>
    /// Streams every version the store observed in a time range across the portfolio, oldest first, each with what
    /// changed from the cover's version before it (which may be older than the range).
    /// </summary>
    /// <param name="from">Start of the range (inclusive).</param>
    /// <param name="to">End of the range (exclusive).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The versions, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>; thrown by this call, before anything is read.</exception>
    public IAsyncEnumerable<CoverHistoryEntry> ReadPortfolioHistoryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // Checked here, not in the iterator: there it would surface at the first MoveNextAsync, far from the call.
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The end of the range must not be before its start.");
        }

        return ReadPortfolioHistoryCoreAsync(from, to, cancellationToken);
    }

    private async IAsyncEnumerable<CoverHistoryEntry> ReadPortfolioHistoryCoreAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new CoverVersionQuery { From = from, To = to };
        if (_store is IPreviousCoverVersionReader joined)
        {
            await foreach (var (version, previous) in joined.ReadCoverVersionsWithPreviousAsync(_portfolioKey, query, cancellationToken).ConfigureAwait(false))
            {
                yield return Entry(CoverFingerprints.ReadCover(version.Payload), version.ObservedAt, version.SourceList, previous.IsEmpty ? null : CoverFingerprints.ReadCover(previous));
            }

            yield break;
        }

        // Another store: each version's previous is read when it is needed, since keeping the last version of every
        // cover seen would hold the whole portfolio in memory over a long range.
        await foreach (var version in _store.ReadCoverVersionsAsync(_portfolioKey, query, cancellationToken).ConfigureAwait(false))
        {
            var before = await VersionBeforeAsync(version, cancellationToken).ConfigureAwait(false);
            yield return Entry(CoverFingerprints.ReadCover(version.Payload), version.ObservedAt, version.SourceList, before);
        }
    }

    // The cover's version with the next lower version id, as the stores that join it define it.
    private async Task<CoverSnapshot?> VersionBeforeAsync(StoredCoverVersion version, CancellationToken cancellationToken)
    {
        StoredCoverVersion? before = null;
        await foreach (var other in _store.ReadCoverVersionsAsync(_portfolioKey, new CoverVersionQuery { CoverId = version.CoverId }, cancellationToken).ConfigureAwait(false))
        {
            if (other.VersionId < version.VersionId && (before is null || other.VersionId > before.VersionId))
            {
                before = other;
            }
        }

        return before is null ? null : CoverFingerprints.ReadCover(before.Payload);
    }

    private async Task<IReadOnlyList<CoverHistoryEntry>> GetAsync(long buyerId, long? coverId, CancellationToken cancellationToken)
    {
        if (buyerId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(buyerId), buyerId, "The buyer id must be positive.");
        }

        if (coverId is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coverId), coverId, "The cover id must be positive.");
        }

        var versions = new List<HistoryVersion>();
        var known = new HashSet<long>();
        var seenAt = new Dictionary<long, DateTimeOffset>();
        var latestSeen = new Dictionary<long, (CoverSnapshot Cover, DateTimeOffset ObservedAt)>();
        var seenWithDates = new Dictionary<(long CoverId, DateTimeOffset? Decided, DateTimeOffset? Applied), DateTimeOffset>();
        await foreach (var stored in _store.ReadCoverVersionsAsync(_portfolioKey, new CoverVersionQuery { BuyerId = buyerId, CoverId = coverId }, cancellationToken).ConfigureAwait(false))
        {
            var snapshot = CoverFingerprints.ReadCover(stored.Payload);
            versions.Add(new HistoryVersion(snapshot, stored.ObservedAt, stored.SourceList, stored.ObservedAt, EndsSeenVersion: false));
            known.Add(stored.Fingerprint & ~1L);
            var content = Content(snapshot);
            seenAt[content] = seenAt.TryGetValue(content, out var other) && other > stored.ObservedAt ? other : stored.ObservedAt;
            if (!latestSeen.TryGetValue(snapshot.CoverId, out var latest) || stored.ObservedAt >= latest.ObservedAt)
            {
                latestSeen[snapshot.CoverId] = (snapshot, stored.ObservedAt);
            }

            if (!snapshot.IsHistoric && (snapshot.DecisionDate is not null || snapshot.ApplicationDate is not null))
            {
                var dates = (snapshot.CoverId, snapshot.DecisionDate, snapshot.ApplicationDate);
                seenWithDates[dates] = seenWithDates.TryGetValue(dates, out var seen) && seen > stored.ObservedAt ? seen : stored.ObservedAt;
            }
        }

        if (_source is not null)
        {
            await foreach (var cover in _source.ListHistoricAsync(new CoverQuery { BuyerId = buyerId }, cancellationToken).ConfigureAwait(false))
            {
                if (coverId is { } id && cover.CoverId != id)
                {
                    continue;
                }

                var snapshot = CoverSnapshot.FromHistoric(cover);
                if (!known.Add(CoverFingerprints.Of(snapshot, out _) & ~1L))
                {
                    continue;
                }

                // The service's ended copy of a version the store saw came about when that version ended, after it: its
                // decision date is the version's own, older than the observation it would otherwise be sorted against.
                // So is a copy the service changed as it ended the version (an end date filled in, a pending process
                // cleared): the latest version the store saw when the copy is not older than it, else an earlier version
                // the store saw with the copy's dates (one replaced under the same id).
                versions.Add(seenAt.TryGetValue(Content(snapshot), out var endedAfter)
                    ? new HistoryVersion(snapshot, null, ServiceHistoric, endedAfter, EndsSeenVersion: true)
                    : latestSeen.TryGetValue(snapshot.CoverId, out var latest) && !IsOlder(snapshot, latest.Cover)
                        ? new HistoryVersion(snapshot, null, ServiceHistoric, latest.ObservedAt, EndsSeenVersion: true)
                        : (snapshot.DecisionDate is not null || snapshot.ApplicationDate is not null) && seenWithDates.TryGetValue((snapshot.CoverId, snapshot.DecisionDate, snapshot.ApplicationDate), out var sameDates)
                            ? new HistoryVersion(snapshot, null, ServiceHistoric, sameDates, EndsSeenVersion: true)
                            : new HistoryVersion(snapshot, null, ServiceHistoric, Timestamp(snapshot, null), EndsSeenVersion: false));
            }
        }

        var sorted = versions.OrderBy(v => v.SortedAt ?? DateTimeOffset.MinValue).ThenBy(v => v.EndsSeenVersion).ToList();
        var lastVersion = new Dictionary<long, int>();
        for (var i = 0; i < sorted.Count; i++)
        {
            lastVersion[sorted[i].Cover.CoverId] = i;
        }

        var entries = new List<CoverHistoryEntry>(sorted.Count);
        var last = new Dictionary<long, CoverSnapshot>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var version = sorted[i];
            last.TryGetValue(version.Cover.CoverId, out var before);
            if (version.ObservedAt is null && version.Cover.IsHistoric && lastVersion.TryGetValue(version.Cover.CoverId, out var later) && later > i)
            {
                // The service's ended copy of a version replaced under the same cover id (a change that keeps the id):
                // the cover goes on, so the copy ends nothing, and the next version (current, or the cover's own end) is
                // a change of the one it replaced, as the sync reports it. An end the store recorded (historic, missing)
                // is one the sync reported, and the cover listed again after it is new, as the sync reported it too.
                entries.Add(Entry(version.Cover, version.ObservedAt, version.Source, before) with { Kinds = Array.Empty<CoverChangeKind>() });
                continue;
            }

            if (version.ObservedAt is null && version.Cover.IsHistoric && before is { IsHistoric: true } && (Content(before) == Content(version.Cover) || version.EndsSeenVersion))
            {
                // The service's ended copy of an end the store recorded already (a cover recorded missing whose historic
                // version the service lists later): the same end, told again with its historic code. It ends nothing more.
                entries.Add(Entry(version.Cover, version.ObservedAt, version.Source, before) with { Kinds = Array.Empty<CoverChangeKind>() });
                last[version.Cover.CoverId] = version.Cover;
                continue;
            }

            entries.Add(Entry(version.Cover, version.ObservedAt, version.Source, before));
            last[version.Cover.CoverId] = version.Cover;
        }

        return entries;
    }

    /// <summary>
    /// Whether a version of a cover is older than another by the dates both show: decision date, then application date.
    /// Of two versions of one application (the same application date), the undecided one is older than the decided one,
    /// and a decided one or one as undecided as the other is not: an application withdrawn or refused ends its referred
    /// version, whose decision date is missing, while the referred stage of an application decided since ends nothing.
    /// A version with no date in common with the other is taken as not ending it: sorted by its own dates.
    /// </summary>
    private static bool IsOlder(CoverSnapshot version, CoverSnapshot than)
    {
        var bothDecided = version.DecisionDate is not null && than.DecisionDate is not null;
        if (bothDecided && version.DecisionDate != than.DecisionDate)
        {
            return version.DecisionDate < than.DecisionDate;
        }

        if (version.DecisionDate is null && than.DecisionDate is { } decidedAt && version.ApplicationDate is { } undecidedApplied
            && DecisionTiming.IsNoEarlierThan(decidedAt, than.Code, undecidedApplied))
        {
            // An application not decided, made no later than the other's decision: the increase a decision under the
            // cover's older application date refused, or the referred stage of an application decided since.
            return true;
        }

        if (version.ApplicationDate is { } applied && than.ApplicationDate is { } thanApplied)
        {
            return applied != thanApplied ? applied < thanApplied : version.DecisionDate is null && than.DecisionDate is not null;
        }

        return !bothDecided;
    }

    /// <summary>The fingerprint of a version's content without what says it ended, which an ended copy adds.</summary>
    private static long Content(CoverSnapshot cover) =>
        CoverFingerprints.Of(cover.IsHistoric ? cover with { HistoricCode = null, IsHistoric = false } : cover, out _);

    private static CoverHistoryEntry Entry(CoverSnapshot cover, DateTimeOffset? observedAt, string source, CoverSnapshot? before) => new()
    {
        CoverId = cover.CoverId,
        BuyerId = cover.BuyerId,
        Cover = cover,
        ObservedAt = observedAt,
        Timestamp = Timestamp(cover, observedAt),
        Source = source,
        // A cover's first version has the kind the sync reports for a cover first seen (NewDecision, Referred or
        // CoverEnded), so that the history and the handler's changes tell the same story.
        Kinds = CoverChangeClassifier.Classify(before, cover),
        FieldChanges = before is null ? Array.Empty<CoverFieldChange>() : CoverSnapshotDiff.Compare(before, cover),
    };

    private static DateTimeOffset? Timestamp(CoverSnapshot cover, DateTimeOffset? observedAt) => observedAt ?? cover.DecisionDate ?? cover.ApplicationDate;

    /// <summary>A version of the history and where it sorts: a version the store saw by its observation, a copy that ended one right after it.</summary>
    private readonly record struct HistoryVersion(CoverSnapshot Cover, DateTimeOffset? ObservedAt, string Source, DateTimeOffset? SortedAt, bool EndsSeenVersion);
}
