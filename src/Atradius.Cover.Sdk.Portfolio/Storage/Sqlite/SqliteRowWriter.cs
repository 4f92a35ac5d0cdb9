using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Atradius.Cover.Sdk.Portfolio.Sqlite;

/// <summary>
/// One INSERT prepared once and run for every row of a commit through SQLite's own statement API, on the
/// connection (and so in the transaction) it was prepared on. A command of Microsoft.Data.Sqlite looks every
/// parameter up by name and opens a data reader on each execution, which cost more than the row's write itself in a
/// first sync of 100,000 covers. Parameters are bound by position (1 first) and keep their values from row to row;
/// a value equal to the one already bound is not bound again, since most columns of a commit's rows repeat.
/// </summary>
internal sealed class SqliteRowWriter : IDisposable
{
    // As a command of Microsoft.Data.Sqlite does, a step that finds a table locked is tried again after this pause.
    private static readonly TimeSpan LockedRetryInterval = TimeSpan.FromMilliseconds(150);

    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;

    // How long a step waits for a locked table in all: the connection's timeout in seconds, 0 for ever.
    private readonly int timeoutSeconds;
    private readonly long?[] boundNumbers;
    private readonly string?[] boundTexts;

    public SqliteRowWriter(SqliteConnection connection, string sql)
    {
        database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        timeoutSeconds = connection.DefaultTimeout;
        Check(raw.sqlite3_prepare_v2(database, sql, out statement));
        var count = raw.sqlite3_bind_parameter_count(statement) + 1;
        boundNumbers = new long?[count];
        boundTexts = new string?[count];
    }

    public void Bind(int position, long value)
    {
        if (boundNumbers[position] != value)
        {
            Check(raw.sqlite3_bind_int64(statement, position, value));
            boundNumbers[position] = value;
            boundTexts[position] = null;
        }
    }

    public void Bind(int position, long? value)
    {
        if (value is { } present)
        {
            Bind(position, present);
            return;
        }

        Check(raw.sqlite3_bind_null(statement, position));
        boundNumbers[position] = null;
        boundTexts[position] = null;
    }

    public void Bind(int position, string value)
    {
        if (!string.Equals(boundTexts[position], value, StringComparison.Ordinal))
        {
            Check(raw.sqlite3_bind_text(statement, position, value));
            boundTexts[position] = value;
            boundNumbers[position] = null;
        }
    }

    public void Bind(int position, ReadOnlySpan<byte> value)
    {
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(statement, position, 0) : raw.sqlite3_bind_blob(statement, position, value));
        boundNumbers[position] = null;
        boundTexts[position] = null;
    }

    /// <summary>Runs the statement with the values bound and returns the row id of the row it inserted.</summary>
    /// <param name="cancellationToken">Stops a wait for a locked table; the commit then ends without the row.</param>
    public long Insert(CancellationToken cancellationToken)
    {
        // With Cache=Shared (a shared in-memory database, say), a table another connection is reading is locked at the
        // table, inside the write transaction this commit already holds: the step is tried again until the read ends,
        // the connection's timeout passes or the caller cancels, as a wait for the file's write lock does.
        var waited = Stopwatch.StartNew();
        var result = raw.sqlite3_step(statement);
        while (IsLocked(result) && (timeoutSeconds == 0 || waited.Elapsed < TimeSpan.FromSeconds(timeoutSeconds)))
        {
            raw.sqlite3_reset(statement);
            if (cancellationToken.WaitHandle.WaitOne(LockedRetryInterval))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            result = raw.sqlite3_step(statement);
        }

        // A failed step's error comes back from reset too; reset first so the statement is reusable either way.
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }

        return raw.sqlite3_last_insert_rowid(database);
    }

    public void Dispose() => statement.Dispose();

    private static bool IsLocked(int result) => result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_LOCKED_SHAREDCACHE;

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }
}
