namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A cover version as the store keeps it, with the identifier the store gave it.</summary>
public sealed class StoredCoverVersion
{
    /// <summary>The store's identifier for this version; later versions have larger identifiers.</summary>
    public long VersionId { get; init; }

    /// <summary>The cover's identifier at the service.</summary>
    public long CoverId { get; init; }

    /// <summary>The buyer the cover is on.</summary>
    public long BuyerId { get; init; }

    /// <summary>The cover's type as the service names it.</summary>
    public string CoverType { get; init; } = string.Empty;

    /// <summary>The list the cover was read from: "current", "application" or "historic".</summary>
    public string SourceList { get; init; } = string.Empty;

    /// <summary>The caller's 64-bit hash of the cover.</summary>
    public long Fingerprint { get; init; }

    /// <summary>When the cover was observed in this state, in UTC.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary>The cover as UTF-8 JSON, exactly as it was committed.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
