namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A change as the outbox keeps it, with its place in the portfolio's order of changes.</summary>
public sealed class StoredPortfolioChange
{
    /// <summary>The change's identifier; the portfolio's changes are delivered in increasing order of it.</summary>
    public long ChangeId { get; init; }

    /// <summary>What kind of change this is, as the caller classified it.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The cover the change is about, if any.</summary>
    public long? CoverId { get; init; }

    /// <summary>The buyer the change is about, if any.</summary>
    public long? BuyerId { get; init; }

    /// <summary>
    /// The version the change produced: a cover version when <see cref="CoverId"/> is set, otherwise a buyer rating
    /// version; <see langword="null"/> when the commit held no version for the change's subject.
    /// </summary>
    public long? NewVersionId { get; init; }

    /// <summary>The subject's version before <see cref="NewVersionId"/>; <see langword="null"/> for a first version.</summary>
    public long? PreviousVersionId { get; init; }

    /// <summary>When the change happened or was observed, in UTC.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The change as UTF-8 JSON, exactly as it was committed.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>
    /// For a change about a cover, the payload of the cover version <see cref="NewVersionId"/> names; empty otherwise.
    /// </summary>
    /// <remarks>
    /// A change refers to the versions it describes rather than repeating them, so a store hands them out with it.
    /// A change about a cover is never delivered without its cover: when this is empty, delivering it fails with an
    /// <see cref="InvalidDataException"/> that names the change, and the change stays undelivered.
    /// </remarks>
    public ReadOnlyMemory<byte> NewVersionPayload { get; init; }

    /// <summary>
    /// For a change about a cover, the payload of the cover version <see cref="PreviousVersionId"/> names; empty
    /// otherwise.
    /// </summary>
    public ReadOnlyMemory<byte> PreviousVersionPayload { get; init; }
}
