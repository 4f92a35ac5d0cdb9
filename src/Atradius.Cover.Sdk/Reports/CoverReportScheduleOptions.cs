namespace Atradius.Cover.Sdk;

/// <summary>Settings of the scheduled reports registered by <c>AddAtradiusCoverReports</c>.</summary>
public sealed class CoverReportScheduleOptions
{
    /// <summary>Time between two reports. Default 24 hours.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether to make a report at start-up instead of waiting for the first interval. Default true.</summary>
    public bool RunOnStart { get; set; } = true;

    /// <summary>What the report contains.</summary>
    public CoverReportDefinition Definition { get; set; } = new();

    /// <summary>The files to render. Default CSV per section, JSON and HTML.</summary>
    public CoverReportFormats Formats { get; set; } = CoverReportFormats.Csv | CoverReportFormats.Json | CoverReportFormats.Html;

    /// <summary>Folder for a <see cref="FolderCoverReportSink"/> when no <see cref="ICoverReportSink"/> is registered.</summary>
    public string? OutputFolder { get; set; }
}
