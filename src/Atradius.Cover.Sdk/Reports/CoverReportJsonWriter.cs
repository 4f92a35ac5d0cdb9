using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>Writes a report as JSON (camelCase, enums as strings, indented).</summary>
public static class CoverReportJsonWriter
{
    /// <summary>Writes the report as UTF-8 JSON.</summary>
    /// <param name="report">The report.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static Task WriteAsync(CoverPortfolioReport report, Stream stream, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = stream ?? throw new ArgumentNullException(nameof(stream));
        return JsonSerializer.SerializeAsync(stream, report, CoverReportJsonContext.Default.CoverPortfolioReport, cancellationToken);
    }
}
