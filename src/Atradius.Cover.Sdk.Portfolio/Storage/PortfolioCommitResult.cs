namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>The identifiers the store gave to what a commit wrote, in the order of the commit's lists.</summary>
public sealed class PortfolioCommitResult
{
    /// <summary>The version identifier of each of <see cref="PortfolioCommit.CoverVersions"/>.</summary>
    public IReadOnlyList<long> CoverVersionIds { get; init; } = Array.Empty<long>();

    /// <summary>The version identifier of each of <see cref="PortfolioCommit.BuyerRatingVersions"/>.</summary>
    public IReadOnlyList<long> BuyerRatingVersionIds { get; init; } = Array.Empty<long>();

    /// <summary>The outbox identifier of each of <see cref="PortfolioCommit.Changes"/>.</summary>
    public IReadOnlyList<long> ChangeIds { get; init; } = Array.Empty<long>();
}
