namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// A store that reads cover versions joined with the version before each in one query. A portfolio's history
/// compares every version with the one before it, which otherwise costs one look-up per version: a query per version
/// for SQLite, a round trip per version for a database server.
/// </summary>
internal interface IPreviousCoverVersionReader
{
    /// <summary>
    /// The versions <see cref="ICoverPortfolioStore.ReadCoverVersionsAsync"/> returns for the same query, in the same
    /// order, each with its cover's version just before it (the next lower version id), which may lie outside the query.
    /// </summary>
    /// <param name="portfolioKey">The portfolio.</param>
    /// <param name="query">Which versions to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The versions with the previous payloads.</returns>
    IAsyncEnumerable<CoverVersionWithPrevious> ReadCoverVersionsWithPreviousAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken);
}
