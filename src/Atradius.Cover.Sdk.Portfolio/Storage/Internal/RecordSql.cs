namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The statements and column lists of a portfolio's records that SQLite and PostgreSQL run word for word, so that the
/// two database stores read and write them alike: the sync state (parameters @portfolio, @full, @sync, @from, @runs,
/// @payload), report runs (@name, @at, @payload) and the columns of a cover version and of a batch item.
/// </summary>
internal static class RecordSql
{
    /// <summary>A cover version's columns on cover_versions aliased v, in the order the stores read them.</summary>
    public const string CoverVersionColumns = "v.version_id, v.cover_id, v.buyer_id, v.cover_type, v.source_list, v.fingerprint, v.observed_at, v.payload";

    /// <summary>A batch item's columns, in the order the stores read them.</summary>
    public const string BatchItemColumns = "batch_id, item_key, item_index, state, attempt_count, cover_id, outcome, updated_at";

    /// <summary>A portfolio's sync state.</summary>
    public const string ReadSyncState =
        "SELECT last_full_reconciliation_at, last_sync_at, last_from_date, run_count, payload FROM sync_state WHERE portfolio_key = @portfolio;";

    /// <summary>Writes a portfolio's sync state over the one before.</summary>
    public const string SaveSyncState = """
        INSERT INTO sync_state (portfolio_key, last_full_reconciliation_at, last_sync_at, last_from_date, run_count, payload)
        VALUES (@portfolio, @full, @sync, @from, @runs, @payload)
        ON CONFLICT (portfolio_key) DO UPDATE SET
            last_full_reconciliation_at = excluded.last_full_reconciliation_at, last_sync_at = excluded.last_sync_at,
            last_from_date = excluded.last_from_date, run_count = excluded.run_count, payload = excluded.payload;
        """;

    /// <summary>A report's last run.</summary>
    public const string ReadReportRun = "SELECT report_name, last_run_at, payload FROM report_runs WHERE report_name = @name;";

    /// <summary>Writes a report's last run over the one before.</summary>
    public const string SaveReportRun = """
        INSERT INTO report_runs (report_name, last_run_at, payload) VALUES (@name, @at, @payload)
        ON CONFLICT (report_name) DO UPDATE SET last_run_at = excluded.last_run_at, payload = excluded.payload;
        """;
}
