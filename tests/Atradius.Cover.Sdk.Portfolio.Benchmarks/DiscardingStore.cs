using System.Runtime.CompilerServices;
using Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// A store that keeps nothing and knows nothing: every sync is a first sync, a commit only numbers what it is given.
/// A first sync into it costs everything a sync does except the database, so its time against a walk is the least
/// ratio any store, of whatever layout, could give.
/// </summary>
internal sealed class DiscardingStore : ICoverPortfolioStore
{
    private long lastId;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IAsyncEnumerable<CoverFingerprint> ReadLatestCoverFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default) => Nothing<CoverFingerprint>(cancellationToken);

    public Task<IReadOnlyList<StoredCoverVersion>> GetLatestCoverVersionsAsync(string portfolioKey, IEnumerable<long> coverIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredCoverVersion>>([]);

    public IAsyncEnumerable<StoredCoverVersion> ReadCoverVersionsAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken = default) => Nothing<StoredCoverVersion>(cancellationToken);

    public IAsyncEnumerable<BuyerRatingFingerprint> ReadLatestBuyerRatingFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default) => Nothing<BuyerRatingFingerprint>(cancellationToken);

    public Task<IReadOnlyList<StoredBuyerRatingVersion>> GetLatestBuyerRatingVersionsAsync(string portfolioKey, IEnumerable<long> buyerIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredBuyerRatingVersion>>([]);

    public Task<PortfolioCommitResult> CommitAsync(string portfolioKey, PortfolioCommit commit, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PortfolioCommitResult
        {
            CoverVersionIds = NextIds(commit.CoverVersions.Count),
            BuyerRatingVersionIds = NextIds(commit.BuyerRatingVersions.Count),
            ChangeIds = NextIds(commit.Changes.Count),
        });

    public Task<IReadOnlyList<StoredPortfolioChange>> ReadUndeliveredChangesAsync(string portfolioKey, int maxCount, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredPortfolioChange>>([]);

    public Task MarkChangesDeliveredAsync(string portfolioKey, long upToChangeId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<PortfolioSyncState?> GetSyncStateAsync(string portfolioKey, CancellationToken cancellationToken = default) => Task.FromResult<PortfolioSyncState?>(null);

    public Task<int> AddBatchItemsAsync(string batchId, IEnumerable<NewBatchItem> items, CancellationToken cancellationToken = default) => throw NotForSync();

    public Task<IReadOnlyList<BatchItem>> GetBatchItemsAsync(string batchId, CancellationToken cancellationToken = default) => throw NotForSync();

    public Task<BatchItem?> TryTransitionBatchItemAsync(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition, CancellationToken cancellationToken = default) => throw NotForSync();

    public Task<PortfolioLease?> TryAcquireLeaseAsync(string resource, string holderId, TimeSpan duration, CancellationToken cancellationToken = default) => throw NotForSync();

    public Task<PortfolioLease?> RenewLeaseAsync(PortfolioLease lease, TimeSpan duration, CancellationToken cancellationToken = default) => throw NotForSync();

    public Task<bool> ReleaseLeaseAsync(PortfolioLease lease, CancellationToken cancellationToken = default) => throw NotForSync();

    public Task<ReportRun?> GetReportRunAsync(string reportName, CancellationToken cancellationToken = default) => throw NotForSync();

    public Task SaveReportRunAsync(ReportRun run, CancellationToken cancellationToken = default) => throw NotForSync();

    private static async IAsyncEnumerable<T> Nothing<T>([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    private static NotSupportedException NotForSync() => new("The discarding store serves a sync only.");

    private long[] NextIds(int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = ++lastId;
        }

        return ids;
    }
}
