namespace Atradius.Cover.Sdk;

/// <summary>
/// What to search buyers by: a <see cref="Name"/> (optionally within a <see cref="CountryCode"/>), or a
/// country with an identifier and its type (<see cref="CountryCode"/>, <see cref="Identifier"/> and
/// <see cref="IdentifierType"/> together).
/// </summary>
public sealed class BuyerSearch
{
    /// <summary>Full or partial name of the buyer, 2 to 200 characters, case-insensitive.</summary>
    public string? Name { get; set; }

    /// <summary>Country of the buyer, ISO 3166-1 alpha-3 (for example <c>NLD</c>).</summary>
    public string? CountryCode { get; set; }

    /// <summary>A unique identifier of the buyer in its country, such as a VAT number (with <see cref="IdentifierType"/>).</summary>
    public string? Identifier { get; set; }

    /// <summary>The type of <see cref="Identifier"/>.</summary>
    public BuyerIdentifierType? IdentifierType { get; set; }

    /// <summary>Buyers per page, 1 to 1000; the service default (100) when null.</summary>
    public int? PageSize { get; set; }

    /// <summary>Search by name.</summary>
    /// <param name="name">Full or partial name of the buyer.</param>
    /// <param name="countryCode">Optionally, the country of the buyer, ISO 3166-1 alpha-3.</param>
    /// <returns>The search.</returns>
    public static BuyerSearch ByName(string name, string? countryCode = null) => new() { Name = name, CountryCode = countryCode };

    /// <summary>Search by a unique identifier in a country.</summary>
    /// <param name="countryCode">Country of the buyer, ISO 3166-1 alpha-3.</param>
    /// <param name="identifier">The identifier, for example a VAT number.</param>
    /// <param name="identifierType">The type of the identifier.</param>
    /// <returns>The search.</returns>
    public static BuyerSearch ByIdentifier(string countryCode, string identifier, BuyerIdentifierType identifierType) =>
        new() { CountryCode = countryCode, Identifier = identifier, IdentifierType = identifierType };
}
