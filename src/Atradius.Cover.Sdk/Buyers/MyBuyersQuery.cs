namespace Atradius.Cover.Sdk;

/// <summary>Filters of the policy's buyers list (buyer insights): rating direction and rating-change window.</summary>
public sealed class MyBuyersQuery
{
    /// <summary>
    /// Gets or sets the policy whose buyers are listed; when null, the client's <see cref="CoverClientOptions.PolicyId"/>
    /// for the client's own customer, and none for another customer (whose buyers are then listed by customer).
    /// </summary>
    public string? PolicyId { get; set; }

    /// <summary>
    /// Gets or sets the customer whose buyers are listed; the client's <see cref="CoverClientOptions.CustomerId"/> when
    /// null. Another customer than the client's is always sent, beside <see cref="PolicyId"/> when one is given.
    /// </summary>
    public long? CustomerId { get; set; }

    /// <summary>Gets or sets the direction of the rating change to keep (<see cref="BuyerRatingChange.Up"/> or <see cref="BuyerRatingChange.Down"/>); all buyers when null.</summary>
    public BuyerRatingChange? HealthChange { get; set; }

    /// <summary>Gets or sets the first day of the rating-change window.</summary>
    public CoverDate? RatingUpdatedAfter { get; set; }

    /// <summary>Gets or sets the last day of the rating-change window.</summary>
    public CoverDate? RatingUpdatedBefore { get; set; }
}
