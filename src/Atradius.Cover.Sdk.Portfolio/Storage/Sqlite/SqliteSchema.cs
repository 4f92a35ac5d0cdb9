using Microsoft.Data.Sqlite;

namespace Atradius.Cover.Sdk.Portfolio.Sqlite;

/// <summary>
/// The SQLite schema as ordered migration steps. A file records in schema_version each step applied to it; opening
/// it applies the steps it lacks, in order, in one transaction. Steps are never edited once shipped: a change to
/// the schema is a new step at the end.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Each step's statements, step 1 first; the index plus one is the version the step brings a file to.</summary>
    internal static readonly string[] Migrations =
    [
        // 1: versions, latest-per-subject tables (what a sync compares against), the outbox and the sync state.
        // Times are microseconds since 1970 UTC; the latest tables are small so that streaming 100,000
        // fingerprints reads a few megabytes, not the payloads.
        """
        CREATE TABLE cover_versions (
            version_id INTEGER PRIMARY KEY,
            portfolio_key TEXT NOT NULL,
            cover_id INTEGER NOT NULL,
            buyer_id INTEGER NOT NULL,
            cover_type TEXT NOT NULL,
            source_list TEXT NOT NULL,
            fingerprint INTEGER NOT NULL,
            observed_at INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE INDEX cover_versions_by_cover ON cover_versions (portfolio_key, cover_id, version_id);
        CREATE INDEX cover_versions_by_buyer ON cover_versions (portfolio_key, buyer_id, observed_at);
        CREATE INDEX cover_versions_by_time ON cover_versions (portfolio_key, observed_at);
        CREATE TABLE cover_latest (
            portfolio_key TEXT NOT NULL,
            cover_id INTEGER NOT NULL,
            version_id INTEGER NOT NULL,
            fingerprint INTEGER NOT NULL,
            PRIMARY KEY (portfolio_key, cover_id)) WITHOUT ROWID;
        CREATE TABLE buyer_rating_versions (
            version_id INTEGER PRIMARY KEY,
            portfolio_key TEXT NOT NULL,
            buyer_id INTEGER NOT NULL,
            fingerprint INTEGER NOT NULL,
            observed_at INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE INDEX buyer_rating_versions_by_buyer ON buyer_rating_versions (portfolio_key, buyer_id, version_id);
        CREATE TABLE buyer_rating_latest (
            portfolio_key TEXT NOT NULL,
            buyer_id INTEGER NOT NULL,
            version_id INTEGER NOT NULL,
            fingerprint INTEGER NOT NULL,
            PRIMARY KEY (portfolio_key, buyer_id)) WITHOUT ROWID;
        CREATE TABLE portfolio_changes (
            change_id INTEGER PRIMARY KEY,
            portfolio_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            cover_id INTEGER,
            buyer_id INTEGER,
            new_version_id INTEGER,
            previous_version_id INTEGER,
            occurred_at INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE INDEX portfolio_changes_by_portfolio ON portfolio_changes (portfolio_key, change_id);
        CREATE TABLE change_delivery (
            portfolio_key TEXT PRIMARY KEY,
            delivered_up_to INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE sync_state (
            portfolio_key TEXT PRIMARY KEY,
            last_full_reconciliation_at INTEGER,
            last_sync_at INTEGER,
            last_from_date INTEGER,
            run_count INTEGER NOT NULL,
            payload BLOB NOT NULL);
        """,

        // 2: the records of batches, leases and report runs.
        """
        CREATE TABLE batch_items (
            batch_id TEXT NOT NULL,
            item_key TEXT NOT NULL,
            item_index INTEGER NOT NULL,
            state TEXT NOT NULL,
            attempt_count INTEGER NOT NULL,
            cover_id INTEGER,
            outcome BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (batch_id, item_key));
        CREATE TABLE leases (
            resource TEXT PRIMARY KEY,
            holder_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            fencing_token INTEGER NOT NULL);
        CREATE TABLE report_runs (
            report_name TEXT PRIMARY KEY,
            last_run_at INTEGER NOT NULL,
            payload BLOB NOT NULL);
        """,

        // 3: no new table. From this version on, a change about a cover leaves the cover out of its payload and
        // refers to its versions (new_version_id, previous_version_id), which the outbox is read joined with; rows
        // written before keep their covers and are delivered as they are. The step exists so that an older library,
        // which would deliver such a change without its cover, refuses the file instead.
        """
        SELECT 1;
        """,

        // 4: one outbox row may stand for a run of changes announcing covers' first versions (OutboxRows): the row's
        // change_id is the run's last, change_count how many it holds. Rows written before hold one change each.
        """
        ALTER TABLE portfolio_changes ADD COLUMN change_count INTEGER NOT NULL DEFAULT 1;
        """,

        // 5: a cover's (a buyer rating's) latest version is the last of its versions, found in the by-cover (by-buyer)
        // index, which now carries the fingerprint so that a sync reads the fingerprints from the index alone: the
        // latest-version tables that repeated them cost a row per version written.
        """
        DROP INDEX cover_versions_by_cover;
        CREATE INDEX cover_versions_by_cover ON cover_versions (portfolio_key, cover_id, version_id, fingerprint);
        DROP TABLE cover_latest;
        DROP INDEX buyer_rating_versions_by_buyer;
        CREATE INDEX buyer_rating_versions_by_buyer ON buyer_rating_versions (portfolio_key, buyer_id, version_id, fingerprint);
        DROP TABLE buyer_rating_latest;
        """,
    ];

    /// <summary>The version a file has once every known step is applied.</summary>
    internal static int LatestVersion => Migrations.Length;

    /// <summary>
    /// The indexes of the version tables as the steps above leave them. A first load into a file without versions
    /// drops them and builds each once the load has ended (<see cref="DropVersionIndexes"/>,
    /// <see cref="CreateVersionIndexes"/>): keeping them up to date row by row cost most of such a load when the lists
    /// do not come in the order of the indexes, and wrote every index page again with each commit.
    /// </summary>
    internal static readonly (string Name, string Table, string Columns)[] VersionIndexes =
    [
        ("cover_versions_by_cover", "cover_versions", "portfolio_key, cover_id, version_id, fingerprint"),
        ("cover_versions_by_buyer", "cover_versions", "portfolio_key, buyer_id, observed_at"),
        ("cover_versions_by_time", "cover_versions", "portfolio_key, observed_at"),
        ("buyer_rating_versions_by_buyer", "buyer_rating_versions", "portfolio_key, buyer_id, version_id, fingerprint"),
    ];

    /// <summary>Drops the <see cref="VersionIndexes"/>, in the transaction of <paramref name="command"/>.</summary>
    internal static void DropVersionIndexes(SqliteCommand command)
    {
        command.CommandText = string.Concat(VersionIndexes.Select(index => $"DROP INDEX IF EXISTS {index.Name};"));
        command.ExecuteNonQuery();
    }

    /// <summary>Creates those of the <see cref="VersionIndexes"/> the file lacks, in the transaction of <paramref name="command"/>.</summary>
    internal static void CreateVersionIndexes(SqliteCommand command)
    {
        command.CommandText = string.Concat(VersionIndexes.Select(index => $"CREATE INDEX IF NOT EXISTS {index.Name} ON {index.Table} ({index.Columns});"));
        command.ExecuteNonQuery();
    }

    /// <summary>Brings the file to <paramref name="targetVersion"/> (every step by default).</summary>
    internal static void Migrate(SqliteConnection connection, long appliedAtMicroseconds, int? targetVersion = null)
    {
        var target = targetVersion ?? LatestVersion;

        // WAL lets readers go on while a commit is written and turns a commit into one sequential append;
        // the mode is kept in the file, so this only matters the first time. So does the page size, which only a
        // new file takes: a cover version is about 600 bytes, and 16 KB pages cut the time of a first sync of
        // 100,000 covers by a fifth against the default 4 KB (fewer pages to link, write and checkpoint).
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
            SELECT COALESCE(MAX(version), 0) FROM schema_version;
            """;
        var current = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The portfolio database is at schema version {current}, newer than this library's {LatestVersion}: a newer version of Atradius.Cover.Sdk.Portfolio wrote it. Upgrade the package, or point the store at another file.");
        }

        for (var version = current + 1; version <= target; version++)
        {
            command.CommandText = Migrations[version - 1];
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (@version, @appliedAt);";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("@version", version);
            command.Parameters.AddWithValue("@appliedAt", appliedAtMicroseconds);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
        }

        if (target == LatestVersion)
        {
            // A first load that ended without building its indexes again (the process was killed) left them out.
            CreateVersionIndexes(command);
        }

        transaction.Commit();
    }
}
