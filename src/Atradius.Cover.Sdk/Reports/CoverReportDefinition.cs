namespace Atradius.Cover.Sdk;

/// <summary>What a portfolio report contains: its sections, the covers it counts, and its period.</summary>
public sealed class CoverReportDefinition
{
    // The portfolio package's report scheduler copies a definition through these setters (CoverReportSchedule.Copy):
    // a setting added here needs a line there too.

    /// <summary>Name of the report, used in titles and file names. Default <c>portfolio</c>.</summary>
    public string Name { get; set; } = "portfolio";

    /// <summary>Sections to compute; sections not asked for cost nothing (no buyer lookups without country or rating).</summary>
    public CoverReportSections Sections { get; set; } = CoverReportSections.All;

    /// <summary>Only covers under this policy (1 to 20 characters); with <see cref="CustomerId"/>, a policy of that customer.</summary>
    public string? PolicyId { get; set; }

    /// <summary>
    /// Only covers of this customer, greater than zero: the report reads that customer's covers and buyers (a broker
    /// reports on another customer); the client's customer when null.
    /// </summary>
    public long? CustomerId { get; set; }

    /// <summary>Only covers in this currency (ISO 4217, three letters in any case).</summary>
    public string? CurrencyCode { get; set; }

    /// <summary>Only covers of this type (credit-limit, credit-check, indication, or a type the service adds); every type when null.</summary>
    public CoverType? CoverType { get; set; }

    /// <summary>Start of the period (inclusive) of <see cref="CoverReportSections.ChangedInPeriod"/>; the last 7 days when null.</summary>
    public DateTimeOffset? PeriodStart { get; set; }

    /// <summary>End of the period (exclusive); now when null.</summary>
    public DateTimeOffset? PeriodEnd { get; set; }

    /// <summary>
    /// Most items kept in each listed section (pending applications, notices, changed covers), 0 to 100,000. Default
    /// 1000. Counts stay exact beyond it; only the listing is cut, so a report over a huge portfolio stays small.
    /// </summary>
    public int MaxListedItems { get; set; } = 1000;

    /// <summary>
    /// Finds a buyer's country and rating class for <see cref="CoverReportSections.ByCountry"/> and
    /// <see cref="CoverReportSections.ByRatingClass"/> (for example in your own master data), once per distinct buyer
    /// of a report. When null, the report reads my-buyers once for <see cref="CoverReportSections.ByRatingClass"/> (a
    /// single list request for the whole portfolio, never one request per buyer), which gives rating classes but no
    /// country: the service's buyers show none, so without a lookup every country is <c>(unknown)</c>, and a report by
    /// country alone reads no buyers. Return null for a buyer you do not know.
    /// </summary>
    public Func<long, CancellationToken, Task<CoverReportBuyer?>>? BuyerLookup { get; set; }

    /// <summary>
    /// Checks the definition as a report does before it reads anything, so that a definition kept for later (a
    /// scheduled report, say) is refused when it is set up rather than at every run.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A setting is invalid: a blank <see cref="Name"/>, a <see cref="CustomerId"/> that is not positive, a
    /// <see cref="PolicyId"/> that is empty, only blanks or longer than 20 characters without the blanks around it, a <see cref="CurrencyCode"/> that is not three
    /// letters, a <see cref="CoverType"/> that is empty (<c>default(CoverType)</c>), <see cref="Sections"/> naming a section that does not exist, or a <see cref="PeriodEnd"/> before
    /// <see cref="PeriodStart"/>; <see cref="ArgumentException.ParamName"/> names the setting as a report names it, for
    /// example <c>definition.CurrencyCode</c>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxListedItems"/> is not between 0 and 100,000.</exception>
    public void Validate()
    {
        // Named as the reports take the definition (their argument "definition"), as a query's and an application's
        // settings are named elsewhere: query.PolicyId, application.CurrencyCode.
        const string Prefix = "definition.";
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException(Prefix + "Name must not be empty or only blanks: the report needs a name.", Prefix + nameof(Name));
        }

        CoverArgument.OptionalId(CustomerId, Prefix + nameof(CustomerId));
        _ = CoverArgument.PolicyId(PolicyId, Prefix + nameof(PolicyId));

        // Covers are matched on their currency trimmed and in any case; a code that cannot be one matches no cover, and
        // the report would come out empty as if the portfolio were.
        if (CurrencyCode is { } currency && !CoverArgument.IsThreeUpperCaseLetters(currency.Trim().ToUpperInvariant()))
        {
            throw new ArgumentException(Prefix + "CurrencyCode must be an ISO 4217 currency code of three letters (for example EUR); it is '" + currency + "'.", Prefix + nameof(CurrencyCode));
        }

        // The lists would refuse an empty type only once the report had read my-buyers, naming their query. A type this
        // version does not know goes through: the service may list types added after it, and a report over covers
        // handed in filters them itself.
        if (CoverType is { Value.Length: 0 })
        {
            throw new ArgumentException(Prefix + "CoverType must be a cover type such as credit-limit, credit-check or indication, or null for every type; it is default(CoverType), which names none.", Prefix + nameof(CoverType));
        }

        // A section this version does not know is computed by none: the report would come out without what was asked for.
        if ((Sections & ~CoverReportSections.All) != 0)
        {
            throw new ArgumentException(Prefix + "Sections may combine only ByCurrency, ByCountry, ByRatingClass, ByDecisionCode, PendingApplications, Notices and ChangedInPeriod; it is '" + Sections + "'.", Prefix + nameof(Sections));
        }

        if (MaxListedItems is < 0 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(Prefix + nameof(MaxListedItems), MaxListedItems, Prefix + "MaxListedItems must be between 0 and 100000.");
        }

        if (PeriodStart is { } start && PeriodEnd is { } end && end < start)
        {
            throw new ArgumentException(Prefix + "PeriodEnd must not be before " + Prefix + "PeriodStart.", Prefix + nameof(PeriodEnd));
        }
    }
}
