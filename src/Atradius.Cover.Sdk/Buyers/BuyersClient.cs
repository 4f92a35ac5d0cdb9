using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>Finds buyers and their Atradius Buyer ID, and lists the policy's buyers with their rating changes.</summary>
public class BuyersClient
{
    private readonly CoverClientCore? _core;

    internal BuyersClient(CoverClientCore core) => _core = core;

    /// <summary>For mocking.</summary>
    protected BuyersClient()
    {
    }

    private CoverClientCore Core => _core ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>
    /// Searches buyers by country and identifier. No match (the error "No buyer match found", whatever its status, or an
    /// answer with no buyers) is an empty list, not an exception.
    /// </summary>
    /// <param name="search">The search, e.g. <c>BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren)</c>.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The buyers found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="search"/> is null.</exception>
    /// <exception cref="CoverNotFoundException">A 404 that is not "No buyer match found" (a wrong base address or route, say): the search did not run.</exception>
    /// <exception cref="CoverApiException">The service refused the call or could not be reached.</exception>
    public virtual async Task<CoverResponse<IReadOnlyList<Buyer>>> SearchAsync(BuyerSearch search, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.NotNull(search, nameof(search));
        CoverArgument.RequestOptions(options, nameof(options));
        var route = CoverRoutes.WithQuery(CoverRoutes.Buyers, ("country", search.Country), ("uid", search.Identifier), ("uidType", search.IdentifierType.Value));
        var buyers = new List<Buyer>();
        var list = Core.Transport.List(route, CoverJsonContext.Default.Buyer, CoverMapper.ToBuyer, options, cancellationToken);
        try
        {
            await foreach (var buyer in list.ConfigureAwait(false))
            {
                buyers.Add(buyer);
            }
        }
        catch (CoverNotFoundException notFound) when (notFound.Errors.Any(e => CoverApiExceptionFactory.IsNoBuyerMatch(e.Detail)))
        {
            // "No buyer match found", whatever its status, means no such buyer. Any other 404 (a gateway's for a route it
            // does not serve, say) says nothing about the buyer: read as "no match", a wrong base address would pass for
            // an unknown buyer.
            return new CoverResponse<IReadOnlyList<Buyer>>(Array.Empty<Buyer>(), new CoverResponseInfo(notFound.Status, notFound.CorrelationId, notFound.Headers));
        }

        return new CoverResponse<IReadOnlyList<Buyer>>(buyers, list.Response ?? new CoverResponseInfo(200, null));
    }

    /// <summary>Reads a buyer by its Atradius Buyer ID.</summary>
    /// <param name="buyerId">The Atradius Buyer ID.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The buyer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buyerId"/> is not positive.</exception>
    /// <exception cref="CoverNotFoundException">There is no such buyer.</exception>
    /// <exception cref="CoverApiException">The service refused the call or could not be reached; or it answered another buyer than the one asked for.</exception>
    public virtual async Task<CoverResponse<Buyer>> GetAsync(long buyerId, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(buyerId, nameof(buyerId));
        CoverArgument.RequestOptions(options, nameof(options));
        var (buyers, info) = await Core.Transport.GetAllAsync(CoverRoutes.Buyer(buyerId), CoverJsonContext.Default.Buyer, CoverMapper.ToBuyer, CoverTransport.ForCall(options), cancellationToken).ConfigureAwait(false);
        var id = buyerId.ToString(CultureInfo.InvariantCulture);
        if (buyers.Count == 0)
        {
            throw new CoverNotFoundException("The Cover API answered no buyer " + id + ".", info.Status, correlationId: info.CorrelationId, headers: info.Headers);
        }

        // The answer is an array even for one buyer: the one asked for, never the first whatever it is.
        var asked = buyers.FirstOrDefault(b => b.BuyerId == buyerId);
        if (asked is null)
        {
            throw CoverApiExceptionFactory.AnsweredAnother(("buyer", "buyers"), buyers.Select(b => b.BuyerId.ToString(CultureInfo.InvariantCulture)), id, info);
        }

        return new CoverResponse<Buyer>(asked, info);
    }

    /// <summary>
    /// Lists the policy's buyers with their current and previous rating (buyer insights), streamed. Sent for the
    /// query's policy; else, for the client's own customer, for the client's policy when one is configured; else for the
    /// customer (the query's, or the client's).
    /// </summary>
    /// <param name="query">Rating direction and window; every buyer when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The buyers, read as they arrive.</returns>
    public virtual CoverAsyncList<Buyer> ListMyBuyersAsync(MyBuyersQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.RequestOptions(options, nameof(options));
        var queryPolicyId = CoverArgument.PolicyId(query?.PolicyId, "query.PolicyId");
        CoverArgument.OptionalId(query?.CustomerId, "query.CustomerId");

        // The filter takes up or down only (other values are read from answers, never sent), in the service's spelling.
        string? healthChange = null;
        if (query?.HealthChange is { } change)
        {
            healthChange = change == BuyerRatingChange.Up ? BuyerRatingChange.Up.Value
                : change == BuyerRatingChange.Down ? BuyerRatingChange.Down.Value
                : throw new ArgumentException("query.HealthChange must be BuyerRatingChange.Up or BuyerRatingChange.Down; it is '" + change.Value + "'.", "query.HealthChange");
        }

        if (query?.RatingUpdatedAfter is { } after && query.RatingUpdatedBefore is { } before && before < after)
        {
            throw new ArgumentException("query.RatingUpdatedBefore (" + before + ") must not be before query.RatingUpdatedAfter (" + after + ").", "query.RatingUpdatedBefore");
        }

        var core = Core;
        var policyId = core.ReadPolicyId(queryPolicyId, query?.CustomerId);

        // A policy alone stands for the client's own customer; another customer is named beside its policy, since
        // whether the policy alone selects that customer's buyers is not known (a broker's list came back empty).
        var route = CoverRoutes.WithQuery(
            CoverRoutes.MyBuyers,
            ("policyId", policyId),
            ("customerId", policyId is null || !core.IsOwnCustomer(query?.CustomerId) ? CoverRoutes.Number(query?.CustomerId ?? core.CustomerId) : null),
            ("healthChange", healthChange),
            ("buyerRatingUpdatedAfter", query?.RatingUpdatedAfter?.ToString()),
            ("buyerRatingUpdatedBefore", query?.RatingUpdatedBefore?.ToString()));
        return core.Transport.List(route, CoverJsonContext.Default.Buyer, CoverMapper.ToBuyer, options, cancellationToken);
    }
}
