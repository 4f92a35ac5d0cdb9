namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>One version in a cover's history, with what changed since the version before it.</summary>
public sealed record CoverHistoryEntry
{
    /// <summary>The cover.</summary>
    public long CoverId { get; init; }

    /// <summary>The buyer.</summary>
    public long BuyerId { get; init; }

    /// <summary>The version.</summary>
    public CoverSnapshot Cover { get; init; } = new();

    /// <summary>When the local store observed this version; null for a historic version only the service knows.</summary>
    public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>When the version came about, as far as known: the observation, else the decision or application date.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>
    /// Where the version comes from: the store's source list ("current", "application", "historic", "missing"), or
    /// "service-historic" for a version read from GET /covers/historic that the store never saw.
    /// </summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>
    /// The kinds of change from the version before. The cover's first version has the kind the sync reports for a cover
    /// first seen: <see cref="CoverChangeKind.NewDecision"/>, <see cref="CoverChangeKind.Referred"/> for a referred
    /// application, or <see cref="CoverChangeKind.CoverEnded"/> for a version that had already ended.
    /// </summary>
    public IReadOnlyList<CoverChangeKind> Kinds { get; init; } = Array.Empty<CoverChangeKind>();

    /// <summary>The fields that differ from the version before; empty for the cover's first version.</summary>
    public IReadOnlyList<CoverFieldChange> FieldChanges { get; init; } = Array.Empty<CoverFieldChange>();
}
