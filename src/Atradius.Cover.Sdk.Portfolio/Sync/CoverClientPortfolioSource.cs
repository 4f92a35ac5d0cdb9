namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Reads the service's lists through an <see cref="ICoverClient"/>.</summary>
public sealed class CoverClientPortfolioSource : ICoverPortfolioSource
{
    private readonly ICoverClient _client;
    private readonly long? _customerId;
    private readonly string? _policyId;

    /// <summary>Creates the source over the portfolio of the client's customer and policy.</summary>
    /// <param name="client">The client.</param>
    public CoverClientPortfolioSource(ICoverClient client)
        : this(client, null, null)
    {
    }

    /// <summary>
    /// Creates the source over the portfolio of one customer and policy, for example one of the customers a broker's
    /// client works for (sync each into a portfolio key of its own).
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="customerId">The customer whose lists are read; the client's when null.</param>
    /// <param name="policyId">The policy whose lists are read; when null, the client's for the client's own customer, and every policy of another customer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerId"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks or longer than 20 characters without the blanks around it.</exception>
    public CoverClientPortfolioSource(ICoverClient client, long? customerId, string? policyId)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));

        // The lists check them too, but at every sync and under the name of their query, which the caller never set.
        CoverArgument.OptionalId(customerId, nameof(customerId));
        _ = CoverArgument.PolicyId(policyId, nameof(policyId));
        _customerId = customerId;
        _policyId = policyId;
    }

    /// <summary>Gets the customer whose lists are read; null for the client's.</summary>
    public long? CustomerId => _customerId;

    /// <summary>Gets the policy whose lists are read; null for the client's (or, for another customer, every policy of that customer).</summary>
    public string? PolicyId => _policyId;

    /// <inheritdoc />
    public IAsyncEnumerable<CoverDecision> ListCoversAsync(CoverQuery? query, CancellationToken cancellationToken) =>
        _client.Decisions.ListAsync(Narrow(query), cancellationToken: cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<CoverDecision> ListApplicationsAsync(CoverQuery? query, CancellationToken cancellationToken) =>
        _client.Applications.ListPendingAsync(Narrow(query), cancellationToken: cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<CoverDecision> ListHistoricAsync(CoverQuery? query, CancellationToken cancellationToken) =>
        _client.Decisions.ListHistoricAsync(Narrow(query), cancellationToken: cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Buyer> ListMyBuyersAsync(CancellationToken cancellationToken) =>
        _client.Buyers.ListMyBuyersAsync(
            _customerId is null && _policyId is null ? null : new MyBuyersQuery { CustomerId = _customerId, PolicyId = _policyId },
            cancellationToken: cancellationToken);

    // The sync's own query is copied, not changed: the caller may keep it.
    private CoverQuery? Narrow(CoverQuery? query) =>
        _customerId is null && _policyId is null
            ? query
            : new CoverQuery
            {
                CustomerId = query?.CustomerId ?? _customerId,
                PolicyId = query?.PolicyId ?? _policyId,
                BuyerId = query?.BuyerId,
                CoverType = query?.CoverType,
                ChangedSince = query?.ChangedSince,
            };
}
