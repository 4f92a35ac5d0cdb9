namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Reads the service's lists through an <see cref="ICoverClient"/>.</summary>
public sealed class CoverClientPortfolioSource : ICoverPortfolioSource
{
    private readonly ICoverClient _client;

    /// <summary>Creates the source.</summary>
    /// <param name="client">The client.</param>
    public CoverClientPortfolioSource(ICoverClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    public IAsyncEnumerable<CoverDecision> ListCoversAsync(CoverQuery? query, CancellationToken cancellationToken) =>
        _client.Decisions.ListAsync(query, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<CoverDecision> ListApplicationsAsync(CoverQuery? query, CancellationToken cancellationToken) =>
        _client.Applications.ListPendingAsync(query, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<CoverDecision> ListHistoricAsync(CoverQuery? query, CancellationToken cancellationToken) =>
        _client.Decisions.ListHistoricAsync(query, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Buyer> ListMyBuyersAsync(CancellationToken cancellationToken) =>
        _client.Buyers.ListMyBuyersAsync(null, cancellationToken: cancellationToken);
}
