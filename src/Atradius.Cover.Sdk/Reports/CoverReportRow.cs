namespace Atradius.Cover.Sdk;

/// <summary>Figures of one group of covers (a currency, a country, a rating class or a decision code) in one currency.</summary>
public sealed class CoverReportRow
{
    internal CoverReportRow(string key, string currency)
    {
        Key = key;
        Currency = currency;
    }

    /// <summary>The group: a currency, country code, rating class or decision code (<c>(none)</c> or <c>(unknown)</c> when missing).</summary>
    public string Key { get; }

    /// <summary>Currency of the amounts (ISO 4217); amounts in different currencies are never added up.</summary>
    public string Currency { get; }

    /// <summary>
    /// Covers in the group, referred applications included; a referred increase is one cover with the cover it would
    /// supersede, in that cover's group.
    /// </summary>
    public int CoverCount { get; internal set; }

    /// <summary>
    /// Covers with a positive decided amount in force at the report's time (indications only in a report of
    /// indications).
    /// </summary>
    public int CoveredCount { get; internal set; }

    /// <summary>
    /// Sum of the decided amounts: the cover in force. A total decision whose expiry date was before the report's day
    /// (<see cref="CoverPortfolioReport.GeneratedAt"/>, in UTC) adds nothing: its amount applied for stays in the
    /// exposures, uncovered; a split decision one part of which has expired (first or second amount) adds the other part alone, and nothing once both have. A preliminary
    /// partial approval (DC06) adds its amount, the cover in force until the final
    /// decision. Indications are counted in <see cref="CoverCount"/> but their amounts are not cover, so they add up
    /// here (and in the exposures) only in a report of indications alone.
    /// </summary>
    public decimal TotalCover { get; internal set; }

    /// <summary>
    /// Sum of the amounts applied for: the exposure the customer asked to cover (for a cover with a referred increase,
    /// the amount of the increase).
    /// </summary>
    public decimal RequestedExposure { get; internal set; }

    /// <summary>Requested exposure not covered (requested minus cover, never negative per cover).</summary>
    public decimal UncoveredExposure { get; internal set; }
}
