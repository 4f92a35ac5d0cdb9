namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A report the scheduler produces on an interval.</summary>
public sealed class CoverReportSchedule
{
    /// <summary>What the report contains; its <see cref="CoverReportDefinition.Name"/> names the files and the run record.</summary>
    public CoverReportDefinition Definition { get; set; } = new();

    /// <summary>How often the report is produced. Default one day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Which files are written. Default CSV (one file per section) and Markdown.</summary>
    public CoverReportFormats Formats { get; set; } = CoverReportFormats.Csv | CoverReportFormats.Markdown;

    /// <summary>The folder the files are written to (created when missing); required.</summary>
    public string OutputDirectory { get; set; } = string.Empty;

    // The definition is shared, not copied: it is the client's type, read by the service as it stands at each run.
    internal CoverReportSchedule Clone() => (CoverReportSchedule)MemberwiseClone();
}
