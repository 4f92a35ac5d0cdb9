namespace Atradius.Cover.Sdk;

/// <summary>The files a scheduled report is rendered to.</summary>
[Flags]
public enum CoverReportFormats
{
    /// <summary>No file.</summary>
    None = 0,

    /// <summary>One CSV file per section.</summary>
    Csv = 1,

    /// <summary>One long-format CSV file with every section.</summary>
    CsvLong = 2,

    /// <summary>A JSON file.</summary>
    Json = 4,

    /// <summary>A Markdown summary.</summary>
    Markdown = 8,

    /// <summary>An HTML page.</summary>
    Html = 16,

    /// <summary>Every format.</summary>
    All = Csv | CsvLong | Json | Markdown | Html,
}
