namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A buyer rating version as the store keeps it, with the identifier the store gave it.</summary>
public sealed class StoredBuyerRatingVersion
{
    /// <summary>The store's identifier for this version; later versions have larger identifiers.</summary>
    public long VersionId { get; init; }

    /// <summary>The buyer whose rating this is.</summary>
    public long BuyerId { get; init; }

    /// <summary>The caller's 64-bit hash of the rating.</summary>
    public long Fingerprint { get; init; }

    /// <summary>When the rating was observed, in UTC.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary>The rating as UTF-8 JSON, exactly as it was committed.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
