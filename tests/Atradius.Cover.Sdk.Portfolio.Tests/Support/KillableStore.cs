using System.Runtime.CompilerServices;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// Passes every call to a store until it is killed; from then on every call fails, as if the process using it had
/// died (it can neither renew nor release its lease). Can also fail once on a chosen batch transition, hold commits,
/// and tell when a lease is refused or renewed.
/// </summary>
internal sealed class KillableStore(ICoverPortfolioStore inner) : ICoverPortfolioStore
{
    private volatile bool killed;
    private int refusedCalls;

    public ICoverPortfolioStore Inner => inner;

    /// <summary>Fails the next transition into this state, after nothing was written (a kill between send and record).</summary>
    public BatchItemState? FailNextTransitionTo { get; set; }

    /// <summary>Called after each batch transition the store made, with the transition; a test stops a run there.</summary>
    public Action<BatchItemTransition>? AfterTransition { get; set; }

    /// <summary>Awaited before each commit passes on, as a slow disk would make it wait; a test holds a commit with it.</summary>
    public Func<PortfolioCommit, Task>? BeforeCommit { get; set; }

    /// <summary>Called each time the store refuses a lease because another holder has it (a run waiting for the batch).</summary>
    public Action? LeaseRefused { get; set; }

    /// <summary>Called after each renewal with what the store answered (null: the lease was lost).</summary>
    public Action<PortfolioLease?>? LeaseRenewed { get; set; }

    /// <summary>Awaited before each report run is saved; a test pauses the writer there past its lease.</summary>
    public Func<Task>? BeforeSaveReportRun { get; set; }

    /// <summary>Fails the next renewal with an error, as a store that cannot be reached for a moment does.</summary>
    public bool FailNextRenewal { get; set; }

    /// <summary>Awaited before each renewal passes on, with the renewal's token; a test holds a renewal with it, as a store that stopped answering does.</summary>
    public Func<CancellationToken, Task>? BeforeRenewal { get; set; }

    /// <summary>Awaited before each release passes on, with the release's token; a test holds a release with it, as a store that stopped answering does.</summary>
    public Func<CancellationToken, Task>? BeforeRelease { get; set; }

    /// <summary>How many calls failed because the store was killed.</summary>
    public int RefusedCalls => Volatile.Read(ref refusedCalls);

    public void Kill() => killed = true;

    public void Revive() => killed = false;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Alive(() => inner.InitializeAsync(cancellationToken));

    public async IAsyncEnumerable<CoverFingerprint> ReadLatestCoverFingerprintsAsync(string portfolioKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Check();
        await foreach (var item in inner.ReadLatestCoverFingerprintsAsync(portfolioKey, cancellationToken))
        {
            yield return item;
        }
    }

    public Task<IReadOnlyList<StoredCoverVersion>> GetLatestCoverVersionsAsync(string portfolioKey, IEnumerable<long> coverIds, CancellationToken cancellationToken = default) =>
        Alive(() => inner.GetLatestCoverVersionsAsync(portfolioKey, coverIds, cancellationToken));

    public async IAsyncEnumerable<StoredCoverVersion> ReadCoverVersionsAsync(string portfolioKey, CoverVersionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Check();
        await foreach (var item in inner.ReadCoverVersionsAsync(portfolioKey, query, cancellationToken))
        {
            yield return item;
        }
    }

    public async IAsyncEnumerable<BuyerRatingFingerprint> ReadLatestBuyerRatingFingerprintsAsync(string portfolioKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Check();
        await foreach (var item in inner.ReadLatestBuyerRatingFingerprintsAsync(portfolioKey, cancellationToken))
        {
            yield return item;
        }
    }

    public Task<IReadOnlyList<StoredBuyerRatingVersion>> GetLatestBuyerRatingVersionsAsync(string portfolioKey, IEnumerable<long> buyerIds, CancellationToken cancellationToken = default) =>
        Alive(() => inner.GetLatestBuyerRatingVersionsAsync(portfolioKey, buyerIds, cancellationToken));

