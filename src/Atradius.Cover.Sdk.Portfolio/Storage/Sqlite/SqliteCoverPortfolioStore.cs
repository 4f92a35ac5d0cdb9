using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Atradius.Cover.Sdk.Portfolio.Internal;
using Atradius.Cover.Sdk.Portfolio.Sqlite;
using Microsoft.Data.Sqlite;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The embedded store: one SQLite file, created with its folder on first use, its schema versioned and migrated
/// forward. Each commit is one transaction in WAL mode, so a crash at any point keeps every commit that returned and
/// nothing of one that did not. Several instances and processes may share one file; SQLite lets one write at a time.
/// </summary>
/// <remarks>
/// A portfolio's first sync into a file that holds no versions of another portfolio (a new file, or one an earlier
/// first sync of the same portfolio stopped in half way) builds the file's indexes once, when it ends (also when it
/// fails or is cancelled), rather than row by row. A read of cover versions through the same store during that
/// sync (a handler reading each new cover's history, say), or a commit of another portfolio, has them built at once
/// and the rest written row by row; other stores on the file meanwhile find versions by reading the whole table. A
/// file left without them by a process killed during that sync gets them back from the next store that opens it.
/// </remarks>
public sealed partial class SqliteCoverPortfolioStore : ICoverPortfolioStore, IPreviousCoverVersionReader, IFirstLoadStore, IDisposable
{
    private readonly string connectionString;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim initialization = new(1, 1);
    private volatile bool initialized;

    /// <summary>Creates a store on the SQLite file at <paramref name="databasePath"/>, using the system clock.</summary>
    /// <param name="databasePath">The file; it and its folder are created on first use.</param>
    public SqliteCoverPortfolioStore(string databasePath)
        : this(databasePath, TimeProvider.System)
    {
    }

    /// <summary>Creates a store on the SQLite file at <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The file; it and its folder are created on first use.</param>
    /// <param name="timeProvider">The clock that decides when leases expire and stamps batch items.</param>
    public SqliteCoverPortfolioStore(string databasePath, TimeProvider timeProvider)
        : this(BuildConnectionString(databasePath), timeProvider, createFolderOf: databasePath)
    {
    }

