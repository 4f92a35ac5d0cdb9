using System.Globalization;
using Atradius.Cover.Sdk.Portfolio.Internal;
using Atradius.Cover.Sdk.Portfolio.Sqlite;

namespace Atradius.Cover.Sdk.Portfolio;

// The first load of a portfolio into a file without other portfolios' versions builds the version indexes once, at
// its end. Row by row, each commit of a first load wrote again most pages of the indexes by cover and by buyer
// whenever the lists did not come in the order of those indexes, as a real portfolio's buyers do not: 100,000 covers
// wrote four to six times the size of the file and took up to twice as long as when everything came in order
// (docs/portfolio-measurements.md).
// Built from the finished tables instead, each index is written once. While the load runs the file has no index on
// its versions, so it is done only in a file without versions of any other portfolio, where no other portfolio's
// reader loses one: a new file, or one where an earlier first sync of the same portfolio stopped half way (a handler
// that failed, a cut connection), whose run again loads the rest the same way. The load itself looks nothing up (its
// covers are new: CoverVersion.IsFirstOfCover); a look-up it does need (a cover the earlier run stored has changed
// since) ends it early. A process killed during the load leaves the indexes out; the next store to open the file
// builds them (SqliteSchema.Migrate).
public sealed partial class SqliteCoverPortfolioStore
{
    // The portfolio whose first load this store is writing, if any: one at a time. It changes only under the gate, so
    // a reader ending the load cannot slip between a load's check of the file and its dropping of the indexes.
    private readonly SemaphoreSlim firstLoadGate = new(1, 1);
    private volatile string? loadingPortfolio;

    /// <inheritdoc />
    async Task<bool> IFirstLoadStore.BeginFirstLoadAsync(string portfolioKey, CancellationToken cancellationToken)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        await firstLoadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (loadingPortfolio is not null)
            {
                return false;
            }

            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = await SqliteWriteLock.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Two ranges rather than "<>", so that SQLite finds them in the indexes that begin with the key.
            command.CommandText = """
                SELECT EXISTS (SELECT 1 FROM cover_versions WHERE portfolio_key < @portfolio OR portfolio_key > @portfolio)
                    OR EXISTS (SELECT 1 FROM buyer_rating_versions WHERE portfolio_key < @portfolio OR portfolio_key > @portfolio);
                """;
            command.Parameters.AddWithValue("@portfolio", portfolioKey);
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0)
            {
                return false;
            }

            command.Parameters.Clear();
            SqliteSchema.DropVersionIndexes(command);
            transaction.Commit();
            loadingPortfolio = portfolioKey;
            return true;
        }
        finally
        {
            firstLoadGate.Release();
        }
    }

    /// <inheritdoc />
    Task IFirstLoadStore.EndFirstLoadAsync(string portfolioKey, CancellationToken cancellationToken) => EndFirstLoadAsync(portfolioKey, cancellationToken);

    /// <summary>
    /// Ends a first load early, before a read that walks the version indexes or a commit of another portfolio, which
    /// would otherwise read the whole table each time (a handler that reads each new cover's history, for one): the
    /// indexes are built now and the rest of the load is written row by row.
    /// </summary>
    private Task EndFirstLoadBeforeAsync(string? exceptPortfolio, CancellationToken cancellationToken) =>
        loadingPortfolio is { } loading && !string.Equals(loading, exceptPortfolio, StringComparison.Ordinal)
            ? EndFirstLoadAsync(loading, cancellationToken)
            : Task.CompletedTask;

    private async Task EndFirstLoadAsync(string portfolioKey, CancellationToken cancellationToken)
    {
        await firstLoadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!string.Equals(loadingPortfolio, portfolioKey, StringComparison.Ordinal))
            {
                // Ended already, by a reader or by the sync.
                return;
            }

            // Whatever happens below, the load is over: the next call opens the file as if for the first time when
            // the build fails, and that builds the indexes the file lacks.
            loadingPortfolio = null;
            try
            {
                using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                using var transaction = await SqliteWriteLock.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                SqliteSchema.CreateVersionIndexes(command);
                transaction.Commit();
            }
            catch
            {
                initialized = false;
                throw;
            }
        }
        finally
        {
            firstLoadGate.Release();
        }
    }
}
