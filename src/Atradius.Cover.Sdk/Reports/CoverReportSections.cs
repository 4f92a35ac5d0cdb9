namespace Atradius.Cover.Sdk;

/// <summary>Which sections a portfolio report contains.</summary>
[Flags]
public enum CoverReportSections
{
    /// <summary>No section (only the cover count).</summary>
    None = 0,

    /// <summary>Cover count, total cover and requested exposure by currency.</summary>
    ByCurrency = 1,

    /// <summary>
    /// The same figures by buyer country, as <see cref="CoverReportDefinition.BuyerLookup"/> finds it (without one, every
    /// country is <c>(unknown)</c>: the service's buyers show none).
    /// </summary>
    ByCountry = 2,

    /// <summary>
    /// The same figures by buyer rating class, from one read of my-buyers or from
    /// <see cref="CoverReportDefinition.BuyerLookup"/>.
    /// </summary>
    ByRatingClass = 4,

    /// <summary>The same figures by decision code.</summary>
    ByDecisionCode = 8,

    /// <summary>
    /// Applications waiting for a decision, with their age: referred to an underwriter, or decided preliminarily
    /// (DC06, DC07) with the final decision still to come.
    /// </summary>
    PendingApplications = 16,

    /// <summary>Reductions and withdrawals notified or applied by the insurer, with their effective dates.</summary>
    Notices = 32,

    /// <summary>Covers changed in the report's period.</summary>
    ChangedInPeriod = 64,

    /// <summary>Every section.</summary>
    All = ByCurrency | ByCountry | ByRatingClass | ByDecisionCode | PendingApplications | Notices | ChangedInPeriod,
}
