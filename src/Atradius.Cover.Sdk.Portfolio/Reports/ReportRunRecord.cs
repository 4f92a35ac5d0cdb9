namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>What the store keeps about a report run.</summary>
internal sealed record ReportRunRecord
{
    public int CoverCount { get; init; }

    public IReadOnlyList<string> Files { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The end of the period the run reported changes for, when the scheduler chose it: the next run's period starts
    /// there. Absent from records written before the scheduler chose periods.
    /// </summary>
    public DateTimeOffset? PeriodEnd { get; init; }
}
