namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// What one call to <see cref="ICoverPortfolioStore.CommitAsync"/> writes, all in one transaction: either every
/// part is kept or none is.
/// </summary>
public sealed class PortfolioCommit
{
    /// <summary>New cover versions, in the order they were observed.</summary>
    public IReadOnlyList<CoverVersion> CoverVersions { get; init; } = Array.Empty<CoverVersion>();

    /// <summary>New buyer rating versions, in the order they were observed.</summary>
    public IReadOnlyList<BuyerRatingVersion> BuyerRatingVersions { get; init; } = Array.Empty<BuyerRatingVersion>();

    /// <summary>Changes to append to the outbox, in the order they are to be delivered.</summary>
    public IReadOnlyList<PortfolioChange> Changes { get; init; } = Array.Empty<PortfolioChange>();

    /// <summary>The portfolio's sync state after this commit; <see langword="null"/> leaves the stored state as it is.</summary>
    public PortfolioSyncState? SyncState { get; init; }

    /// <summary>
    /// The lease the commit is made under; <see langword="null"/> commits unfenced. When set, the store checks in the
    /// commit's transaction that the lease still names this holding (holder and fencing token), and refuses the whole
    /// commit with <see cref="PortfolioLeaseLostException"/> when another holder has taken it over.
    /// </summary>
    public PortfolioLease? Lease { get; init; }
}
