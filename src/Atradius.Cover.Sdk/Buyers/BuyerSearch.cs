namespace Atradius.Cover.Sdk;

/// <summary>
/// A buyer search: by country and one of the buyer's identifiers. The real service is not known to search by
/// name, so the SDK offers no name search.
/// </summary>
public sealed class BuyerSearch
{
    private BuyerSearch(string country, string identifier, BuyerIdentifierType identifierType)
    {
        Country = country;
        Identifier = identifier;
        IdentifierType = identifierType;
    }

    /// <summary>Gets the buyer's country, ISO 3166-1 alpha-3 (e.g. <c>FRA</c>).</summary>
    public string Country { get; }

    /// <summary>Gets the identifier searched for.</summary>
    public string Identifier { get; }

    /// <summary>Gets the identifier's type.</summary>
    public BuyerIdentifierType IdentifierType { get; }

    /// <summary>Searches by country and identifier, e.g. <c>ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren)</c>.</summary>
    /// <param name="country">The buyer's country, ISO 3166-1 alpha-3 (three upper-case letters).</param>
    /// <param name="identifier">The identifier (1 to 50 characters).</param>
    /// <param name="identifierType">The identifier's type: one of the seven the service takes (VAT, NRN, CR, DB, FC, SN, TK).</param>
    /// <returns>The search.</returns>
    /// <exception cref="ArgumentException">An argument is malformed; the exception names it.</exception>
    public static BuyerSearch ByIdentifier(string country, string identifier, BuyerIdentifierType identifierType)
    {
        CoverArgument.Country(country, nameof(country));
        // The limit counts what is sent, without the blanks around it, as for policy ids and references.
        var sent = CoverArgument.Identifier(identifier, nameof(identifier), 50);
        if (string.IsNullOrEmpty(identifierType.Value))
        {
            throw new ArgumentException("identifierType is required (VAT, NRN, CR, DB, FC, SN or TK).", nameof(identifierType));
        }

        // The service takes a closed list of types (a type read from an answer may be any): another is refused here
        // rather than by the service, and a known one is sent in its spelling whatever case it was written in.
        if (!identifierType.IsKnown)
        {
            throw new ArgumentException("identifierType must be VAT, NRN, CR, DB, FC, SN or TK; it is '" + identifierType.Value + "'.", nameof(identifierType));
        }

        return new BuyerSearch(country, sent, new BuyerIdentifierType(identifierType.Value.Trim().ToUpperInvariant()));
    }

    /// <summary>The search in words.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Country + " " + IdentifierType + " " + Identifier;
}
