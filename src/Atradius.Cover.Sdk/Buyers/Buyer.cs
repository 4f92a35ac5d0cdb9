namespace Atradius.Cover.Sdk;

/// <summary>A buyer: the customer of the policy holder on whom cover is given.</summary>
public sealed class Buyer
{
    private static readonly IReadOnlyList<BuyerIdentifier> NoIdentifiers = Array.Empty<BuyerIdentifier>();

    internal Buyer()
    {
    }

    /// <summary>The Atradius Buyer ID, used to apply for cover.</summary>
    public long BuyerId { get; internal init; }

    /// <summary>Registered name of the buyer.</summary>
    public string Name { get; internal init; } = string.Empty;

    /// <summary>Country of the buyer, ISO 3166-1 alpha-3 (for example <c>NLD</c>).</summary>
    public string CountryCode { get; internal init; } = string.Empty;

    /// <summary>Identifiers of the buyer in its country (VAT number, registration number, ...).</summary>
    public IReadOnlyList<BuyerIdentifier> Identifiers { get; internal init; } = NoIdentifiers;

    /// <summary>Postal address, when known.</summary>
    public BuyerAddress? Address { get; internal init; }

    /// <summary>Atradius buyer rating, 1 (best) to 100 (worst), when known.</summary>
    public int? Rating { get; internal init; }

    /// <summary>Rating class, for example <c>Good</c>, when known.</summary>
    public string? RatingClass { get; internal init; }

    /// <summary>The id, name and country.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => BuyerId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Name + " (" + CountryCode + ")";
}
