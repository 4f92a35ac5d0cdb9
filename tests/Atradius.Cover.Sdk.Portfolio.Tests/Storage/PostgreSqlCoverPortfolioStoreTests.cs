using Atradius.Cover.Sdk.Portfolio.PostgreSql;
using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Npgsql;
using static Atradius.Cover.Sdk.Portfolio.Tests.Support.Portfolios;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Storage;

public sealed class PostgreSqlCoverPortfolioStoreTests(PostgreSqlServer server) : CoverPortfolioStoreConformance
{
    private readonly List<PostgreSqlCoverPortfolioStore> stores = [];
    private string? database;

    protected override async Task<ICoverPortfolioStore> CreateStoreAsync() => Open(await DatabaseAsync());

    protected override async ValueTask CleanUpAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        if (database is not null)
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Several_instances_initialising_at_once_migrate_the_database_once()
    {
        var connectionString = await DatabaseAsync();
        var instances = Enumerable.Range(0, 6).Select(_ => Open(connectionString)).ToArray();

        await Task.WhenAll(instances.Select(store => Task.Run(() => store.InitializeAsync(Token))));

        Assert.Equal(
            Enumerable.Range(1, PostgreSqlSchema.LatestVersion).Select(v => (long)v),
            await QueryAsync(connectionString, "SELECT version FROM schema_version ORDER BY version;"));
        await instances[5].CommitAsync(Key, Covers(NewCover(10, 501, 1, T0)), Token);
        Assert.Single(await instances[0].ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync());
    }

    [Fact]
    public async Task A_commit_under_a_lease_waits_for_a_take_over_under_way_and_is_then_refused()
    {
        var connectionString = await DatabaseAsync();
        var store = Open(connectionString);
        var lease = await store.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromSeconds(30), Token);
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync(Token);
        await using var takeOver = await other.BeginTransactionAsync(Token);
        await using (var update = new NpgsqlCommand("UPDATE leases SET holder_id = 'host-b', fencing_token = fencing_token + 1 WHERE resource = @resource;", other, takeOver))
        {
            update.Parameters.AddWithValue("resource", "sync:" + Key);
            Assert.Equal(1, await update.ExecuteNonQueryAsync(Token));
        }

        // The take-over holds the lease row: the commit's check waits for it to end, and then sees the new holder.
        var commit = store.CommitAsync(Key, new PortfolioCommit { CoverVersions = [NewCover(10, 501, 1, T0)], Lease = lease }, Token);
        await WaitForABackendBlockedOnALockAsync(connectionString);
        Assert.False(commit.IsCompleted);
        await takeOver.CommitAsync(Token);

