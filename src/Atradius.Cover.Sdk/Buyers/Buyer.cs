namespace Atradius.Cover.Sdk;

/// <summary>A buyer: the customer of the policy holder on whom cover is given, with its rating.</summary>
public sealed class Buyer
{
    private static readonly IReadOnlyList<BuyerIdentifier> NoIdentifiers = Array.Empty<BuyerIdentifier>();

    internal Buyer()
    {
    }

    /// <summary>Gets the Atradius Buyer ID, used to apply for cover.</summary>
    public long BuyerId { get; internal init; }

    /// <summary>Gets the buyer's name, when the service sends it (its field name on the real service is not known).</summary>
    public string? Name { get; internal init; }

    /// <summary>Gets the buyer's identifiers in its country (VAT number, registration number, ...); may be empty.</summary>
    public IReadOnlyList<BuyerIdentifier> Identifiers { get; internal init; } = NoIdentifiers;

    /// <summary>Gets the current Atradius buyer rating, 1 (best) to 100 (worst), when known.</summary>
    public int? Rating { get; internal init; }

    /// <summary>Gets the class of the current rating, e.g. <c>Good</c>, when known.</summary>
    public string? RatingClass { get; internal init; }

    /// <summary>Gets the rating before the latest change, when known.</summary>
    public int? PreviousRating { get; internal init; }

    /// <summary>Gets the direction of the latest rating change, when known.</summary>
    public BuyerRatingChange? RatingChange { get; internal init; }

    /// <summary>The id and name.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "Buyer " + BuyerId.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Name is null ? string.Empty : " " + Name);
}
