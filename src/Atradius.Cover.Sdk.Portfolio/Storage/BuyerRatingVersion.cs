namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A version of a buyer's rating to be written by <see cref="ICoverPortfolioStore.CommitAsync"/>.</summary>
public sealed class BuyerRatingVersion
{
    /// <summary>The buyer whose rating this is.</summary>
    public long BuyerId { get; init; }

    /// <summary>A 64-bit hash of the rating computed by the caller; equal fingerprints mean an unchanged rating.</summary>
    public long Fingerprint { get; init; }

    /// <summary>When the rating was observed. Stored in UTC with microsecond precision.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary>The rating as UTF-8 JSON. The store keeps the bytes and never reads them.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