        await Assert.ThrowsAsync<PortfolioLeaseLostException>(() => commit);
        Assert.Empty(await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync());
    }

    [Fact]
    public async Task Another_instance_takes_the_lease_over_when_the_holder_stops_renewing()
    {
        var connectionString = await DatabaseAsync();
        var hostA = Open(connectionString);
        var hostB = Open(connectionString);

        var held = await hostA.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromSeconds(30), Token);
        var refused = await hostB.TryAcquireLeaseAsync("sync:" + Key, "host-b", TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(31));
        var takenOver = await hostB.TryAcquireLeaseAsync("sync:" + Key, "host-b", TimeSpan.FromSeconds(30), Token);
        var staleRenewal = await hostA.RenewLeaseAsync(held!, TimeSpan.FromSeconds(30), Token);

        Assert.NotNull(held);
        Assert.Null(refused);
        Assert.Equal("host-b", takenOver!.HolderId);
        Assert.True(takenOver.FencingToken > held.FencingToken);
        Assert.Null(staleRenewal);
    }

    [Fact]
    public async Task Another_instance_takes_the_lease_over_when_the_holder_stopped_half_way_through_a_commit()
    {
        // The holder's host froze (or died with its connection left open) inside a commit: its transaction held the
        // lease row and the portfolio's commit lock. Before, the take-over waited for them until the server noticed
        // the connection was gone, hours later, and every attempt failed after the command timeout. The waiting
        // instance's command timeout is shorter than the time the server takes to end the frozen transaction, as
        // Npgsql's default (30 s) is shorter than the store's (one minute): before, the take-over failed with a timeout.
        var connectionString = await DatabaseAsync();
        var frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hostA = new PostgreSqlCoverPortfolioStore(connectionString, Clock)
        {
            IdleInTransactionTimeout = TimeSpan.FromSeconds(2),
            AfterCommitLeaseCheck = () =>
            {
                entered.TrySetResult();
                return frozen.Task;
            },
        };
        stores.Add(hostA);
        var hostB = Open(connectionString + ";Command Timeout=1");
        var held = await hostA.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromSeconds(30), Token);
        var commit = hostA.CommitAsync(Key, new PortfolioCommit { CoverVersions = [NewCover(10, 501, 1, T0)], Lease = held }, Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(31));

        var takenOver = await hostB.TryAcquireLeaseAsync("sync:" + Key, "host-b", TimeSpan.FromSeconds(30), Token).WaitAsync(TimeSpan.FromSeconds(20), Token);
        await hostB.CommitAsync(Key, new PortfolioCommit { CoverVersions = [NewCover(11, 502, 1, T0)], Lease = takenOver }, Token);
        frozen.SetResult();

        Assert.Equal("host-b", takenOver!.HolderId);
        await Assert.ThrowsAnyAsync<Exception>(() => commit);
        Assert.Equal([11L], (await hostB.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => f.CoverId));
    }

    [Fact]
    public async Task Another_instance_starts_when_the_first_stopped_half_way_through_its_migration()
    {
        // The first instance to start froze while it held the migration lock. Before, every other instance's start
        // waited for the lock until the server noticed the connection was gone, hours later, and then failed with a
        // timeout when its command timeout was shorter than the time the server takes to end the frozen transaction.
        var connectionString = await DatabaseAsync();
        var frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hostA = new PostgreSqlCoverPortfolioStore(connectionString, Clock)
        {
            IdleInTransactionTimeout = TimeSpan.FromSeconds(2),
            AfterMigrationLock = () =>
            {
                entered.TrySetResult();
                return frozen.Task;
            },
        };
        stores.Add(hostA);
        var hostB = Open(connectionString + ";Command Timeout=1");
        var starting = hostA.InitializeAsync(Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

        await hostB.InitializeAsync(Token).WaitAsync(TimeSpan.FromSeconds(20), Token);
        await hostB.CommitAsync(Key, Covers(NewCover(1, 501, 1, T0)), Token);
        frozen.SetResult();

        await Assert.ThrowsAnyAsync<Exception>(() => starting);
        Assert.Equal([1L], (await hostB.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => f.CoverId));
    }

    [Fact]
    public async Task A_commit_the_database_rejects_half_way_leaves_nothing_behind()
    {
        var store = Open(await DatabaseAsync());
        await store.CommitAsync(Key, Covers(NewCover(1, 501, 1, T0)), Token);

        // PostgreSQL text cannot hold a NUL: the changes, written after the versions, fail inside the transaction.
        var commit = new PortfolioCommit
        {
            CoverVersions = Enumerable.Range(100, 1000).Select(i => NewCover(i, 501, i, T0)).ToArray(),
            Changes = [new PortfolioChange { Kind = "New\0Decision", CoverId = 100, OccurredAt = T0 }],
            SyncState = new PortfolioSyncState { RunCount = 1 },
        };
        await Assert.ThrowsAnyAsync<PostgresException>(() => store.CommitAsync(Key, commit, Token));

        Assert.Equal([1L], (await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => f.CoverId));
        Assert.Single(await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery(), Token).ToListAsync());
        Assert.Empty(await store.ReadUndeliveredChangesAsync(Key, 10, Token));
        Assert.Null(await store.GetSyncStateAsync(Key, Token));
    }

    [Fact]
    public async Task The_tables_are_made_in_the_first_schema_of_the_search_path_even_when_a_later_one_holds_a_schema_version_table()
    {
        // Before, a schema_version table anywhere on the path (an earlier set-up in public, another tool's table of that
        // name) counted as the store's: nothing was made in the schema the connection string names, and every read
        // and write went to public's tables.
        var connectionString = await DatabaseAsync();
        await Open(connectionString).InitializeAsync(Token);
        await ExecuteAsync(connectionString, "CREATE SCHEMA portfolio;");
        var inPortfolio = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "portfolio,public" }.ConnectionString;

        await Open(inPortfolio).CommitAsync(Key, Covers(NewCover(10, 501, 1, T0)), Token);

        Assert.Equal(
            Enumerable.Range(1, PostgreSqlSchema.LatestVersion).Select(v => (long)v),
            await QueryAsync(connectionString, "SELECT version FROM portfolio.schema_version ORDER BY version;"));
        Assert.Equal([10L], await QueryAsync(connectionString, "SELECT cover_id FROM portfolio.cover_versions;"));
        Assert.Empty(await QueryAsync(connectionString, "SELECT cover_id FROM public.cover_versions;"));
    }

    [Fact]
    public async Task An_application_user_without_create_rights_uses_a_database_migrated_by_its_owner()
    {
        var ownerConnection = await DatabaseAsync();
        await Open(ownerConnection).InitializeAsync(Token);
        var role = "atradius_app_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(ownerConnection, $"""
            CREATE ROLE {role} LOGIN;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role};
            """);
        try
        {
            var application = Open(new NpgsqlConnectionStringBuilder(ownerConnection) { Username = role }.ConnectionString);

            await application.CommitAsync(Key, new PortfolioCommit
            {
                CoverVersions = [NewCover(10, 501, 1, T0)],
                Changes = [new PortfolioChange { Kind = "NewDecision", CoverId = 10, OccurredAt = T0 }],
            }, Token);

            Assert.Single(await application.ReadUndeliveredChangesAsync(Key, 10, Token));
        }
        finally
        {
            await ExecuteAsync(ownerConnection, $"DROP OWNED BY {role}; DROP ROLE {role};", clearPools: true);
        }
    }

    [Fact]
    public async Task Batch_items_written_by_a_database_of_schema_version_4_are_found_and_moved_after_the_migration()
    {
        var connectionString = await DatabaseAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Token);
            await PostgreSqlSchema.MigrateAsync(connection, T0, targetVersion: 4, Token);
        }

        await ExecuteAsync(connectionString, """
            INSERT INTO batch_items (batch_id, item_key, item_index, state, attempt_count, cover_id, outcome, updated_at) VALUES
                ('batch-1', 'a', 0, 'InFlight', 1, NULL, '\x'::bytea, '2026-01-05T09:00:00Z'),
                ('batch-1', 'b', 1, 'Pending', 0, NULL, '\x'::bytea, '2026-01-05T09:00:00Z');
            """);
        var store = Open(connectionString);
        var longKey = string.Concat(Enumerable.Range(0, 400).Select(i => Guid.NewGuid().ToString("N")));

        var added = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }, new NewBatchItem { ItemKey = "b", ItemIndex = 1 }, new NewBatchItem { ItemKey = longKey, ItemIndex = 2 }], Token);
        var done = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done, CoverId = 9001 }, Token);
        var sent = await store.TryTransitionBatchItemAsync("batch-1", "b", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);

        Assert.Equal(1, added);
        Assert.Equal((BatchItemState.Done, 9001L), (done!.State, done.CoverId!.Value));
        Assert.Equal((BatchItemState.InFlight, 1), (sent!.State, sent.AttemptCount));
        Assert.Equal(
            [("a", BatchItemState.Done), ("b", BatchItemState.InFlight), (longKey, BatchItemState.Pending)],
            (await store.GetBatchItemsAsync("batch-1", Token)).Select(i => (i.ItemKey, i.State)));
        Assert.Equal([(long)PostgreSqlSchema.LatestVersion], await QueryAsync(connectionString, "SELECT MAX(version) FROM schema_version;"));
    }

    // A database administrator may make every transaction stricter than PostgreSQL's READ COMMITTED; the store's row
    // locks and conditional updates are written for READ COMMITTED and must keep their answers whatever the default.
    [Theory]
    [InlineData("repeatable read")]
    [InlineData("serializable")]
    public async Task A_runner_that_waits_for_another_runners_move_of_an_item_gets_null_whatever_the_default_isolation(string isolation)
    {
        // Another runner is moving the item to in flight. Before, under a stricter default, the runner waiting for that
        // move's row lock then failed with PostgresException 40001 ("could not serialize access due to concurrent
        // update") instead of getting null, and its batch run failed on an item another runner had simply taken first.
        var connectionString = await DatabaseWithDefaultIsolationAsync(isolation);
        var runner = Open(connectionString);
        await runner.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }], Token);
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync(Token);
        await using var otherMove = await other.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, Token);
        await using (var update = new NpgsqlCommand("UPDATE batch_items SET state = 'InFlight', attempt_count = attempt_count + 1 WHERE batch_id = 'batch-1';", other, otherMove))
        {
            Assert.Equal(1, await update.ExecuteNonQueryAsync(Token));
        }

        var move = runner.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);
        await WaitForABackendBlockedOnALockAsync(connectionString);
        await otherMove.CommitAsync(Token);

        Assert.Null(await move);
        Assert.Equal((BatchItemState.InFlight, 1), (await runner.GetBatchItemsAsync("batch-1", Token)).Select(i => (i.State, i.AttemptCount)).Single());
    }

    [Theory]
    [InlineData("repeatable read")]
    [InlineData("serializable")]
    public async Task Lease_writes_that_wait_for_another_holders_are_told_no_whatever_the_default_isolation(string isolation)
    {
        // host-b is taking over host-a's expired lease, and taking a free one. A renewal and a release by host-a, and
        // host-c's attempts to take either lease, wait for host-b's row locks. Before, under a stricter default, each
        // then failed with PostgresException 40001 instead of answering that the lease was not there to renew, release
        // or take: a monitor or scheduler starting beside another failed rather than waiting for its turn.
        var connectionString = await DatabaseWithDefaultIsolationAsync(isolation);
        var hostA = Open(connectionString);
        var hostC = Open(connectionString);
        await hostC.InitializeAsync(Token);
        var held = await hostA.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(31));
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync(Token);
        await using var takeOver = await other.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, Token);
        await using (var update = new NpgsqlCommand(
            """
            UPDATE leases SET holder_id = 'host-b', expires_at = @expires, fencing_token = fencing_token + 1 WHERE resource = @resource;
            INSERT INTO leases (resource, holder_id, expires_at, fencing_token) VALUES ('report:daily', 'host-b', @expires, 1);
            """,
            other,
            takeOver))
        {
            update.Parameters.AddWithValue("expires", T0.AddMinutes(10));
            update.Parameters.AddWithValue("resource", "sync:" + Key);
            Assert.Equal(2, await update.ExecuteNonQueryAsync(Token));
        }

        var renewal = hostA.RenewLeaseAsync(held!, TimeSpan.FromSeconds(30), Token);
        var release = hostA.ReleaseLeaseAsync(held!, Token);
        var taking = hostC.TryAcquireLeaseAsync("sync:" + Key, "host-c", TimeSpan.FromSeconds(30), Token);
        var takingTheFreeOne = hostC.TryAcquireLeaseAsync("report:daily", "host-c", TimeSpan.FromSeconds(30), Token);
        await WaitForBackendsBlockedOnALockAsync(connectionString, count: 4);
        await takeOver.CommitAsync(Token);

        Assert.Null(await renewal);
        Assert.False(await release);
        Assert.Null(await taking);
        Assert.Null(await takingTheFreeOne);
        Assert.Equal([1L, held!.FencingToken + 1], await QueryAsync(connectionString, "SELECT fencing_token FROM leases WHERE holder_id = 'host-b' ORDER BY resource;"));
    }

    [Theory]
    [InlineData("repeatable read")]
    [InlineData("serializable")]
    public async Task A_delivery_mark_and_a_report_run_that_wait_for_another_instances_write_go_through_whatever_the_default_isolation(string isolation)
    {
        // Another instance is marking the same portfolio's changes delivered and saving the same report's run. Before,
        // under a stricter default, the waiting writes then failed with PostgresException 40001: a monitor stopped on a
        // delivery another had already recorded further, a scheduler on a run another had just saved.
        var connectionString = await DatabaseWithDefaultIsolationAsync(isolation);
        var store = Open(connectionString);
        var committed = await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(1, 501, 1, T0), NewCover(2, 502, 1, T0), NewCover(3, 503, 1, T0)],
            Changes = new long[] { 1, 2, 3 }.Select(cover => new PortfolioChange { Kind = "Added", CoverId = cover, BuyerId = 500 + cover, OccurredAt = T0 }).ToArray(),
        }, Token);
        await store.MarkChangesDeliveredAsync(Key, committed.ChangeIds[0], Token);
        await store.SaveReportRunAsync(new ReportRun { ReportName = "daily", LastRunAt = T0 }, Token);
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync(Token);
        await using var otherWrites = await other.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, Token);
        await using (var update = new NpgsqlCommand("UPDATE change_delivery SET delivered_up_to = @upTo WHERE portfolio_key = @portfolio; UPDATE report_runs SET last_run_at = @at WHERE report_name = 'daily';", other, otherWrites))
        {
            update.Parameters.AddWithValue("upTo", committed.ChangeIds[2]);
            update.Parameters.AddWithValue("portfolio", Key);
            update.Parameters.AddWithValue("at", T0.AddHours(1));
            Assert.Equal(2, await update.ExecuteNonQueryAsync(Token));
        }

        var mark = store.MarkChangesDeliveredAsync(Key, committed.ChangeIds[1], Token);
        var save = store.SaveReportRunAsync(new ReportRun { ReportName = "daily", LastRunAt = T0.AddHours(2) }, Token);
        await WaitForBackendsBlockedOnALockAsync(connectionString, count: 2);
        await otherWrites.CommitAsync(Token);
        await mark;
        await save;

        // Marks only move forward; of two runs saved, the last one written stands.
        Assert.Empty(await store.ReadUndeliveredChangesAsync(Key, 10, Token));
        Assert.Equal(T0.AddHours(2), (await store.GetReportRunAsync("daily", Token))!.LastRunAt);
    }

    [Fact]
    public void A_bad_connection_string_is_refused_naming_the_argument()
    {
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => new PostgreSqlCoverPortfolioStore("not a connection string")).ParamName);
        Assert.Equal("dataSource", Assert.Throws<ArgumentNullException>(() => new PostgreSqlCoverPortfolioStore((NpgsqlDataSource)null!)).ParamName);
    }

    private async Task<string> DatabaseAsync() => database ??= await server.CreateDatabaseAsync();

    // As a database administrator sets it; the sessions opened afterwards start with it.
    private async Task<string> DatabaseWithDefaultIsolationAsync(string isolation)
    {
        var connectionString = await DatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync(connectionString, $"ALTER DATABASE \"{name}\" SET default_transaction_isolation = '{isolation}';");
        NpgsqlConnection.ClearAllPools();
        Assert.Equal([1L], await QueryAsync(connectionString, $"SELECT count(*) WHERE current_setting('default_transaction_isolation') = '{isolation}';"));
        return connectionString;
    }

    private PostgreSqlCoverPortfolioStore Open(string connectionString)
    {
        var store = new PostgreSqlCoverPortfolioStore(connectionString, Clock);
        stores.Add(store);
        return store;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, bool clearPools = false)
    {
        if (clearPools)
        {
            NpgsqlConnection.ClearAllPools();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // The server's own word that a statement of this database waits for a lock another transaction holds: the wait has
    // begun, however slowly the machine runs, and a test asserting it has not ended yet tests something.
    private static Task WaitForABackendBlockedOnALockAsync(string connectionString) => WaitForBackendsBlockedOnALockAsync(connectionString, count: 1);

    private static async Task WaitForBackendsBlockedOnALockAsync(string connectionString, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await QueryAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock';"))[0] < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until a statement waited for a lock.");
            }

            await Task.Delay(20, Token);
        }
    }

    private static async Task<List<long>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }
}
