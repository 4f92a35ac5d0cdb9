namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// A classified change to append to the outbox in the same transaction as the versions it describes.
/// </summary>
/// <remarks>
/// The store links the change to the versions of the same commit: a change with a <see cref="CoverId"/> gets the
/// identifier of that cover's version in the commit as its new version, and the cover's version before it as its
/// previous version; a change with only a <see cref="BuyerId"/> is linked to that buyer's rating versions the same way.
/// </remarks>
public sealed class PortfolioChange
{
    /// <summary>What kind of change this is, as the caller classifies it (for example "AmountChanged").</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The cover the change is about, if it is about a cover.</summary>
    public long? CoverId { get; init; }

    /// <summary>The buyer the change is about.</summary>
    public long? BuyerId { get; init; }

    /// <summary>When the change happened or was observed. Stored in UTC with microsecond precision.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The change as UTF-8 JSON. The store keeps the bytes and never reads them.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