    public async Task<PortfolioCommitResult> CommitAsync(string portfolioKey, PortfolioCommit commit, CancellationToken cancellationToken = default)
    {
        if (BeforeCommit is { } wait)
        {
            await wait(commit);
        }

        return await Alive(() => inner.CommitAsync(portfolioKey, commit, cancellationToken));
    }

    public Task<IReadOnlyList<StoredPortfolioChange>> ReadUndeliveredChangesAsync(string portfolioKey, int maxCount, CancellationToken cancellationToken = default) =>
        Alive(() => inner.ReadUndeliveredChangesAsync(portfolioKey, maxCount, cancellationToken));

    public Task MarkChangesDeliveredAsync(string portfolioKey, long upToChangeId, CancellationToken cancellationToken = default) =>
        Alive(() => inner.MarkChangesDeliveredAsync(portfolioKey, upToChangeId, cancellationToken));

    public Task<PortfolioSyncState?> GetSyncStateAsync(string portfolioKey, CancellationToken cancellationToken = default) =>
        Alive(() => inner.GetSyncStateAsync(portfolioKey, cancellationToken));

    public Task<int> AddBatchItemsAsync(string batchId, IEnumerable<NewBatchItem> items, CancellationToken cancellationToken = default) =>
        Alive(() => inner.AddBatchItemsAsync(batchId, items, cancellationToken));

    public Task<IReadOnlyList<BatchItem>> GetBatchItemsAsync(string batchId, CancellationToken cancellationToken = default) =>
        Alive(() => inner.GetBatchItemsAsync(batchId, cancellationToken));

    public Task<BatchItem?> TryTransitionBatchItemAsync(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition, CancellationToken cancellationToken = default)
    {
        if (FailNextTransitionTo == transition.State)
        {
            FailNextTransitionTo = null;
            throw new IOException("killed between send and record");
        }

        return TransitionAndTellAsync(batchId, itemKey, expectedState, transition, cancellationToken);
    }

    private async Task<BatchItem?> TransitionAndTellAsync(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition, CancellationToken cancellationToken)
    {
        var item = await Alive(() => inner.TryTransitionBatchItemAsync(batchId, itemKey, expectedState, transition, cancellationToken));
        if (item is not null)
        {
            AfterTransition?.Invoke(transition);
        }

        return item;
    }

    public async Task<PortfolioLease?> TryAcquireLeaseAsync(string resource, string holderId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var lease = await Alive(() => inner.TryAcquireLeaseAsync(resource, holderId, duration, cancellationToken));
        if (lease is null)
        {
            LeaseRefused?.Invoke();
        }

        return lease;
    }

    public async Task<PortfolioLease?> RenewLeaseAsync(PortfolioLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (FailNextRenewal)
        {
            FailNextRenewal = false;
            throw new IOException("the store blinked");
        }

        if (BeforeRenewal is { } wait)
        {
            await wait(cancellationToken);
        }

        var renewed = await Alive(() => inner.RenewLeaseAsync(lease, duration, cancellationToken));
        LeaseRenewed?.Invoke(renewed);
        return renewed;
    }

    public async Task<bool> ReleaseLeaseAsync(PortfolioLease lease, CancellationToken cancellationToken = default)
    {
        if (BeforeRelease is { } before)
        {
            await before(cancellationToken);
        }

        return await Alive(() => inner.ReleaseLeaseAsync(lease, cancellationToken));
    }

    public Task<ReportRun?> GetReportRunAsync(string reportName, CancellationToken cancellationToken = default) =>
        Alive(() => inner.GetReportRunAsync(reportName, cancellationToken));

    public async Task SaveReportRunAsync(ReportRun run, CancellationToken cancellationToken = default)
    {
        if (BeforeSaveReportRun is { } wait)
        {
            await wait();
        }

        await Alive(() => inner.SaveReportRunAsync(run, cancellationToken));
    }

    private void Check()
    {
        if (killed)
        {
            Interlocked.Increment(ref refusedCalls);
            throw new IOException("The process using this store has died.");
        }
    }

    private T Alive<T>(Func<T> call)
    {
        Check();
        return call();
    }
}
