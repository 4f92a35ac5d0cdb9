namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Which way a buyer's rating moved between the version the store holds and the one just read, in the service's
/// words ("up" or "down").
/// </summary>
/// <remarks>
/// my-buyers names the direction of its own last step only (<c>previousBuyerRating</c> to <c>currentBuyerRating</c>).
/// When the rating moved more than once between two syncs (50, then 40, then 45), that last step may point the other
/// way from the change the sync reports (50 to 45). Nothing published says whether a higher number is up or down, so
/// the sense of the scale is taken from a step the service named, and applied to the step the sync reports.
/// </remarks>
internal static class BuyerRatingDirection
{
    private const string Up = "up";
    private const string Down = "down";

    /// <summary>The direction from <paramref name="before"/>'s rating to <paramref name="now"/>'s; null when the ratings are equal, one is missing, or no step the service named tells the sense of the scale.</summary>
    public static string? Between(BuyerRatingSnapshot before, BuyerRatingSnapshot now)
    {
        if (before.Rating is not { } from || now.Rating is not { } to || from == to)
        {
            return null;
        }

        // The service's own step is the one reported: its word stands as it is.
        if (now.PreviousRating == from && Named(now) is { } direction)
        {
            return direction;
        }

        // Otherwise a step the service named, the latest first, tells which way a higher number points.
        var higherIs = HigherIs(now) ?? HigherIs(before);
        return higherIs is null ? null : to > from ? higherIs : Opposite(higherIs);
    }

    /// <summary>"up" or "down" when the service's step from its previous to its current rating shows which way a higher number points.</summary>
    private static string? HigherIs(BuyerRatingSnapshot snapshot) =>
        snapshot is { PreviousRating: { } previous, Rating: { } current } && previous != current && Named(snapshot) is { } direction
            ? current > previous ? direction : Opposite(direction)
            : null;

    private static string? Named(BuyerRatingSnapshot snapshot) =>
        string.Equals(snapshot.RatingChange, Up, StringComparison.OrdinalIgnoreCase) ? Up
        : string.Equals(snapshot.RatingChange, Down, StringComparison.OrdinalIgnoreCase) ? Down
        : null;

    private static string Opposite(string direction) => direction == Up ? Down : Up;
}
