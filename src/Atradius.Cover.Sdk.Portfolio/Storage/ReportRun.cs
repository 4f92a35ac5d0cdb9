namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>The last run of a named report and what the next run needs from it.</summary>
public sealed class ReportRun
{
    /// <summary>The report's name.</summary>
    public string ReportName { get; init; } = string.Empty;

    /// <summary>
    /// When the report last ran, as the scheduler counts its runs: the time the run was due (the run before it plus
    /// the schedule's interval) when it ran within an interval of that, so that a daily report keeps its time of day;
    /// otherwise when it ran. Stored in UTC with microsecond precision.
    /// </summary>
    public DateTimeOffset LastRunAt { get; init; }

    /// <summary>What the report keeps between runs, as UTF-8 JSON; empty when there is nothing.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>
    /// When saving: the lease the run was produced under; <see langword="null"/> saves unfenced. When set, the store
    /// checks in the write's transaction that the lease still names this holding (holder and fencing token), and
    /// refuses the save with <see cref="PortfolioLeaseLostException"/> when another holder has taken it over. Not
    /// stored: a run read back has none.
    /// </summary>
    public PortfolioLease? Lease { get; init; }
}
