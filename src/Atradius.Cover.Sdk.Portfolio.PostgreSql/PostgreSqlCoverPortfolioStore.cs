using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Atradius.Cover.Sdk.Portfolio.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Atradius.Cover.Sdk.Portfolio.PostgreSql;

/// <summary>
/// The store for hosts that run several instances: the same record and behaviour as the SQLite store, in a
/// PostgreSQL database the user provides. Leases carry fencing tokens, so one instance at a time can do the work a
/// lease guards, and another takes over once the holder stops renewing.
/// </summary>
/// <remarks>
/// The tables are created in the first schema of the connection's search path (set <c>Search Path</c> in the
/// connection string to use another); the user needs the right to create tables there on first start, or a
/// database administrator runs a first start once. Commits to one portfolio are serialised with an advisory lock,
/// so changes are numbered in the order they are committed. Lease expiry is judged by this process's clock.
/// </remarks>
public sealed class PostgreSqlCoverPortfolioStore : ICoverPortfolioStore, IPreviousCoverVersionReader, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim initialization = new(1, 1);
    private volatile bool initialized;

    /// <summary>
    /// How long the server lets one of this store's transactions wait for its next statement. An instance that dies or
    /// freezes half way through a commit leaves its connection open, and with it the locks that another instance's
    /// take-over of the lease waits for: the server would keep them until it noticed the connection was gone, hours
    /// with the default keep-alive. Far longer than any pause between two statements of a healthy commit.
    /// </summary>
    internal TimeSpan IdleInTransactionTimeout { get; init; } = TimeSpan.FromMinutes(1);

    private string IdleInTransactionTimeoutSql =>
        "SET LOCAL idle_in_transaction_session_timeout = " + ((long)IdleInTransactionTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";

    /// <summary>Runs inside a commit once its lease is checked; for tests that stop an instance half way.</summary>
    internal Func<Task>? AfterCommitLeaseCheck { get; init; }

    /// <summary>Runs inside the migration once it holds the migration lock; for tests that stop an instance half way.</summary>
    internal Func<Task>? AfterMigrationLock { get; init; }

    /// <summary>Creates a store on the database the connection string names, using the system clock.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=atradius;Username=app;Password=...</c>.</param>
    public PostgreSqlCoverPortfolioStore(string connectionString)
        : this(connectionString, TimeProvider.System)
    {
    }

    /// <summary>Creates a store on the database the connection string names.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="timeProvider">The clock that decides when leases expire and stamps batch items.</param>
    public PostgreSqlCoverPortfolioStore(string connectionString, TimeProvider timeProvider)
        : this(CreateDataSource(connectionString), ownsDataSource: true, timeProvider)
    {
    }

    /// <summary>Creates a store on a data source the caller configured and disposes of.</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="timeProvider">The clock that decides when leases expire; the system clock when <see langword="null"/>.</param>
    public PostgreSqlCoverPortfolioStore(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, timeProvider ?? TimeProvider.System)
    {
    }

    private PostgreSqlCoverPortfolioStore(NpgsqlDataSource dataSource, bool ownsDataSource, TimeProvider timeProvider)
    {
        StoreArguments.NotNull(timeProvider, nameof(timeProvider));
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.timeProvider = timeProvider;
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
                var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await PostgreSqlSchema.MigrateAsync(connection, StoreTime.Now(timeProvider), targetVersion: null, cancellationToken, IdleInTransactionTimeout, AfterMigrationLock).ConfigureAwait(false);
                }

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
        return ReadAsync(
            "SELECT cover_id, version_id, fingerprint FROM cover_latest WHERE portfolio_key = @portfolio ORDER BY cover_id;",
            command => command.Parameters.AddWithValue("portfolio", portfolioKey),
            reader => new CoverFingerprint(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredCoverVersion>> GetLatestCoverVersionsAsync(string portfolioKey, IEnumerable<long> coverIds, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        var ids = StoreArguments.Ids(coverIds, nameof(coverIds));
        return await ListAsync(
            $"SELECT {RecordSql.CoverVersionColumns} FROM cover_latest l JOIN cover_versions v ON v.version_id = l.version_id WHERE l.portfolio_key = @portfolio AND l.cover_id = ANY(@ids) ORDER BY l.cover_id;",
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("ids", ids.ToArray());
            },
            ReadCoverVersion,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredCoverVersion> ReadCoverVersionsAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken = default) =>
        ReadCoverVersionsAsync(portfolioKey, query, string.Empty, ReadCoverVersion, cancellationToken);

    /// <inheritdoc />
    IAsyncEnumerable<CoverVersionWithPrevious> IPreviousCoverVersionReader.ReadCoverVersionsWithPreviousAsync(string portfolioKey, CoverVersionQuery query, CancellationToken cancellationToken) =>
        ReadCoverVersionsAsync(
            portfolioKey,
            query,
            ", " + CoverVersionSql.PreviousPayload,
            reader => new CoverVersionWithPrevious(ReadCoverVersion(reader), NullableBlob(reader, 8)),
            cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<BuyerRatingFingerprint> ReadLatestBuyerRatingFingerprintsAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        return ReadAsync(
            "SELECT buyer_id, version_id, fingerprint FROM buyer_rating_latest WHERE portfolio_key = @portfolio ORDER BY buyer_id;",
            command => command.Parameters.AddWithValue("portfolio", portfolioKey),
            reader => new BuyerRatingFingerprint(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredBuyerRatingVersion>> GetLatestBuyerRatingVersionsAsync(string portfolioKey, IEnumerable<long> buyerIds, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        var ids = StoreArguments.Ids(buyerIds, nameof(buyerIds));
        return await ListAsync(
            "SELECT v.version_id, v.buyer_id, v.fingerprint, v.observed_at, v.payload FROM buyer_rating_latest l JOIN buyer_rating_versions v ON v.version_id = l.version_id WHERE l.portfolio_key = @portfolio AND l.buyer_id = ANY(@ids) ORDER BY l.buyer_id;",
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("ids", ids.ToArray());
            },
            reader => new StoredBuyerRatingVersion
            {
                VersionId = reader.GetInt64(0),
                BuyerId = reader.GetInt64(1),
                Fingerprint = reader.GetInt64(2),
                ObservedAt = reader.GetFieldValue<DateTimeOffset>(3),
                Payload = reader.GetFieldValue<byte[]>(4),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioCommitResult> CommitAsync(string portfolioKey, PortfolioCommit commit, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.Commit(commit);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // One committer per portfolio at a time: change ids then commit in increasing order, so a reader
                // that marks "delivered up to N" never skips a change committed later with a smaller id.
                await ExecuteAsync(
                    connection,
                    transaction,
                    string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({PostgreSqlSchema.CommitLockClass}, hashtext(@portfolio));"),
                    command =>
                    {
                        command.Parameters.AddWithValue("portfolio", portfolioKey);
                        LockWait.Allow(command, IdleInTransactionTimeout);
                    },
                    cancellationToken).ConfigureAwait(false);
                if (commit.Lease is { } lease)
                {
                    await CheckLeaseAsync(connection, transaction, lease, IdleInTransactionTimeout, cancellationToken).ConfigureAwait(false);
                }

                if (AfterCommitLeaseCheck is { } pause)
                {
                    await pause().ConfigureAwait(false);
                }

                var linker = new VersionLinker(commit);
                await LookUpLatestAsync(connection, transaction, "SELECT cover_id, version_id FROM cover_latest WHERE portfolio_key = @portfolio AND cover_id = ANY(@ids);", portfolioKey, VersionLinker.CoversToLookUp(commit), linker.StoredCover, cancellationToken).ConfigureAwait(false);
                await LookUpLatestAsync(connection, transaction, "SELECT buyer_id, version_id FROM buyer_rating_latest WHERE portfolio_key = @portfolio AND buyer_id = ANY(@ids);", portfolioKey, VersionLinker.BuyersToLookUp(commit), linker.StoredBuyer, cancellationToken).ConfigureAwait(false);

                var coverVersionIds = await WriteCoverVersionsAsync(connection, transaction, portfolioKey, commit.CoverVersions, linker, cancellationToken).ConfigureAwait(false);
                var ratingVersionIds = await WriteBuyerRatingVersionsAsync(connection, transaction, portfolioKey, commit.BuyerRatingVersions, linker, cancellationToken).ConfigureAwait(false);
                var changeIds = await WriteChangesAsync(connection, transaction, portfolioKey, commit, coverVersionIds, linker, cancellationToken).ConfigureAwait(false);
                if (commit.SyncState is { } state)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        RecordSql.SaveSyncState,
                        command =>
                        {
                            command.Parameters.AddWithValue("portfolio", portfolioKey);
                            command.Parameters.Add(Time("full", state.LastFullReconciliationAt));
                            command.Parameters.Add(Time("sync", state.LastSyncAt));
                            command.Parameters.Add(Time("from", state.LastFromDate));
                            command.Parameters.AddWithValue("runs", state.RunCount);
                            command.Parameters.AddWithValue("payload", Bytes(state.Payload));
                        },
                        cancellationToken).ConfigureAwait(false);
                }

                await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                return new PortfolioCommitResult { CoverVersionIds = coverVersionIds, BuyerRatingVersionIds = ratingVersionIds, ChangeIds = changeIds };
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPortfolioChange>> ReadUndeliveredChangesAsync(string portfolioKey, int maxCount, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.MaxCount(maxCount);
        return await ListAsync(
            OutboxSql.UndeliveredChanges,
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("max", maxCount);
            },
            reader => new StoredPortfolioChange
            {
                ChangeId = reader.GetInt64(0),
                Kind = reader.GetString(1),
                CoverId = NullableInt64(reader, 2),
                BuyerId = NullableInt64(reader, 3),
                NewVersionId = NullableInt64(reader, 4),
                PreviousVersionId = NullableInt64(reader, 5),
                OccurredAt = reader.GetFieldValue<DateTimeOffset>(6),
                Payload = reader.GetFieldValue<byte[]>(7),
                NewVersionPayload = NullableBlob(reader, 8),
                PreviousVersionPayload = NullableBlob(reader, 9),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task MarkChangesDeliveredAsync(string portfolioKey, long upToChangeId, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        await WriteAsync(
            lease: null,
            OutboxSql.MarkDelivered,
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("upTo", upToChangeId);
            },
            command => command.ExecuteNonQueryAsync(cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioSyncState?> GetSyncStateAsync(string portfolioKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        var states = await ListAsync(
            RecordSql.ReadSyncState,
            command => command.Parameters.AddWithValue("portfolio", portfolioKey),
            reader => new PortfolioSyncState
            {
                LastFullReconciliationAt = NullableTime(reader, 0),
                LastSyncAt = NullableTime(reader, 1),
                LastFromDate = NullableTime(reader, 2),
                RunCount = reader.GetInt64(3),
                Payload = reader.GetFieldValue<byte[]>(4),
            },
            cancellationToken).ConfigureAwait(false);
        return states.Count == 0 ? null : states[0];
    }

    /// <inheritdoc />
    public async Task<int> AddBatchItemsAsync(string batchId, IEnumerable<NewBatchItem> items, CancellationToken cancellationToken = default)
    {
        var list = StoreArguments.BatchItems(batchId, items);
        if (list.Count == 0)
        {
            return 0;
        }

        var ordered = BatchItemOrder.InIndexOrder(list);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // One adder per batch at a time: two instances adding to one batch at once would both read the same
                // highest index and number their items alike. The lock is held until the transaction ends, so the
                // next adder's statement sees these items.
                await ExecuteAsync(
                    connection,
                    transaction,
                    string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({PostgreSqlSchema.BatchLockClass}, hashtext(@batch));"),
                    command =>
                    {
                        command.Parameters.AddWithValue("batch", batchId);
                        LockWait.Allow(command, IdleInTransactionTimeout);
                    },
                    cancellationToken).ConfigureAwait(false);
                var added = await ExecuteAsync(
                    connection,
                    transaction,
                    """
                    INSERT INTO batch_items (batch_id, item_key, item_key_hash, item_index, state, attempt_count, cover_id, outcome, updated_at)
                    SELECT @batch, t.item_key, t.item_key_hash, h.next + row_number() OVER (ORDER BY t.ord) - 1, @state, 0, NULL, '\x'::bytea, @now
                    FROM (SELECT u.item_key, sha256(convert_to(u.item_key, 'UTF8')) AS item_key_hash, u.ord
                          FROM unnest(@keys) WITH ORDINALITY AS u(item_key, ord)) AS t
                    CROSS JOIN (SELECT COALESCE(MAX(item_index) + 1, 0) AS next FROM batch_items WHERE batch_id = @batch) AS h
                    WHERE NOT EXISTS (SELECT 1 FROM batch_items b WHERE b.batch_id = @batch AND b.item_key_hash = t.item_key_hash)
                    ON CONFLICT (batch_id, item_key_hash) DO NOTHING;
                    """,
                    command =>
                    {
                        command.Parameters.AddWithValue("batch", batchId);
                        command.Parameters.AddWithValue("state", nameof(BatchItemState.Pending));
                        command.Parameters.AddWithValue("now", StoreTime.Now(timeProvider));
                        command.Parameters.AddWithValue("keys", ordered.Select(i => i.ItemKey).ToArray());
                    },
                    cancellationToken).ConfigureAwait(false);
                await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                return added;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BatchItem>> GetBatchItemsAsync(string batchId, CancellationToken cancellationToken = default)
    {
        StoreArguments.Key(batchId, nameof(batchId));
        return await ListAsync(
            $"SELECT {RecordSql.BatchItemColumns} FROM batch_items WHERE batch_id = @batch ORDER BY item_index, item_key COLLATE \"C\";",
            command => command.Parameters.AddWithValue("batch", batchId),
            ReadBatchItem,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<BatchItem?> TryTransitionBatchItemAsync(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition, CancellationToken cancellationToken = default)
    {
        StoreArguments.Transition(batchId, itemKey, expectedState, transition);

        // One conditional UPDATE: the row lock makes a second runner re-check the state after the first commits,
        // and find it changed.
        const string sql = $"""
            UPDATE batch_items SET
                state = @state,
                attempt_count = attempt_count + @attempt,
                cover_id = COALESCE(@cover, cover_id),
                outcome = COALESCE(@outcome, outcome),
                updated_at = @now
            WHERE batch_id = @batch AND item_key_hash = sha256(convert_to(@key, 'UTF8')) AND item_key = @key AND state = @expected
                AND (@attempts::integer IS NULL OR attempt_count = @attempts::integer)
            RETURNING {RecordSql.BatchItemColumns};
            """;
        return await WriteAsync(
            transition.Lease,
            sql,
            command =>
            {
                command.Parameters.AddWithValue("state", transition.State.ToString());
                command.Parameters.AddWithValue("attempt", transition.State == BatchItemState.InFlight ? 1 : 0);
                command.Parameters.Add(new NpgsqlParameter<long?>("cover", NpgsqlDbType.Bigint) { TypedValue = transition.CoverId });
                command.Parameters.Add(new NpgsqlParameter("outcome", NpgsqlDbType.Bytea) { Value = transition.Outcome is { } outcome ? Bytes(outcome) : DBNull.Value });
                command.Parameters.AddWithValue("now", StoreTime.Now(timeProvider));
                command.Parameters.AddWithValue("batch", batchId);
                command.Parameters.AddWithValue("key", itemKey);
                command.Parameters.AddWithValue("expected", expectedState.ToString());
                command.Parameters.Add(new NpgsqlParameter<int?>("attempts", NpgsqlDbType.Integer) { TypedValue = transition.ExpectedAttemptCount });
            },
            command => ReadOneAsync(command, ReadBatchItem, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioLease?> TryAcquireLeaseAsync(string resource, string holderId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(resource, holderId, duration);
        var now = StoreTime.Now(timeProvider);
        return await WriteAsync(
            lease: null,
            LeaseSql.Acquire,
            command =>
            {
                command.Parameters.AddWithValue("resource", resource);
                command.Parameters.AddWithValue("holder", holderId);
                command.Parameters.AddWithValue("expires", StoreTime.Normalize(now + duration));
                command.Parameters.AddWithValue("now", now);
            },
            command => ReadOneAsync(command, ReadLease, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PortfolioLease?> RenewLeaseAsync(PortfolioLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        StoreArguments.Duration(duration);
        return await WriteAsync(
            lease: null,
            LeaseSql.Renew,
            command =>
            {
                command.Parameters.AddWithValue("expires", StoreTime.Normalize(StoreTime.Now(timeProvider) + duration));
                command.Parameters.AddWithValue("resource", lease.Resource);
                command.Parameters.AddWithValue("holder", lease.HolderId);
                command.Parameters.AddWithValue("token", lease.FencingToken);
            },
            command => ReadOneAsync(command, ReadLease, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseLeaseAsync(PortfolioLease lease, CancellationToken cancellationToken = default)
    {
        StoreArguments.Lease(lease);
        var released = await WriteAsync(
            lease: null,
            LeaseSql.Release,
            command =>
            {
                command.Parameters.AddWithValue("longAgo", StoreTime.LongAgo);
                command.Parameters.AddWithValue("resource", lease.Resource);
                command.Parameters.AddWithValue("holder", lease.HolderId);
                command.Parameters.AddWithValue("token", lease.FencingToken);
            },
            command => command.ExecuteNonQueryAsync(cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return released == 1;
    }

    /// <inheritdoc />
    public async Task<ReportRun?> GetReportRunAsync(string reportName, CancellationToken cancellationToken = default)
    {
        StoreArguments.Key(reportName, nameof(reportName));
        var runs = await ListAsync(
            RecordSql.ReadReportRun,
            command => command.Parameters.AddWithValue("name", reportName),
            reader => new ReportRun
            {
                ReportName = reader.GetString(0),
                LastRunAt = reader.GetFieldValue<DateTimeOffset>(1),
                Payload = reader.GetFieldValue<byte[]>(2),
            },
            cancellationToken).ConfigureAwait(false);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc />
    public async Task SaveReportRunAsync(ReportRun run, CancellationToken cancellationToken = default)
    {
        StoreArguments.ReportRun(run);
        await WriteAsync(
            run.Lease,
            RecordSql.SaveReportRun,
            command =>
            {
                command.Parameters.AddWithValue("name", run.ReportName);
                command.Parameters.AddWithValue("at", StoreTime.Normalize(run.LastRunAt));
                command.Parameters.AddWithValue("payload", Bytes(run.Payload));
            },
            command => command.ExecuteNonQueryAsync(cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes of the data source if the store created it.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }

        initialization.Dispose();
    }

    /// <summary>Disposes of the data source if the store created it.</summary>
    public void Dispose()
    {
        if (ownsDataSource)
        {
            dataSource.Dispose();
        }

        initialization.Dispose();
    }

    /// <summary>
    /// Commits, once the caller's token has been looked at for the last time. A cancellation sent while COMMIT is on
    /// its way cannot stop it, and Npgsql reports it cancelled all the same when the server is slow to answer: the
    /// caller would be told nothing was written about a commit that is durable.
    /// </summary>
    private static Task CommitAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return transaction.CommitAsync(CancellationToken.None);
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        StoreArguments.NotBlank(connectionString, nameof(connectionString));
        try
        {
            return NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"{nameof(connectionString)} is not a valid Npgsql connection string: {exception.Message}", nameof(connectionString), exception);
        }
    }

    private static async Task<long[]> WriteCoverVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string portfolioKey, IReadOnlyList<CoverVersion> versions, VersionLinker linker, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return [];
        }

        // Ids first, in the commit's order, then one statement for all rows: a round trip per commit, not per cover.
        var ids = await AllocateIdsAsync(connection, transaction, "cover_versions", "version_id", versions.Count, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO cover_versions (version_id, portfolio_key, cover_id, buyer_id, cover_type, source_list, fingerprint, observed_at, payload)
            SELECT t.version_id, @portfolio, t.cover_id, t.buyer_id, t.cover_type, t.source_list, t.fingerprint, t.observed_at, t.payload
            FROM unnest(@ids, @covers, @buyers, @types, @sources, @fingerprints, @observed, @payloads)
                AS t(version_id, cover_id, buyer_id, cover_type, source_list, fingerprint, observed_at, payload);
            """,
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("ids", ids);
                command.Parameters.AddWithValue("covers", versions.Select(v => v.CoverId).ToArray());
                command.Parameters.AddWithValue("buyers", versions.Select(v => v.BuyerId).ToArray());
                command.Parameters.AddWithValue("types", versions.Select(v => v.CoverType).ToArray());
                command.Parameters.AddWithValue("sources", versions.Select(v => v.SourceList).ToArray());
                command.Parameters.AddWithValue("fingerprints", versions.Select(v => v.Fingerprint).ToArray());
                command.Parameters.Add(new NpgsqlParameter<DateTime[]>("observed", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = versions.Select(v => StoreTime.Normalize(v.ObservedAt).UtcDateTime).ToArray() });
                command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = versions.Select(v => Bytes(v.Payload)).ToArray() });
            },
            cancellationToken).ConfigureAwait(false);

        var latest = new Dictionary<long, (long VersionId, long Fingerprint)>();
        for (var i = 0; i < versions.Count; i++)
        {
            latest[versions[i].CoverId] = (ids[i], versions[i].Fingerprint);
            linker.WroteCover(versions[i].CoverId, ids[i]);
        }

        await UpsertLatestAsync(connection, transaction, "cover_latest", "cover_id", portfolioKey, latest, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private static async Task<long[]> WriteBuyerRatingVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string portfolioKey, IReadOnlyList<BuyerRatingVersion> versions, VersionLinker linker, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return [];
        }

        var ids = await AllocateIdsAsync(connection, transaction, "buyer_rating_versions", "version_id", versions.Count, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO buyer_rating_versions (version_id, portfolio_key, buyer_id, fingerprint, observed_at, payload)
            SELECT t.version_id, @portfolio, t.buyer_id, t.fingerprint, t.observed_at, t.payload
            FROM unnest(@ids, @buyers, @fingerprints, @observed, @payloads) AS t(version_id, buyer_id, fingerprint, observed_at, payload);
            """,
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("ids", ids);
                command.Parameters.AddWithValue("buyers", versions.Select(v => v.BuyerId).ToArray());
                command.Parameters.AddWithValue("fingerprints", versions.Select(v => v.Fingerprint).ToArray());
                command.Parameters.Add(new NpgsqlParameter<DateTime[]>("observed", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = versions.Select(v => StoreTime.Normalize(v.ObservedAt).UtcDateTime).ToArray() });
                command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = versions.Select(v => Bytes(v.Payload)).ToArray() });
            },
            cancellationToken).ConfigureAwait(false);

        var latest = new Dictionary<long, (long VersionId, long Fingerprint)>();
        for (var i = 0; i < versions.Count; i++)
        {
            latest[versions[i].BuyerId] = (ids[i], versions[i].Fingerprint);
            linker.WroteBuyer(versions[i].BuyerId, ids[i]);
        }

        await UpsertLatestAsync(connection, transaction, "buyer_rating_latest", "buyer_id", portfolioKey, latest, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private static async Task<long[]> WriteChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string portfolioKey, PortfolioCommit commit, long[] coverVersionIds, VersionLinker linker, CancellationToken cancellationToken)
    {
        var changes = commit.Changes;
        if (changes.Count == 0)
        {
            return [];
        }

        var ids = await AllocateIdsAsync(connection, transaction, "portfolio_changes", "change_id", changes.Count, cancellationToken).ConfigureAwait(false);
        var links = changes.Select(linker.Resolve).ToArray();
        var rows = OutboxRows.Layout(changes, ids, links, commit.CoverVersions, coverVersionIds);
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO portfolio_changes (change_id, portfolio_key, kind, cover_id, buyer_id, new_version_id, previous_version_id, occurred_at, payload, change_count)
            SELECT t.change_id, @portfolio, t.kind, t.cover_id, t.buyer_id, t.new_version_id, t.previous_version_id, t.occurred_at, t.payload, t.change_count
            FROM unnest(@ids, @kinds, @covers, @buyers, @newVersions, @previousVersions, @occurred, @payloads, @counts)
                AS t(change_id, kind, cover_id, buyer_id, new_version_id, previous_version_id, occurred_at, payload, change_count);
            """,
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("ids", rows.Select(r => ids[r.Start + r.Count - 1]).ToArray());
                command.Parameters.AddWithValue("kinds", rows.Select(r => changes[r.Start].Kind).ToArray());
                command.Parameters.Add(NullableIds("covers", rows.Select(r => r.Count > 1 ? null : changes[r.Start].CoverId)));
                command.Parameters.Add(NullableIds("buyers", rows.Select(r => r.Count > 1 ? null : changes[r.Start].BuyerId)));
                command.Parameters.Add(NullableIds("newVersions", rows.Select(r => links[r.Start].NewVersionId)));
                command.Parameters.Add(NullableIds("previousVersions", rows.Select(r => links[r.Start].PreviousVersionId)));
                command.Parameters.Add(new NpgsqlParameter<DateTime[]>("occurred", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = rows.Select(r => StoreTime.Normalize(changes[r.Start].OccurredAt).UtcDateTime).ToArray() });
                command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = rows.Select(r => Bytes(changes[r.Start].Payload)).ToArray() });
                command.Parameters.AddWithValue("counts", rows.Select(r => r.Count).ToArray());
            },
            cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private static async Task<long[]> AllocateIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string column, int count, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT nextval(pg_get_serial_sequence('{table}', '{column}')) FROM generate_series(1, @count);";
        command.Parameters.AddWithValue("count", count);
        var ids = new long[count];
        var read = 0;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids[read++] = reader.GetInt64(0);
            }
        }

        // Sorted so that ids grow in the order of the commit's list whatever order the rows came back in.
        Array.Sort(ids);
        return ids;
    }

    private static Task<int> UpsertLatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string subjectColumn, string portfolioKey, Dictionary<long, (long VersionId, long Fingerprint)> latest, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO {table} (portfolio_key, {subjectColumn}, version_id, fingerprint)
            SELECT @portfolio, t.subject, t.version_id, t.fingerprint FROM unnest(@subjects, @versions, @fingerprints) AS t(subject, version_id, fingerprint)
            ON CONFLICT (portfolio_key, {subjectColumn}) DO UPDATE SET version_id = excluded.version_id, fingerprint = excluded.fingerprint
            WHERE excluded.version_id > {table}.version_id;
            """,
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                command.Parameters.AddWithValue("subjects", latest.Keys.ToArray());
                command.Parameters.AddWithValue("versions", latest.Values.Select(v => v.VersionId).ToArray());
                command.Parameters.AddWithValue("fingerprints", latest.Values.Select(v => v.Fingerprint).ToArray());
            },
            cancellationToken);

    private static async Task LookUpLatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string portfolioKey, IReadOnlyList<long> ids, Action<long, long> found, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("portfolio", portfolioKey);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found(reader.GetInt64(0), reader.GetInt64(1));
            }
        }
    }

    /// <summary>
    /// Runs one write statement in a transaction of its own at READ COMMITTED, after checking the lease when one is
    /// given. Left to itself, the statement would run at the database's default isolation: under REPEATABLE READ or
    /// SERIALIZABLE (<c>default_transaction_isolation</c>, set by a database administrator or in the connection
    /// string's <c>Options</c>), the loser of two runners moving one batch item, or of two holders taking one lease,
    /// met the winner's row and failed with "could not serialize access due to concurrent update" (40001) instead of
    /// being told no. Without a lease the idle timeout goes with the statement, and Npgsql sends BEGIN with them: one
    /// round trip, and one for COMMIT.
    /// </summary>
    private async Task<T> WriteAsync<T>(PortfolioLease? lease, string sql, Action<NpgsqlCommand> bind, Func<NpgsqlCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = lease is null
                ? await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false)
                : await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (lease is not null)
                {
                    await CheckLeaseAsync(connection, transaction, lease, IdleInTransactionTimeout, cancellationToken).ConfigureAwait(false);
                }

                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = lease is null ? IdleInTransactionTimeoutSql + sql : sql;
                // A lease's take-over updates the row a frozen holder's commit still holds.
                LockWait.Allow(command, IdleInTransactionTimeout);
                bind(command);
                var written = await run(command).ConfigureAwait(false);
                await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                return written;
            }
        }
    }

    private static async Task<T?> ReadOneAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
        }
    }

    // FOR SHARE holds the lease row until the write's transaction ends: a take-over (an update of that row) waits for
    // the write to commit, and a take-over already under way makes this read wait for it and then see the new holder.
    private static async Task CheckLeaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PortfolioLease lease, TimeSpan idleInTransactionTimeout, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        LockWait.Allow(command, idleInTransactionTimeout);
        command.CommandText = "SELECT holder_id, fencing_token FROM leases WHERE resource = @resource FOR SHARE;";
        command.Parameters.AddWithValue("resource", lease.Resource);
        string? holderId = null;
        long fencingToken = 0;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                holderId = reader.GetString(0);
                fencingToken = reader.GetInt64(1);
            }
        }

        LeaseFence.Check(lease, holderId, fencingToken);
    }

    /// <summary>
    /// Begins a transaction at READ COMMITTED that the server ends should this instance stop half way
    /// (<see cref="IdleInTransactionTimeout"/>). The level is named rather than left unspecified: the store's row locks
    /// and conditional updates are written for READ COMMITTED whatever default the database sets, and Npgsql's choice
    /// for an unspecified level is its own to change.
    /// </summary>
    private async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, transaction, IdleInTransactionTimeoutSql, _ => { }, cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<T>> ListAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var item in ReadAsync(sql, bind, read, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    private IAsyncEnumerable<T> ReadCoverVersionsAsync<T>(string portfolioKey, CoverVersionQuery query, string moreColumns, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        StoreArguments.PortfolioKey(portfolioKey);
        StoreArguments.Query(query);
        return ReadAsync(
            $"SELECT {RecordSql.CoverVersionColumns}{moreColumns} FROM cover_versions v WHERE v.portfolio_key = @portfolio{CoverVersionSql.FiltersAndOrder(query)}",
            command =>
            {
                command.Parameters.AddWithValue("portfolio", portfolioKey);
                if (query.BuyerId is { } buyer)
                {
                    command.Parameters.AddWithValue("buyer", buyer);
                }

                if (query.CoverId is { } cover)
                {
                    command.Parameters.AddWithValue("cover", cover);
                }

                if (query.From is not null)
                {
                    command.Parameters.Add(Time("from", StoreTime.Bound(query.From)));
                }

                if (query.To is not null)
                {
                    command.Parameters.Add(Time("to", StoreTime.Bound(query.To)));
                }
            },
            read,
            cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var command = dataSource.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            bind(command);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return read(reader);
                }
            }
        }
    }

    private static ReadOnlyMemory<byte> NullableBlob(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(ordinal);

    private static StoredCoverVersion ReadCoverVersion(NpgsqlDataReader reader) => new()
    {
        VersionId = reader.GetInt64(0),
        CoverId = reader.GetInt64(1),
        BuyerId = reader.GetInt64(2),
        CoverType = reader.GetString(3),
        SourceList = reader.GetString(4),
        Fingerprint = reader.GetInt64(5),
        ObservedAt = reader.GetFieldValue<DateTimeOffset>(6),
        Payload = reader.GetFieldValue<byte[]>(7),
    };

    private static BatchItem ReadBatchItem(NpgsqlDataReader reader) => new()
    {
        BatchId = reader.GetString(0),
        ItemKey = reader.GetString(1),
        ItemIndex = reader.GetInt32(2),
        State = Enum.TryParse<BatchItemState>(reader.GetString(3), ignoreCase: false, out var state)
            ? state
            : throw new InvalidOperationException($"The portfolio database holds a batch item in an unknown state '{reader.GetString(3)}'."),
        AttemptCount = reader.GetInt32(4),
        CoverId = NullableInt64(reader, 5),
        Outcome = reader.GetFieldValue<byte[]>(6),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(7),
    };

    private static PortfolioLease ReadLease(NpgsqlDataReader reader) => new()
    {
        Resource = reader.GetString(0),
        HolderId = reader.GetString(1),
        ExpiresAt = reader.GetFieldValue<DateTimeOffset>(2),
        FencingToken = reader.GetInt64(3),
    };

    private static NpgsqlParameter<DateTimeOffset?> Time(string name, DateTimeOffset? value) =>
        new NpgsqlParameter<DateTimeOffset?>(name, NpgsqlDbType.TimestampTz) { TypedValue = StoreTime.Normalize(value) };

    private static NpgsqlParameter<long?[]> NullableIds(string name, IEnumerable<long?> values) =>
        new NpgsqlParameter<long?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = values.ToArray() };

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static long? NullableInt64(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static byte[] Bytes(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
