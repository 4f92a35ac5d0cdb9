namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>A buyer of the seeded world.</summary>
/// <param name="BuyerId">The Atradius Buyer ID.</param>
/// <param name="BuyerName">Registered name.</param>
/// <param name="CountryCode">Country, ISO 3166-1 alpha-3.</param>
/// <param name="Identifiers">Identifiers as (uidType, uid) pairs, e.g. ("VAT", "NL859338221B01").</param>
/// <param name="Street">Street and number.</param>
/// <param name="City">City.</param>
/// <param name="PostCode">Postal code.</param>
/// <param name="Rating">Buyer rating, 1 (best) to 100 (worst); drives the underwriting rules.</param>
/// <param name="RatingClass">Rating class, e.g. <c>Good</c> or <c>Weak</c>.</param>
public sealed record SandboxBuyer(
    long BuyerId,
    string BuyerName,
    string CountryCode,
    IReadOnlyList<KeyValuePair<string, string>> Identifiers,
    string Street,
    string City,
    string PostCode,
    int Rating,
    string RatingClass)
{
    /// <summary>The VAT number, or null when the buyer has none.</summary>
    public string? VatNumber => Identifiers.FirstOrDefault(i => i.Key == "VAT").Value;
}
