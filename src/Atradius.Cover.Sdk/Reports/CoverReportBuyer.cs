namespace Atradius.Cover.Sdk;

/// <summary>
/// What a report needs to know of a buyer for its country and rating-class sections, as a
/// <see cref="CoverReportDefinition.BuyerLookup"/> finds it (in your own master data, for example).
/// </summary>
public sealed class CoverReportBuyer
{
    /// <summary>
    /// Gets the buyer's country, for example <c>NLD</c>; counted upper-cased and without blanks around it, and as
    /// <c>(unknown)</c> when blank or null.
    /// </summary>
    public string? Country { get; init; }

    /// <summary>Gets the class of the buyer's rating, for example <c>Good</c>; counted as <c>(unknown)</c> when blank or null.</summary>
    public string? RatingClass { get; init; }

    /// <summary>What a buyer read from the service tells a report: its rating class (the service's buyers show no country).</summary>
    /// <param name="buyer">The buyer.</param>
    /// <returns>The buyer's rating class, with no country.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="buyer"/> is null.</exception>
    public static CoverReportBuyer From(Buyer buyer)
    {
        return new CoverReportBuyer { RatingClass = (buyer ?? throw new ArgumentNullException(nameof(buyer))).RatingClass };
    }
}
