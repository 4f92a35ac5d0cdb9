namespace Atradius.Cover.Sdk;

/// <summary>One version of a cover: what happened, when, the cover as it was, and what changed.</summary>
public sealed class CoverHistoryEntry
{
    private static readonly IReadOnlyList<CoverFieldChange> NoChanges = Array.Empty<CoverFieldChange>();

    internal CoverHistoryEntry()
    {
    }

    /// <summary>Version number, from 1.</summary>
    public int Version { get; internal init; }

    /// <summary>When this version was recorded.</summary>
    public DateTimeOffset RecordedAt { get; internal init; }

    /// <summary>What made this version.</summary>
    public CoverHistoryEvent Event { get; internal init; }

    /// <summary>The cover as it was at this version.</summary>
    public CoverDecision Cover { get; internal init; } = null!;

    /// <summary>
    /// What changed compared with the previous version (amounts, conditions, status, codes, dates, reference).
    /// Empty for the first version, and for the first entry of a walk resumed from a continuation token,
    /// whose previous version was not read.
    /// </summary>
    public IReadOnlyList<CoverFieldChange> Changes { get; internal init; } = NoChanges;
}
