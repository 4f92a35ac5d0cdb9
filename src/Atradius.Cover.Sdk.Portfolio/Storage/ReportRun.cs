namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>The last run of a named report and what the next run needs from it.</summary>
public sealed class ReportRun
{
    /// <summary>The report's name.</summary>
    public string ReportName { get; init; } = string.Empty;

    /// <summary>When the report last ran. Stored in UTC with microsecond precision.</summary>
    public DateTimeOffset LastRunAt { get; init; }

    /// <summary>What the report keeps between runs, as UTF-8 JSON; empty when there is nothing.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
