using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Atradius.Cover.Sdk.Portfolio.Sqlite;

/// <summary>
/// Takes the file's write lock (BEGIN IMMEDIATE). While another connection or process holds it, Microsoft.Data.Sqlite
/// waits for it on the calling thread for the connection's whole timeout (30 seconds unless the connection string says
/// otherwise) and cannot be cancelled: a host shutting down, or a caller giving up, waited that long. The wait is made
/// here in steps of a second, the caller's token checked between them, for the same time in all.
/// </summary>
internal static class SqliteWriteLock
{
    public static async Task<SqliteTransaction> BeginAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Seconds; 0 waits for ever, as it does in Microsoft.Data.Sqlite.
        var patience = connection.DefaultTimeout;
        var waited = Stopwatch.StartNew();
        connection.DefaultTimeout = 1;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    return connection.BeginTransaction(deferred: false);
                }
                catch (SqliteException busy) when (busy.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED
                    && (cancellationToken.IsCancellationRequested || patience == 0 || waited.Elapsed < TimeSpan.FromSeconds(patience)))
                {
                    // Cancelled while waiting, the caller gets its cancellation at the top of the loop, not the busy file.
                    // The next attempts run on the pool, never on the caller's context: posted there, they would never
                    // run under a caller blocking on the write (a UI thread, a synchronous wrapper), and each would
                    // hold a UI thread for a second.
                    await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            connection.DefaultTimeout = patience;
        }
    }
}
