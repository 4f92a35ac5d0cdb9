namespace Atradius.Cover.Sdk;

/// <summary>Filters of the cover lists. Every list is for one customer (the client's unless set); the service answers each list whole.</summary>
public sealed class CoverQuery
{
    /// <summary>Gets or sets the customer whose covers are listed; the client's <see cref="CoverClientOptions.CustomerId"/> when null (a broker lists another customer's).</summary>
    public long? CustomerId { get; set; }

    /// <summary>Gets or sets the buyer to list the covers of.</summary>
    public long? BuyerId { get; set; }

    /// <summary>Gets or sets the cover type to keep.</summary>
    public CoverType? CoverType { get; set; }

    /// <summary>
    /// Gets or sets the policy; when null, the client's <see cref="CoverClientOptions.PolicyId"/> for the client's own
    /// customer, and none for another customer (the customer alone is enough).
    /// </summary>
    public string? PolicyId { get; set; }

    /// <summary>
    /// Gets or sets the moment from which changed covers are wanted (<c>fromDate</c>, sent in UTC); only the
    /// current portfolio (<see cref="DecisionsClient.ListAsync"/>) supports it. What the service counts as a
    /// change is not known, so do not rely on it alone.
    /// </summary>
    public DateTimeOffset? ChangedSince { get; set; }
}
