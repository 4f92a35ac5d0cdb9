using System.Globalization;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>
/// The journey's inputs: section <c>QuickStart</c>. Against the in-process sandbox they are filled from its seeded
/// world; against a configured service they must name buyers and amounts of that service.
/// </summary>
public sealed class JourneySettings
{
    public const string SectionName = "QuickStart";

    /// <summary>Country (ISO 3166 alpha-3) of the buyer on whom <see cref="SmallAmount"/> is decided at once.</summary>
    public string? BuyerCountry { get; set; }

    public string? BuyerIdentifier { get; set; }

    /// <summary>VAT, NRN, CR, DB, FC, SN or TK.</summary>
    public string? BuyerIdentifierType { get; set; }

    /// <summary>Country of the buyer on whom <see cref="LargeAmount"/> goes to an underwriter.</summary>
    public string? ReferredBuyerCountry { get; set; }

    public string? ReferredBuyerIdentifier { get; set; }

    public string? ReferredBuyerIdentifierType { get; set; }

    public decimal SmallAmount { get; set; }

    public decimal LargeAmount { get; set; }

    /// <summary>Currency of both amounts (ISO 4217); the policy's currency when left unset.</summary>
    public string? Currency { get; set; }

    /// <summary>
    /// An indication to convert into a credit limit. When unset, the journey converts one it finds in the sandbox's
    /// portfolio, and skips the step against a configured service: a conversion cannot be undone, and the run converts
    /// only an indication it is told to.
    /// </summary>
    public long? IndicationCoverId { get; set; }

    /// <summary>
    /// Runs the steps no public integration has confirmed on the real service (today: updating only the customer
    /// reference). Always on against the sandbox.
    /// </summary>
    public bool TryUnconfirmedSteps { get; set; }

    /// <summary>The problems that stop the journey before any request, one line each.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Require(BuyerCountry, nameof(BuyerCountry), problems);
        Require(BuyerIdentifier, nameof(BuyerIdentifier), problems);
        Require(BuyerIdentifierType, nameof(BuyerIdentifierType), problems);
        Require(ReferredBuyerCountry, nameof(ReferredBuyerCountry), problems);
        Require(ReferredBuyerIdentifier, nameof(ReferredBuyerIdentifier), problems);
        Require(ReferredBuyerIdentifierType, nameof(ReferredBuyerIdentifierType), problems);
        Amount(SmallAmount, nameof(SmallAmount), problems);
        Amount(LargeAmount, nameof(LargeAmount), problems);
        if (IndicationCoverId is <= 0)
        {
            problems.Add($"{SectionName}:{nameof(IndicationCoverId)} must be a cover id greater than zero, or left unset.");
        }

        return problems;
    }

    private static void Require(string? value, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{SectionName}:{name} is required when Atradius:Cover:BaseAddress is set.");
        }
    }

    private static void Amount(decimal value, string name, List<string> problems)
    {
        if (value <= 0 || value % 1000 != 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{name} must be a positive multiple of 1000 (found {value})."));
        }
    }

    /// <summary>The search for the buyer decided at once.</summary>
    public BuyerSearch Buyer() => BuyerSearch.ByIdentifier(BuyerCountry!, BuyerIdentifier!, BuyerIdentifierType!);

    /// <summary>The search for the buyer whose larger application is referred.</summary>
    public BuyerSearch ReferredBuyer() => BuyerSearch.ByIdentifier(ReferredBuyerCountry!, ReferredBuyerIdentifier!, ReferredBuyerIdentifierType!);
}
