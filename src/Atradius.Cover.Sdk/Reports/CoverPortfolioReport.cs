namespace Atradius.Cover.Sdk;

/// <summary>A portfolio report: figures by currency, country, rating class and decision code, and listed sections.</summary>
public sealed class CoverPortfolioReport
{
    internal CoverPortfolioReport(CoverReportDefinition definition, DateTimeOffset generatedAt, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        Name = definition.Name;
        Sections = definition.Sections;
        // As the covers are matched to them: a filter written "eur " is the report on EUR, and is named so.
        PolicyId = definition.PolicyId?.Trim();
        CustomerId = definition.CustomerId;
        CurrencyCode = definition.CurrencyCode?.Trim().ToUpperInvariant();
        CoverType = definition.CoverType?.Value;
        GeneratedAt = generatedAt;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        PendingApplications = new CoverReportList(definition.MaxListedItems);
        Notices = new CoverReportList(definition.MaxListedItems);
        ChangedInPeriod = new CoverReportList(definition.MaxListedItems);
    }

    /// <summary>Name of the report.</summary>
    public string Name { get; }

    /// <summary>The sections computed.</summary>
    public CoverReportSections Sections { get; }

    /// <summary>The policy filter, if any.</summary>
    public string? PolicyId { get; }

    /// <summary>The customer filter, if any.</summary>
    public long? CustomerId { get; }

    /// <summary>The currency filter, if any, in upper case.</summary>
    public string? CurrencyCode { get; }

    /// <summary>The cover type filter, if any.</summary>
    public string? CoverType { get; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>Start of the period (inclusive) of <see cref="ChangedInPeriod"/>.</summary>
    public DateTimeOffset PeriodStart { get; }

    /// <summary>End of the period (exclusive) of <see cref="ChangedInPeriod"/>.</summary>
    public DateTimeOffset PeriodEnd { get; }

    /// <summary>Covers counted (after the filters).</summary>
    public int CoverCount { get; internal set; }

    /// <summary>Figures by currency.</summary>
    public IReadOnlyList<CoverReportRow> ByCurrency { get; internal set; } = Array.Empty<CoverReportRow>();

    /// <summary>Figures by buyer country and currency.</summary>
    public IReadOnlyList<CoverReportRow> ByCountry { get; internal set; } = Array.Empty<CoverReportRow>();

    /// <summary>Figures by buyer rating class and currency.</summary>
    public IReadOnlyList<CoverReportRow> ByRatingClass { get; internal set; } = Array.Empty<CoverReportRow>();

    /// <summary>Figures by decision code and currency.</summary>
    public IReadOnlyList<CoverReportRow> ByDecisionCode { get; internal set; } = Array.Empty<CoverReportRow>();

    /// <summary>
    /// Applications waiting for a decision, with their age: those referred to an underwriter, and those with a
    /// preliminary decision (DC06, DC07) whose final decision is still to come.
    /// </summary>
    public CoverReportList PendingApplications { get; }

    /// <summary>Reductions and withdrawals notified or applied by the insurer (DC21, DC09, DC22, DC08, WCLD), with their effective dates.</summary>
    public CoverReportList Notices { get; }

    /// <summary>Covers changed in the period.</summary>
    public CoverReportList ChangedInPeriod { get; }
}
