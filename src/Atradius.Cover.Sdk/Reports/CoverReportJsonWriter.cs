using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Writes a report as JSON (camelCase, enums as strings, indented). The report's name, sections, filters, time, period
/// and cover count are always written (a filter not set as <c>null</c>); each section (<c>byCurrency</c>,
/// <c>byCountry</c>, <c>byRatingClass</c>, <c>byDecisionCode</c>, <c>pendingApplications</c>, <c>notices</c>,
/// <c>changedInPeriod</c>) only when the report's <see cref="CoverPortfolioReport.Sections"/> holds it.
/// </summary>
public static class CoverReportJsonWriter
{
    // Each section's property is named after its flag (CoverReportSections.ByCurrency is the property ByCurrency).
    private static readonly (string Property, CoverReportSections Section)[] SectionProperties =
    {
        (nameof(CoverPortfolioReport.ByCurrency), CoverReportSections.ByCurrency),
        (nameof(CoverPortfolioReport.ByCountry), CoverReportSections.ByCountry),
        (nameof(CoverPortfolioReport.ByRatingClass), CoverReportSections.ByRatingClass),
        (nameof(CoverPortfolioReport.ByDecisionCode), CoverReportSections.ByDecisionCode),
        (nameof(CoverPortfolioReport.PendingApplications), CoverReportSections.PendingApplications),
        (nameof(CoverPortfolioReport.Notices), CoverReportSections.Notices),
        (nameof(CoverPortfolioReport.ChangedInPeriod), CoverReportSections.ChangedInPeriod),
    };

    // The source-generated metadata, with sections not asked for left out: written empty, a section the report never
    // computed read as "none of those" (no pending application, no notice), which the report never said.
    private static readonly JsonTypeInfo<CoverPortfolioReport> ReportTypeInfo = CreateReportTypeInfo();

    /// <summary>Writes the report as UTF-8 JSON.</summary>
    /// <param name="report">The report.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static Task WriteAsync(CoverPortfolioReport report, Stream stream, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = stream ?? throw new ArgumentNullException(nameof(stream));
        return JsonSerializer.SerializeAsync(stream, report, ReportTypeInfo, cancellationToken);
    }

    private static JsonTypeInfo<CoverPortfolioReport> CreateReportTypeInfo()
    {
        var context = CoverReportJsonContext.Default;
        var options = new JsonSerializerOptions(context.Options) { TypeInfoResolver = context.WithAddedModifier(LeaveOutSectionsNotAskedFor) };
        return (JsonTypeInfo<CoverPortfolioReport>)options.GetTypeInfo(typeof(CoverPortfolioReport));
    }

    private static void LeaveOutSectionsNotAskedFor(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(CoverPortfolioReport))
        {
            return;
        }

        var naming = typeInfo.Options.PropertyNamingPolicy;
        foreach (var (name, section) in SectionProperties)
        {
            var jsonName = naming?.ConvertName(name) ?? name;
            var property = typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, jsonName, StringComparison.Ordinal))
                ?? throw new InvalidOperationException("The report's JSON metadata has no property '" + jsonName + "'.");
            property.ShouldSerialize = (report, _) => (((CoverPortfolioReport)report).Sections & section) != 0;
        }
    }
}
