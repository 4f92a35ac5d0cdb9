namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The local record of a portfolio: every cover and buyer rating version observed, an outbox of classified changes,
/// the sync state, batch records, leases and report runs.
/// </summary>
/// <remarks>
/// Payloads are opaque UTF-8 JSON: the store keeps and returns the bytes and queries only the keys beside them.
/// Times are kept in UTC with microsecond precision. Implementations are thread-safe and create their schema on
/// first use; <see cref="InitializeAsync"/> only lets a host do it at start-up and see a failure early.
/// A portfolio key names one portfolio (for example "200417/5012345"); one store can keep several.
/// <para>
/// Writes that matter to work done under a lease (a commit, a batch item transition, a report run) can carry the
/// lease. The store then checks, in the write's own transaction, that the lease still names the holding the write
/// was made under (holder and fencing token), and refuses the write with <see cref="PortfolioLeaseLostException"/>
/// when another holder has taken it over: a holder paused past its lease never writes beside the new holder. A
/// take-over that comes while such a write runs waits for it, or the write waits for the take-over and is refused.
/// </para>
/// </remarks>
public interface ICoverPortfolioStore
{
    /// <summary>Creates the schema, or migrates it forward, if that has not been done yet.</summary>
    /// <param name="cancellationToken">Cancels the initialisation.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams the fingerprint of the latest version of every cover of the portfolio, in cover id order.</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One entry per cover.</returns>
    IAsyncEnumerable<CoverFingerprint> ReadLatestCoverFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default);

    /// <summary>Gets the latest version of each of the given covers that the store knows.</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="coverIds">The covers; unknown ones are left out of the result.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The latest versions, in cover id order.</returns>
    Task<IReadOnlyList<StoredCoverVersion>> GetLatestCoverVersionsAsync(string portfolioKey, IEnumerable<long> coverIds, CancellationToken cancellationToken = default);

    /// <summary>Streams the cover versions that match the query, oldest first (by observation time, then version id).</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="query">Which versions to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The matching versions, oldest first.</returns>
    IAsyncEnumerable<StoredCoverVersion> ReadCoverVersionsAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Streams the fingerprint of the latest rating version of every buyer of the portfolio, in buyer id order.</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One entry per buyer.</returns>
    IAsyncEnumerable<BuyerRatingFingerprint> ReadLatestBuyerRatingFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default);

    /// <summary>Gets the latest rating version of each of the given buyers that the store knows.</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="buyerIds">The buyers; unknown ones are left out of the result.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The latest rating versions, in buyer id order.</returns>
    Task<IReadOnlyList<StoredBuyerRatingVersion>> GetLatestBuyerRatingVersionsAsync(string portfolioKey, IEnumerable<long> buyerIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes new versions, the changes they make and the sync state in one transaction: after a crash at any point,
    /// either all of it is kept or none of it.
    /// </summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="commit">What to write.</param>
    /// <param name="cancellationToken">Cancels the commit; a cancelled commit writes nothing.</param>
    /// <returns>The identifiers the store gave to what it wrote.</returns>
    /// <exception cref="PortfolioLeaseLostException">
    /// The commit carries a lease (<see cref="PortfolioCommit.Lease"/>) that another holder has taken over; nothing was written.
    /// </exception>
    Task<PortfolioCommitResult> CommitAsync(string portfolioKey, PortfolioCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Reads the portfolio's changes not yet marked delivered, in the order they were committed.</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="maxCount">The most changes to return; at least 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// Up to <paramref name="maxCount"/> changes, oldest first; a change about a cover with the payloads of the cover
    /// versions it refers to (<see cref="StoredPortfolioChange.NewVersionPayload"/>,
    /// <see cref="StoredPortfolioChange.PreviousVersionPayload"/>), since the sync does not repeat them in its payload.
    /// </returns>
    Task<IReadOnlyList<StoredPortfolioChange>> ReadUndeliveredChangesAsync(string portfolioKey, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Marks the portfolio's changes up to and including <paramref name="upToChangeId"/> as delivered.</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="upToChangeId">The last delivered change; marking an earlier one than already marked does nothing.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the mark is stored.</returns>
    Task MarkChangesDeliveredAsync(string portfolioKey, long upToChangeId, CancellationToken cancellationToken = default);

    /// <summary>Gets the portfolio's sync state, or <see langword="null"/> before its first commit with one.</summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sync state, or <see langword="null"/>.</returns>
    Task<PortfolioSyncState?> GetSyncStateAsync(string portfolioKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the items of a batch as <see cref="BatchItemState.Pending"/>, leaving alone every item already recorded
    /// under the same key, so a re-run of a batch adds only what is new.
    /// </summary>
    /// <remarks>
    /// The store numbers the items it adds (<see cref="BatchItem.ItemIndex"/>) after the highest index the batch already
    /// holds, from 0 for a new batch, one after another in the order of their <see cref="NewBatchItem.ItemIndex"/> (items
    /// with the same index in the order given): a batch's indexes run 0, 1, 2… without repeats or gaps, also when a
    /// re-run adds items and when callers add to one batch at once.
    /// </remarks>
    /// <param name="batchId">The batch.</param>
    /// <param name="items">The items; a key given twice is one item, at its first place.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled call records nothing.</param>
    /// <returns>How many items were new.</returns>
    Task<int> AddBatchItemsAsync(string batchId, IEnumerable<NewBatchItem> items, CancellationToken cancellationToken = default);

    /// <summary>Gets every item of a batch, in item index order.</summary>
    /// <param name="batchId">The batch.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The batch's items; empty for an unknown batch.</returns>
    Task<IReadOnlyList<BatchItem>> GetBatchItemsAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves an item to a new state only if it is in <paramref name="expectedState"/>: of several runners that try
    /// the same move at once, exactly one succeeds.
    /// </summary>
    /// <param name="batchId">The batch.</param>
    /// <param name="itemKey">The item.</param>
    /// <param name="expectedState">The state the item must be in.</param>
    /// <param name="transition">What to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>
    /// The item as written, or <see langword="null"/> when it is unknown, not in the expected state, or has made another
    /// number of attempts than <see cref="BatchItemTransition.ExpectedAttemptCount"/>.
    /// </returns>
    /// <exception cref="PortfolioLeaseLostException">
    /// The transition carries a lease (<see cref="BatchItemTransition.Lease"/>) that another holder has taken over; the item
    /// was left as it was.
    /// </exception>
    Task<BatchItem?> TryTransitionBatchItemAsync(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the lease on a resource if nobody else holds an unexpired one. A holder that asks again while it holds
    /// the lease extends it and keeps its fencing token.
    /// </summary>
    /// <param name="resource">What the lease is on.</param>
    /// <param name="holderId">
    /// Who asks; unique per holding, not merely per process: asking again under the same id is taken for the same
    /// holder and granted the same lease and token, so two holdings in one process under one id could not be told
    /// apart by fencing (for example host name and process id followed by a random part, as the SDK's own features do).
    /// </param>
    /// <param name="duration">How long the lease lasts unless renewed; positive and at most 49 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The lease, or <see langword="null"/> when another holder has it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="duration"/> is zero, negative or longer than 49 days (the longest a holder's renewal timer can
    /// wait, and longer than any lease the SDK's own features take), checked before the store is touched.
    /// </exception>
    Task<PortfolioLease?> TryAcquireLeaseAsync(string resource, string holderId, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease, if nobody has taken it over since it was granted.</summary>
    /// <param name="lease">The lease as last granted.</param>
    /// <param name="duration">How long from now the lease lasts; positive and at most 49 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The extended lease, or <see langword="null"/> when it was lost (released, or taken over after it expired).</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="duration"/> is zero, negative or longer than 49 days, checked before the store is touched.
    /// </exception>
    Task<PortfolioLease?> RenewLeaseAsync(PortfolioLease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives up a lease so another holder can take it at once.</summary>
    /// <param name="lease">The lease as last granted.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when the lease was still held and is now released.</returns>
    Task<bool> ReleaseLeaseAsync(PortfolioLease lease, CancellationToken cancellationToken = default);

    /// <summary>Gets the last run of a report, or <see langword="null"/> when it never ran.</summary>
    /// <param name="reportName">The report.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The last run, or <see langword="null"/>.</returns>
    Task<ReportRun?> GetReportRunAsync(string reportName, CancellationToken cancellationToken = default);

    /// <summary>Records a run of a report, replacing the one recorded before.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the run is stored.</returns>
    /// <exception cref="PortfolioLeaseLostException">
    /// The run carries a lease (<see cref="ReportRun.Lease"/>) that another holder has taken over; the run recorded before
    /// was kept.
    /// </exception>
    Task SaveReportRunAsync(ReportRun run, CancellationToken cancellationToken = default);
}
