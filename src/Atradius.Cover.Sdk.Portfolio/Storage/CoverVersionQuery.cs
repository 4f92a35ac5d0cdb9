namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Which cover versions <see cref="ICoverPortfolioStore.ReadCoverVersionsAsync"/> returns; every filter is optional.</summary>
public sealed class CoverVersionQuery
{
    /// <summary>Only versions of covers on this buyer.</summary>
    public long? BuyerId { get; init; }

    /// <summary>Only versions of this cover.</summary>
    public long? CoverId { get; init; }

    /// <summary>Only versions observed at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only versions observed before this time.</summary>
    public DateTimeOffset? To { get; init; }
}