    private SqliteCoverPortfolioStore(string connectionString, TimeProvider timeProvider, string? createFolderOf)
    {
        StoreArguments.NotNull(timeProvider, nameof(timeProvider));
        this.connectionString = connectionString;
        this.timeProvider = timeProvider;
        if (createFolderOf is not null && Path.GetDirectoryName(Path.GetFullPath(createFolderOf)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// Creates a store from a Microsoft.Data.Sqlite connection string, for settings a path alone cannot carry
    /// (a password with SQLCipher, a shared in-memory database, pooling).
    /// </summary>
    /// <param name="connectionString">The connection string; <c>Data Source</c> names the file.</param>
    /// <param name="timeProvider">The clock that decides when leases expire; the system clock when <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    public static SqliteCoverPortfolioStore FromConnectionString(string connectionString, TimeProvider? timeProvider = null)
    {
        StoreArguments.NotBlank(connectionString, nameof(connectionString));
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"{nameof(connectionString)} is not a valid SQLite connection string: {exception.Message}", nameof(connectionString), exception);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException($"{nameof(connectionString)} must name the database file with Data Source.", nameof(connectionString));
        }

        // A file's folder is created as for a path; a database in memory, a URI or one opened read-only has none to make.
        var onDisk = builder.Mode is SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite
            && !string.Equals(builder.DataSource, ":memory:", StringComparison.Ordinal)
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        return new SqliteCoverPortfolioStore(builder.ToString(), timeProvider ?? TimeProvider.System, createFolderOf: onDisk ? builder.DataSource : null);
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (initialized)
        {
            return;
        }

        await initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!initialized)
            {
                using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                SqliteSchema.Migrate(connection, StoreTime.ToUnixMicroseconds(StoreTime.Now(timeProvider)));
                initialized = true;
            }
        }
        finally
        {
            initialization.Release();
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<CoverFingerprint> ReadLatestCoverFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        return ReadLatestFingerprintsAsync("cover_versions", "cover_id", portfolioKey, (cover, version, fingerprint) => new CoverFingerprint(cover, version, fingerprint), f => f.CoverId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredCoverVersion>> GetLatestCoverVersionsAsync(string portfolioKey, IEnumerable<long> coverIds, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        var ids = StoreArguments.Ids(coverIds, nameof(coverIds));
        await EndFirstLoadBeforeAsync(exceptPortfolio: null, cancellationToken).ConfigureAwait(false);
        return await LookUpAsync(
            $"SELECT {RecordSql.CoverVersionColumns} FROM cover_versions v WHERE v.portfolio_key = @portfolio AND v.cover_id = @id ORDER BY v.version_id DESC LIMIT 1;",
            portfolioKey,
            ids,
            ReadCoverVersion,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredCoverVersion> ReadCoverVersionsAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken = default) =>
        ReadCoverVersionsAsync(portfolioKey, query, string.Empty, ReadCoverVersion, cancellationToken);

    /// <inheritdoc />
    IAsyncEnumerable<CoverVersionWithPrevious> IPreviousCoverVersionReader.ReadCoverVersionsWithPreviousAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken) =>
        ReadCoverVersionsAsync(portfolioKey, query, ", " + CoverVersionSql.PreviousPayload, reader => new CoverVersionWithPrevious(ReadCoverVersion(reader), Blob(reader, 8)), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<BuyerRatingFingerprint> ReadLatestBuyerRatingFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        return ReadLatestFingerprintsAsync("buyer_rating_versions", "buyer_id", portfolioKey, (buyer, version, fingerprint) => new BuyerRatingFingerprint(buyer, version, fingerprint), f => f.BuyerId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredBuyerRatingVersion>> GetLatestBuyerRatingVersionsAsync(string portfolioKey, IEnumerable<long> buyerIds, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        var ids = StoreArguments.Ids(buyerIds, nameof(buyerIds));
        await EndFirstLoadBeforeAsync(exceptPortfolio: null, cancellationToken).ConfigureAwait(false);
        return await LookUpAsync(
            "SELECT v.version_id, v.buyer_id, v.fingerprint, v.observed_at, v.payload FROM buyer_rating_versions v WHERE v.portfolio_key = @portfolio AND v.buyer_id = @id ORDER BY v.version_id DESC LIMIT 1;",
            portfolioKey,
            ids,
            reader => new StoredBuyerRatingVersion
            {
                VersionId = reader.GetInt64(0),
                BuyerId = reader.GetInt64(1),
                Fingerprint = reader.GetInt64(2),
                ObservedAt = StoreTime.FromUnixMicroseconds(reader.GetInt64(3)),
                Payload = Blob(reader, 4),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioCommitResult> CommitAsync(string portfolioKey, PortfolioCommit commit, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.Commit(commit);
        await EndFirstLoadBeforeAsync(exceptPortfolio: portfolioKey, cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE: take the write lock now, so the lookups below see what the commit builds on.
        using var transaction = await SqliteWriteLock.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        if (commit.Lease is { } lease)
        {
            CheckLease(connection, transaction, lease);
        }

        var linker = new VersionLinker(commit);
        LookUpLatest(connection, transaction, "SELECT cover_id, MAX(version_id) FROM cover_versions WHERE portfolio_key = @portfolio AND cover_id IN (SELECT value FROM json_each(@ids)) GROUP BY cover_id;", portfolioKey, VersionLinker.CoversToLookUp(commit), linker.StoredCover, cancellationToken);
        LookUpLatest(connection, transaction, "SELECT buyer_id, MAX(version_id) FROM buyer_rating_versions WHERE portfolio_key = @portfolio AND buyer_id IN (SELECT value FROM json_each(@ids)) GROUP BY buyer_id;", portfolioKey, VersionLinker.BuyersToLookUp(commit), linker.StoredBuyer, cancellationToken);

        var coverVersionIds = WriteCoverVersions(connection, portfolioKey, commit.CoverVersions, linker, cancellationToken);
        var ratingVersionIds = WriteBuyerRatingVersions(connection, portfolioKey, commit.BuyerRatingVersions, linker, cancellationToken);
        var changeIds = WriteChanges(connection, transaction, portfolioKey, commit, coverVersionIds, linker, cancellationToken);
        if (commit.SyncState is { } state)
        {
            using var command = Command(connection, transaction, RecordSql.SaveSyncState);
            command.Parameters.AddWithValue("@portfolio", portfolioKey);
            command.Parameters.AddWithValue("@full", Time(state.LastFullReconciliationAt));
            command.Parameters.AddWithValue("@sync", Time(state.LastSyncAt));
            command.Parameters.AddWithValue("@from", Time(state.LastFromDate));
            command.Parameters.AddWithValue("@runs", state.RunCount);
            command.Parameters.Add("@payload", SqliteType.Blob).Value = Bytes(state.Payload);
            command.ExecuteNonQuery();
        }

        // The last point where cancelling still leaves nothing behind; after it, the commit is durable.
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return new PortfolioCommitResult { CoverVersionIds = coverVersionIds, BuyerRatingVersionIds = ratingVersionIds, ChangeIds = changeIds };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPortfolioChange>> ReadUndeliveredChangesAsync(string portfolioKey, int maxCount, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.MaxCount(maxCount);
        var changes = new List<StoredPortfolioChange>();
        await foreach (var change in ReadAsync(
            OutboxSql.UndeliveredChanges,
            command =>
            {
                command.Parameters.AddWithValue("@portfolio", portfolioKey);
                command.Parameters.AddWithValue("@max", maxCount);
            },
            reader => new StoredPortfolioChange
            {
                ChangeId = reader.GetInt64(0),
                Kind = reader.GetString(1),
                CoverId = NullableInt64(reader, 2),
                BuyerId = NullableInt64(reader, 3),
                NewVersionId = NullableInt64(reader, 4),
                PreviousVersionId = NullableInt64(reader, 5),
                OccurredAt = StoreTime.FromUnixMicroseconds(reader.GetInt64(6)),
                Payload = Blob(reader, 7),
                NewVersionPayload = Blob(reader, 8),
                PreviousVersionPayload = Blob(reader, 9),
            },
            cancellationToken).ConfigureAwait(false))
        {
            changes.Add(change);
        }

        return changes;
    }

    /// <inheritdoc />
    public async Task MarkChangesDeliveredAsync(string portfolioKey, long upToChangeId, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        await WriteAsync(
            lease: null,
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, OutboxSql.MarkDelivered);
                command.Parameters.AddWithValue("@portfolio", portfolioKey);
                command.Parameters.AddWithValue("@upTo", upToChangeId);
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioSyncState?> GetSyncStateAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        return await ReadSingleAsync(
            RecordSql.ReadSyncState,
            command => command.Parameters.AddWithValue("@portfolio", portfolioKey),
            reader => new PortfolioSyncState
            {
                LastFullReconciliationAt = NullableTime(reader, 0),
                LastSyncAt = NullableTime(reader, 1),
                LastFromDate = NullableTime(reader, 2),
                RunCount = reader.GetInt64(3),
                Payload = Blob(reader, 4),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> AddBatchItemsAsync(string batchId, IEnumerable<NewBatchItem> items, CancellationToken cancellationToken = default)
    {
        var list = StoreArguments.BatchItems(batchId, items);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await SqliteWriteLock.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        // Read inside the write transaction (BEGIN IMMEDIATE): no other writer adds to the batch between this read and
        // the inserts, in this process or another sharing the file.
        int next;
        using (var highest = Command(connection, transaction, "SELECT COALESCE(MAX(item_index) + 1, 0) FROM batch_items WHERE batch_id = @batch;"))
        {
            highest.Parameters.AddWithValue("@batch", batchId);
            next = Convert.ToInt32(highest.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        using var command = Command(connection, transaction, """
            INSERT INTO batch_items (batch_id, item_key, item_index, state, attempt_count, cover_id, outcome, updated_at)
            VALUES (@batch, @key, @index, @state, 0, NULL, X'', @now)
            ON CONFLICT (batch_id, item_key) DO NOTHING;
            """);
        command.Parameters.AddWithValue("@batch", batchId);
        var key = command.Parameters.Add("@key", SqliteType.Text);
        var index = command.Parameters.Add("@index", SqliteType.Integer);
        command.Parameters.AddWithValue("@state", nameof(BatchItemState.Pending));
        command.Parameters.AddWithValue("@now", StoreTime.ToUnixMicroseconds(StoreTime.Now(timeProvider)));
        command.Prepare();
        var added = 0;
        foreach (var item in BatchItemOrder.InIndexOrder(list))
        {
            cancellationToken.ThrowIfCancellationRequested();
            key.Value = item.ItemKey;
            index.Value = next;
            if (command.ExecuteNonQuery() == 1)
            {
                next++;
                added++;
            }
        }

        transaction.Commit();
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BatchItem>> GetBatchItemsAsync(string batchId, CancellationToken cancellationToken = default)
    {
        StoreArguments.Key(batchId, nameof(batchId));
        var items = new List<BatchItem>();
        await foreach (var item in ReadAsync(
            $"SELECT {RecordSql.BatchItemColumns} FROM batch_items WHERE batch_id = @batch ORDER BY item_index, item_key;",
            command => command.Parameters.AddWithValue("@batch", batchId),
            ReadBatchItem,
            cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    /// <inheritdoc />
    public async Task<BatchItem?> TryTransitionBatchItemAsync(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition, CancellationToken cancellationToken = default)
    {
        StoreArguments.Transition(batchId, itemKey, expectedState, transition);
        const string sql = $"""
            UPDATE batch_items SET
                state = @state,
                attempt_count = attempt_count + @attempt,
                cover_id = COALESCE(@cover, cover_id),
                outcome = COALESCE(@outcome, outcome),
                updated_at = @now
            WHERE batch_id = @batch AND item_key = @key AND state = @expected AND (@attempts IS NULL OR attempt_count = @attempts)
            RETURNING {RecordSql.BatchItemColumns};
            """;

        // One conditional UPDATE under the write lock, so of two runners only one sees the expected state.
        return await WriteAsync(
            transition.Lease,
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, sql);
                command.Parameters.AddWithValue("@state", transition.State.ToString());
                command.Parameters.AddWithValue("@attempt", transition.State == BatchItemState.InFlight ? 1 : 0);
                command.Parameters.AddWithValue("@cover", (object?)transition.CoverId ?? DBNull.Value);
                command.Parameters.Add("@outcome", SqliteType.Blob).Value = transition.Outcome is { } outcome ? Bytes(outcome) : DBNull.Value;
                command.Parameters.AddWithValue("@now", StoreTime.ToUnixMicroseconds(StoreTime.Now(timeProvider)));
                command.Parameters.AddWithValue("@batch", batchId);
                command.Parameters.AddWithValue("@key", itemKey);
                command.Parameters.AddWithValue("@expected", expectedState.ToString());
                command.Parameters.AddWithValue("@attempts", (object?)transition.ExpectedAttemptCount ?? DBNull.Value);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadBatchItem(reader) : null;
            },
            cancellationToken,
            // An item goes in flight before its application is sent: taken back by a power loss, it would be sent again
            // as a pending item, without a look at the buyer's covers first.
            durable: transition.State == BatchItemState.InFlight).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioLease?> TryAcquireLeaseAsync(string resource, string holderId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(resource, holderId, duration);
        var now = StoreTime.Now(timeProvider);
        return await WriteLeaseAsync(
            LeaseSql.Acquire,
            command =>
            {
                command.Parameters.AddWithValue("@resource", resource);
                command.Parameters.AddWithValue("@holder", holderId);
                command.Parameters.AddWithValue("@expires", StoreTime.ToUnixMicroseconds(now + duration));
                command.Parameters.AddWithValue("@now", StoreTime.ToUnixMicroseconds(now));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioLease?> RenewLeaseAsync(PortfolioLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        StoreArguments.Duration(duration);
        var now = StoreTime.Now(timeProvider);
        return await WriteLeaseAsync(
            LeaseSql.Renew,
            command =>
            {
                command.Parameters.AddWithValue("@expires", StoreTime.ToUnixMicroseconds(now + duration));
                command.Parameters.AddWithValue("@resource", lease.Resource);
                command.Parameters.AddWithValue("@holder", lease.HolderId);
                command.Parameters.AddWithValue("@token", lease.FencingToken);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseLeaseAsync(PortfolioLease lease, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        var released = await WriteAsync(
            lease: null,
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, LeaseSql.Release);
                command.Parameters.AddWithValue("@longAgo", StoreTime.ToUnixMicroseconds(StoreTime.LongAgo));
                command.Parameters.AddWithValue("@resource", lease.Resource);
                command.Parameters.AddWithValue("@holder", lease.HolderId);
                command.Parameters.AddWithValue("@token", lease.FencingToken);
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
        return released == 1;
    }

    /// <inheritdoc />
    public async Task<ReportRun?> GetReportRunAsync(string reportName, CancellationToken cancellationToken = default)
    {
        StoreArguments.Key(reportName, nameof(reportName));
        return await ReadSingleAsync(
            RecordSql.ReadReportRun,
            command => command.Parameters.AddWithValue("@name", reportName),
            reader => new ReportRun
            {
                ReportName = reader.GetString(0),
                LastRunAt = StoreTime.FromUnixMicroseconds(reader.GetInt64(1)),
                Payload = Blob(reader, 2),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveReportRunAsync(ReportRun run, CancellationToken cancellationToken = default)
    {
        StoreArguments.ReportRun(run);
        await WriteAsync(
            run.Lease,
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, RecordSql.SaveReportRun);
                command.Parameters.AddWithValue("@name", run.ReportName);
                command.Parameters.AddWithValue("@at", StoreTime.ToUnixMicroseconds(run.LastRunAt));
                command.Parameters.Add("@payload", SqliteType.Blob).Value = Bytes(run.Payload);
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns this store's pooled connections to the system, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        initialization.Dispose();
        firstLoadGate.Dispose();
    }

    private static string BuildConnectionString(string databasePath)
    {
        StoreArguments.NotBlank(databasePath, nameof(databasePath));
        return new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    private static long[] WriteCoverVersions(SqliteConnection connection, string portfolioKey, IReadOnlyList<CoverVersion> versions, VersionLinker linker, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return [];
        }

        using var insert = new SqliteRowWriter(connection, """
            INSERT INTO cover_versions (portfolio_key, cover_id, buyer_id, cover_type, source_list, fingerprint, observed_at, payload)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);
            """);
        insert.Bind(1, portfolioKey);
        var ids = new long[versions.Count];
        for (var i = 0; i < versions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var version = versions[i];
            insert.Bind(2, version.CoverId);
            insert.Bind(3, version.BuyerId);
            insert.Bind(4, version.CoverType);
            insert.Bind(5, version.SourceList);
            insert.Bind(6, version.Fingerprint);
            insert.Bind(7, StoreTime.ToUnixMicroseconds(version.ObservedAt));
            insert.Bind(8, version.Payload.Span);
            ids[i] = insert.Insert(cancellationToken);
            linker.WroteCover(version.CoverId, ids[i]);
        }

        return ids;
    }

    private static long[] WriteBuyerRatingVersions(SqliteConnection connection, string portfolioKey, IReadOnlyList<BuyerRatingVersion> versions, VersionLinker linker, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return [];
        }

        using var insert = new SqliteRowWriter(connection, """
            INSERT INTO buyer_rating_versions (portfolio_key, buyer_id, fingerprint, observed_at, payload)
            VALUES (?1, ?2, ?3, ?4, ?5);
            """);
        insert.Bind(1, portfolioKey);
        var ids = new long[versions.Count];
        for (var i = 0; i < versions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var version = versions[i];
            insert.Bind(2, version.BuyerId);
            insert.Bind(3, version.Fingerprint);
            insert.Bind(4, StoreTime.ToUnixMicroseconds(version.ObservedAt));
            insert.Bind(5, version.Payload.Span);
            ids[i] = insert.Insert(cancellationToken);
            linker.WroteBuyer(version.BuyerId, ids[i]);
        }

        return ids;
    }

    private static long[] WriteChanges(SqliteConnection connection, SqliteTransaction transaction, string portfolioKey, PortfolioCommit commit, long[] coverVersionIds, VersionLinker linker, CancellationToken cancellationToken)
    {
        var changes = commit.Changes;
        if (changes.Count == 0)
        {
            return [];
        }

        // The identifiers are given here rather than by SQLite, so that a run of changes gets consecutive ones in one
        // row; the transaction holds the write lock, so nobody else takes them meanwhile.
        var firstId = NextChangeId(connection, transaction);
        var ids = new long[changes.Count];
        var links = new (long? NewVersionId, long? PreviousVersionId)[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            ids[i] = firstId + i;
            links[i] = linker.Resolve(changes[i]);
        }

        using var insert = new SqliteRowWriter(connection, """
            INSERT INTO portfolio_changes (change_id, portfolio_key, kind, cover_id, buyer_id, new_version_id, previous_version_id, occurred_at, payload, change_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);
            """);
        insert.Bind(2, portfolioKey);
        foreach (var (start, count) in OutboxRows.Layout(changes, ids, links, commit.CoverVersions, coverVersionIds))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = changes[start];
            var run = count > 1;
            insert.Bind(1, ids[start + count - 1]);
            insert.Bind(3, change.Kind);
            insert.Bind(4, run ? null : change.CoverId);
            insert.Bind(5, run ? null : change.BuyerId);
            insert.Bind(6, links[start].NewVersionId);
            insert.Bind(7, links[start].PreviousVersionId);
            insert.Bind(8, StoreTime.ToUnixMicroseconds(change.OccurredAt));
            insert.Bind(9, change.Payload.Span);
            insert.Bind(10, count);
            insert.Insert(cancellationToken);
        }

        return ids;
    }

    private static long NextChangeId(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, "SELECT COALESCE(MAX(change_id), 0) + 1 FROM portfolio_changes;");
        return (long)command.ExecuteScalar()!;
    }

    // One statement for all the subjects of a commit, their ids passed as a JSON array: a lookup per subject cost a
    // statement execution per cover on a first sync, where none of them is found.
    private static void LookUpLatest(SqliteConnection connection, SqliteTransaction transaction, string sql, string portfolioKey, IReadOnlyList<long> ids, Action<long, long> found, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var array = new System.Text.StringBuilder(ids.Count * 10).Append('[');
        for (var i = 0; i < ids.Count; i++)
        {
            array.Append(i == 0 ? string.Empty : ",").Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        using var command = Command(connection, transaction, sql);
        command.Parameters.AddWithValue("@portfolio", portfolioKey);
        command.Parameters.AddWithValue("@ids", array.Append(']').ToString());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            found(reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    private async Task<IReadOnlyList<T>> LookUpAsync<T>(string sql, string portfolioKey, IReadOnlyList<long> ids, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        if (ids.Count == 0)
        {
            return found;
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction: every row comes from the same snapshot even while a commit is written.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = Command(connection, transaction, sql);
        command.Parameters.AddWithValue("@portfolio", portfolioKey);
        var id = command.Parameters.Add("@id", SqliteType.Integer);
        command.Prepare();
        foreach (var subject in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            id.Value = subject;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                found.Add(read(reader));
            }
        }

        return found;
    }

    private IAsyncEnumerable<T> ReadCoverVersionsAsync<T>(string portfolioKey, CoverVersionQuery query, string moreColumns, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.Query(query);
        return ReadAfterFirstLoadAsync(
            exceptPortfolio: null,
            CoverVersionsSql(query, moreColumns),
            command =>
            {
                command.Parameters.AddWithValue("@portfolio", portfolioKey);
                AddIfSet(command, "@buyer", query.BuyerId);
                AddIfSet(command, "@cover", query.CoverId);
                AddIfSet(command, "@from", StoreTime.Bound(query.From) is { } from ? StoreTime.ToUnixMicroseconds(from) : null);
                AddIfSet(command, "@to", StoreTime.Bound(query.To) is { } to ? StoreTime.ToUnixMicroseconds(to) : null);
            },
            read,
            cancellationToken);
    }

    /// <summary>The statement that reads the versions a query names, with parameters @portfolio, @buyer, @cover, @from, @to.</summary>
    internal static string CoverVersionsSql(CoverVersionQuery query, string moreColumns = "")
    {
        // One cover's versions are few, so sorting them beats walking the portfolio in time order, which SQLite would
        // otherwise pick to save the sort, or looking up a time range of the whole portfolio: the unary plus keeps the
        // by-time index from serving the order or the range. A hint naming the by-cover index would fail while a first
        // load runs without it.
        var oneCover = query is { CoverId: not null, BuyerId: null };
        var order = oneCover ? " ORDER BY +v.observed_at, v.version_id;" : CoverVersionSql.Order;
        return $"SELECT {RecordSql.CoverVersionColumns}{moreColumns} FROM cover_versions v WHERE v.portfolio_key = @portfolio{CoverVersionSql.Filters(query, timeUnindexed: oneCover)}{order}";
    }

    // A read that walks the version indexes ends a first load that runs without them (but that of exceptPortfolio).
    private async IAsyncEnumerable<T> ReadAfterFirstLoadAsync<T>(string? exceptPortfolio, string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EndFirstLoadBeforeAsync(exceptPortfolio, cancellationToken).ConfigureAwait(false);
        await foreach (var item in ReadAsync(sql, bind, read, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private async IAsyncEnumerable<T> ReadAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return read(reader);
        }
    }

    // The latest version of each subject (cover, buyer) of a version table: the last of its entries in the index that
    // ends with the fingerprint, read in subject and version order. Walking the index this way costs SQLite a third
    // of grouping the entries with MAX.
    private async IAsyncEnumerable<T> ReadLatestFingerprintsAsync<T>(string table, string subjectColumn, string portfolioKey, Func<long, long, long, T> create, Func<T, long> subject, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : struct
    {
        // A sync reads its own portfolio's latest ratings during its first load, before it writes any.
        var entries = ReadAfterFirstLoadAsync(
            exceptPortfolio: portfolioKey,
            $"SELECT {subjectColumn}, version_id, fingerprint FROM {table} WHERE portfolio_key = @portfolio ORDER BY {subjectColumn}, version_id;",
            command => command.Parameters.AddWithValue("@portfolio", portfolioKey),
            reader => create(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)),
            cancellationToken);
        T? pending = null;
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            if (pending is { } previous && subject(previous) != subject(entry))
            {
                yield return previous;
            }

            pending = entry;
        }

        if (pending is { } last)
        {
            yield return last;
        }
    }

    private async Task<T?> ReadSingleAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    private Task<PortfolioLease?> WriteLeaseAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(
            lease: null,
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, sql);
                bind(command);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadLease(reader) : null;
            },
            cancellationToken);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // NORMAL in WAL mode: a commit survives a process crash; only a power loss may take back the last
            // commits, never leaving a half-applied one. FULL would sync the disk on every commit.
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Every write comes here, one statement alone too: run by itself, it would wait out another writer's lock inside
    // Microsoft.Data.Sqlite for the whole timeout, deaf to the caller's token (a holder giving up a renewal too late to
    // keep its lease, a host shutting down).
    // BEGIN IMMEDIATE takes the write lock before the lease is read: a take-over is a write too, so it comes wholly
    // before the check (and a write made under the lease is refused) or wholly after the write.
    // A durable write syncs the disk on its commit (FULL) even in WAL mode, where a power loss may otherwise take back the
    // last commits; the connection returns to NORMAL on its next open.
    private async Task<T> WriteAsync<T>(PortfolioLease? lease, Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken, bool durable = false)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (durable)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL;";
            pragma.ExecuteNonQuery();
        }

        using var transaction = await SqliteWriteLock.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        if (lease is not null)
        {
            CheckLease(connection, transaction, lease);
        }

        var written = write(connection, transaction);
        transaction.Commit();
        return written;
    }

    private static void CheckLease(SqliteConnection connection, SqliteTransaction transaction, PortfolioLease lease)
    {
        using var command = Command(connection, transaction, "SELECT holder_id, fencing_token FROM leases WHERE resource = @resource;");
        command.Parameters.AddWithValue("@resource", lease.Resource);
        using var reader = command.ExecuteReader();
        var found = reader.Read();
        LeaseFence.Check(lease, found ? reader.GetString(0) : null, found ? reader.GetInt64(1) : 0);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static StoredCoverVersion ReadCoverVersion(SqliteDataReader reader) => new()
    {
        VersionId = reader.GetInt64(0),
        CoverId = reader.GetInt64(1),
        BuyerId = reader.GetInt64(2),
        CoverType = reader.GetString(3),
        SourceList = reader.GetString(4),
        Fingerprint = reader.GetInt64(5),
        ObservedAt = StoreTime.FromUnixMicroseconds(reader.GetInt64(6)),
        Payload = Blob(reader, 7),
    };

    private static BatchItem ReadBatchItem(SqliteDataReader reader) => new()
    {
        BatchId = reader.GetString(0),
        ItemKey = reader.GetString(1),
        ItemIndex = reader.GetInt32(2),
        State = ParseState(reader.GetString(3)),
        AttemptCount = reader.GetInt32(4),
        CoverId = NullableInt64(reader, 5),
        Outcome = Blob(reader, 6),
        UpdatedAt = StoreTime.FromUnixMicroseconds(reader.GetInt64(7)),
    };

    private static PortfolioLease ReadLease(SqliteDataReader reader) => new()
    {
        Resource = reader.GetString(0),
        HolderId = reader.GetString(1),
        ExpiresAt = StoreTime.FromUnixMicroseconds(reader.GetInt64(2)),
        FencingToken = reader.GetInt64(3),
    };

    private static BatchItemState ParseState(string value) =>
        Enum.TryParse<BatchItemState>(value, ignoreCase: false, out var state)
            ? state
            : throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "The portfolio database holds a batch item in an unknown state '{0}'.", value));

    private static void AddIfSet(SqliteCommand command, string name, long? value)
    {
        if (value is { } set)
        {
            command.Parameters.AddWithValue(name, set);
        }
    }

    private static object Time(DateTimeOffset? value) => value is { } v ? StoreTime.ToUnixMicroseconds(v) : DBNull.Value;

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoreTime.FromUnixMicroseconds(reader.GetInt64(ordinal));

    private static long? NullableInt64(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static ReadOnlyMemory<byte> Blob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? ReadOnlyMemory<byte>.Empty : (byte[])reader.GetValue(ordinal);

    private static byte[] Bytes(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
