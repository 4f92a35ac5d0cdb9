namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A buyer's rating as my-buyers showed it; stored as a buyer rating version.</summary>
internal sealed record BuyerRatingSnapshot
{
    public long BuyerId { get; init; }

    public string? Name { get; init; }

    public int? Rating { get; init; }

    public string? RatingClass { get; init; }

    public int? PreviousRating { get; init; }

    public string? RatingChange { get; init; }

    public static BuyerRatingSnapshot From(Buyer buyer) => new()
    {
        BuyerId = buyer.BuyerId,
        Name = buyer.Name,
        Rating = buyer.Rating,
        RatingClass = buyer.RatingClass,
        PreviousRating = buyer.PreviousRating,
        RatingChange = buyer.RatingChange?.Value,
    };
}
