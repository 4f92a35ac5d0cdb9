namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Where the portfolio features read the service's lists. <see cref="CoverClientPortfolioSource"/> reads them
/// through an <see cref="ICoverClient"/>; tests can hand over their own lists.
/// </summary>
public interface ICoverPortfolioSource
{
    /// <summary>Streams the current portfolio (GET /covers, referred applications included).</summary>
    /// <param name="query">Filters (buyer, cover type, changed since); null for the whole portfolio.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The covers, as they arrive.</returns>
    IAsyncEnumerable<CoverDecision> ListCoversAsync(CoverQuery? query, CancellationToken cancellationToken);

    /// <summary>Streams the referred applications (GET /covers/applications).</summary>
    /// <param name="query">Filters; null for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The applications, as they arrive.</returns>
    IAsyncEnumerable<CoverDecision> ListApplicationsAsync(CoverQuery? query, CancellationToken cancellationToken);

    /// <summary>Streams the historic versions (GET /covers/historic).</summary>
    /// <param name="query">Filters; null for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The historic versions, as they arrive.</returns>
    IAsyncEnumerable<CoverDecision> ListHistoricAsync(CoverQuery? query, CancellationToken cancellationToken);

    /// <summary>Streams the policy's buyers with their ratings (GET my-buyers).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The buyers, as they arrive.</returns>
    IAsyncEnumerable<Buyer> ListMyBuyersAsync(CancellationToken cancellationToken);
}
