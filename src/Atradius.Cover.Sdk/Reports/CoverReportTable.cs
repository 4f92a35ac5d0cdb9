using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>A section of a report as a table of invariant-culture text cells, shared by the CSV, Markdown and HTML writers.</summary>
internal sealed class CoverReportTable
{
    private static readonly string[] RowColumns = { "group", "currency", "covers", "covered", "total_cover", "requested_exposure", "uncovered_exposure" };

    // The cells the report formats from its own numbers (invariant culture: digits, a minus sign and a point, nothing a
    // spreadsheet runs): the CSV writer leaves them numbers, where text from the service or the caller is neutralised.
    private static readonly bool[] RowNumbers = { false, false, true, true, true, true, true };

    private static readonly bool[] ListNumbers =
    {
        true, false, true, false, false, false, false, false,
        true, true, false, false, false, false, true, false,
        true, false,
    };

    private static readonly string[] ListColumns =
    {
        "cover_id", "policy_id", "buyer_id", "buyer_name", "cover_type", "status", "decision_code", "historic_code",
        "decided_amount", "requested_amount", "currency", "application_date", "updated_at", "effective_date", "age_days", "customer_reference",
        "expired_amount", "expiry_date",
    };

    private CoverReportTable(string id, string title, IReadOnlyList<string> columns, IReadOnlyList<bool> numbers, IEnumerable<string?[]> rows, string? note)
    {
        Id = id;
        Title = title;
        Columns = columns;
        Numbers = numbers;
        Rows = rows;
        Note = note;
    }

    public string Id { get; }

    public string Title { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Per column, whether its cells are numbers the report formatted itself.</summary>
    public IReadOnlyList<bool> Numbers { get; }

    public IEnumerable<string?[]> Rows { get; }

    public string? Note { get; }

    public static IEnumerable<CoverReportTable> For(CoverPortfolioReport report)
    {
        var s = report.Sections;
        if ((s & CoverReportSections.ByCurrency) != 0)
        {
            yield return Figures("by-currency", "Cover by currency", report.ByCurrency);
        }

        if ((s & CoverReportSections.ByCountry) != 0)
        {
            yield return Figures("by-country", "Cover by buyer country", report.ByCountry);
        }

        if ((s & CoverReportSections.ByRatingClass) != 0)
        {
            yield return Figures("by-rating-class", "Cover by buyer rating class", report.ByRatingClass);
        }

        if ((s & CoverReportSections.ByDecisionCode) != 0)
        {
            yield return Figures("by-decision-code", "Cover by decision code", report.ByDecisionCode);
        }

        if ((s & CoverReportSections.PendingApplications) != 0)
        {
            yield return Listed("pending-applications", "Pending applications", report.PendingApplications);
        }

        if ((s & CoverReportSections.Notices) != 0)
        {
            yield return Listed("notices", "Reductions and withdrawals", report.Notices);
        }

        if ((s & CoverReportSections.ChangedInPeriod) != 0)
        {
            yield return Listed("changed-in-period", "Covers changed from " + Instant(report.PeriodStart) + " to " + Instant(report.PeriodEnd), report.ChangedInPeriod);
        }
    }

    public static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static CoverReportTable Figures(string id, string title, IReadOnlyList<CoverReportRow> rows) =>
        new(id, title, RowColumns, RowNumbers, rows.Select(r => new string?[]
        {
            r.Key,
            r.Currency,
            r.CoverCount.ToString(CultureInfo.InvariantCulture),
            r.CoveredCount.ToString(CultureInfo.InvariantCulture),
            Amount(r.TotalCover),
            Amount(r.RequestedExposure),
            Amount(r.UncoveredExposure),
        }), null);

    private static CoverReportTable Listed(string id, string title, CoverReportList list) =>
        new(id, title, ListColumns, ListNumbers, list.Items.Select(c => new string?[]
        {
            c.CoverId.ToString(CultureInfo.InvariantCulture),
            c.PolicyId,
            c.BuyerId.ToString(CultureInfo.InvariantCulture),
            c.BuyerName,
            c.CoverType,
            c.Status,
            c.DecisionCode,
            c.HistoricCode,
            c.DecidedAmount is { } d ? Amount(d) : null,
            c.RequestedAmount is { } r ? Amount(r) : null,
            c.Currency,
            c.ApplicationDate is { } applied ? Instant(applied) : string.Empty,
            c.LastActivity is { } last ? Instant(last) : string.Empty,
            c.EffectiveDate?.ToString(),
            c.Age?.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) ?? string.Empty,
            c.CustomerReference,
            c.ExpiredAmount is { } e ? Amount(e) : null,
            c.ExpiryDate?.ToString(),
        }), list.IsTruncated
            ? string.Format(CultureInfo.InvariantCulture, "{0} covers, the first {1} listed.", list.Count, list.Items.Count)
            : string.Format(CultureInfo.InvariantCulture, "{0} covers.", list.Count));
}
