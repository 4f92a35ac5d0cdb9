namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// A version of a cover to be written by <see cref="ICoverPortfolioStore.CommitAsync"/>: the keys the store
/// queries by, the caller's fingerprint of the cover, and the cover itself as an opaque payload.
/// </summary>
public sealed class CoverVersion
{
    /// <summary>The cover's identifier at the service.</summary>
    public long CoverId { get; init; }

    /// <summary>The buyer the cover is on.</summary>
    public long BuyerId { get; init; }

    /// <summary>
    /// The cover's type as the service names it (for example "credit-limit"); empty when the service named none. Not
    /// null, and without a NUL character or half a surrogate pair, which not every store keeps.
    /// </summary>
    public string CoverType { get; init; } = string.Empty;

    /// <summary>The list the cover was read from: "current", "application" or "historic".</summary>
    public string SourceList { get; init; } = string.Empty;

    /// <summary>A 64-bit hash of the cover computed by the caller; equal fingerprints mean an unchanged cover.</summary>
    public long Fingerprint { get; init; }

    /// <summary>When the cover was observed in this state. Stored in UTC with microsecond precision.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary>The cover as UTF-8 JSON. The store keeps the bytes and never reads them.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>
    /// Set by the sync for a cover the store held no version of when the sync began: there is no earlier version to
    /// link a change to, so the library's stores do not look one up.
    /// </summary>
    internal bool IsFirstOfCover { get; init; }
}
