using System.Collections;
using Atradius.Cover.Sdk.Portfolio.Sqlite;
using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Data.Sqlite;
using static Atradius.Cover.Sdk.Portfolio.Tests.Support.Portfolios;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Storage;

public sealed class SqliteCoverPortfolioStoreTests : CoverPortfolioStoreConformance
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "atradius-store-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteCoverPortfolioStore> stores = [];

    private string DatabasePath => Path.Combine(folder, "data", "portfolio.db");

    protected override Task<ICoverPortfolioStore> CreateStoreAsync() => Task.FromResult<ICoverPortfolioStore>(Open());

    protected override ValueTask CleanUpAsync()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_commit_waiting_for_another_writers_lock_stops_when_cancelled_and_goes_through_once_the_lock_is_free()
    {
        // Another process holds the file's write lock. Before, the commit waited for it on its thread for 30 seconds,
        // cancelled or not.
        var store = Open();
        await store.CommitAsync(Key, Covers(NewCover(1, 501, 1, T0)), Token);
        using var writer = HoldWriteLock();

        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(Key, Covers(NewCover(2, 502, 1, T0)), giveUp.Token).WaitAsync(TimeSpan.FromSeconds(20), Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "waited " + clock.Elapsed);

        var waiting = store.CommitAsync(Key, Covers(NewCover(3, 503, 1, T0)), Token);
        await Task.Delay(1500, Token);
        using (var releasing = writer.CreateCommand())
        {
            releasing.CommandText = "ROLLBACK;";
            releasing.ExecuteNonQuery();
        }

        await waiting.WaitAsync(TimeSpan.FromSeconds(20), Token);
        Assert.Equal([1L, 3L], (await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => f.CoverId).Order());
    }

    [Theory]
    [InlineData("acquire")]
    [InlineData("renew")]
    [InlineData("release")]
    [InlineData("mark delivered")]
    public async Task A_lease_or_delivery_write_waiting_for_another_writers_lock_stops_when_cancelled_and_goes_through_once_the_lock_is_free(string write)
    {
        // Another process holds the file's write lock. Before, these writes waited for it on their thread for the whole
        // timeout (30 seconds), cancelled or not: a holder could not give up a renewal too late to keep its lease, and a
        // host shutting down waited.
        var store = Open();
        var committed = await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(1, 501, 1, T0)],
            Changes = [new PortfolioChange { Kind = "Added", CoverId = 1, BuyerId = 501, OccurredAt = T0 }],
        }, Token);
        var lease = await store.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromMinutes(1), Token);
        Func<CancellationToken, Task<object?>> call = write switch
        {
            "acquire" => async cancellationToken => await store.TryAcquireLeaseAsync("report:daily", "host-a", TimeSpan.FromMinutes(1), cancellationToken),
            "renew" => async cancellationToken => await store.RenewLeaseAsync(lease!, TimeSpan.FromMinutes(2), cancellationToken),
            "release" => async cancellationToken => await store.ReleaseLeaseAsync(lease!, cancellationToken),
            _ => async cancellationToken =>
            {
                await store.MarkChangesDeliveredAsync(Key, committed.ChangeIds[^1], cancellationToken);
                return null;
            },
        };
        using var writer = HoldWriteLock();

        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => call(giveUp.Token), Token).WaitAsync(TimeSpan.FromSeconds(20), Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "waited " + clock.Elapsed);

        using (var releasing = writer.CreateCommand())
        {
            releasing.CommandText = "ROLLBACK;";
            releasing.ExecuteNonQuery();
        }

        var answer = await call(Token).WaitAsync(TimeSpan.FromSeconds(20), Token);
        switch (write)
        {
            case "acquire":
                Assert.Equal(("report:daily", "host-a"), (((PortfolioLease)answer!).Resource, ((PortfolioLease)answer).HolderId));
                break;
            case "renew":
                Assert.Equal(T0.AddMinutes(2), ((PortfolioLease)answer!).ExpiresAt);
                break;
            case "release":
                // The cancelled release wrote nothing: the holding was still there to be released.
                Assert.True((bool)answer!);
                break;
            default:
                Assert.Empty(await store.ReadUndeliveredChangesAsync(Key, 10, Token));
                break;
        }
    }

    [Fact]
    public async Task A_caller_that_blocks_on_a_commit_waiting_for_another_writers_lock_gets_it_once_the_lock_is_free()
    {
        // A UI thread or a synchronous wrapper blocks on the task under a context that runs only what its own thread
        // pumps. Before, the commit's next attempt was posted to that context and never ran: the caller hung for good.
        var store = Open();
        await store.CommitAsync(Key, Covers(NewCover(1, 501, 1, T0)), Token);
        using var writer = HoldWriteLock();

        var released = Task.Run(
            async () =>
            {
                await Task.Delay(1500, Token);
                using var releasing = writer.CreateCommand();
                releasing.CommandText = "ROLLBACK;";
                releasing.ExecuteNonQuery();
            },
            Token);
        var completed = false;
        var caller = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new UnpumpedContext());
#pragma warning disable xUnit1031 // The caller under test blocks on purpose.
            completed = store.CommitAsync(Key, Covers(NewCover(2, 502, 1, T0)), Token).Wait(TimeSpan.FromSeconds(20), Token);
#pragma warning restore xUnit1031
        });
        caller.Start();
        caller.Join();
        await released;

        Assert.True(completed, "the blocked caller's commit did not complete once the lock was free");
        Assert.Equal([1L, 2L], (await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => f.CoverId).Order());
    }

    /// <summary>Another connection holding the file's write lock, as another process writing would; ROLLBACK on it frees the lock.</summary>
    private SqliteConnection HoldWriteLock()
    {
        var writer = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        writer.Open();
        using var holding = writer.CreateCommand();
        holding.CommandText = "BEGIN IMMEDIATE;";
        holding.ExecuteNonQuery();
        return writer;
    }

    /// <summary>A context whose thread never runs what is posted to it, as a UI thread blocked on a task does not.</summary>
    private sealed class UnpumpedContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }
    }

    [Fact]
    public async Task The_file_and_its_folder_are_created_on_first_use_in_wal_mode()
    {
        var store = Open();
        Assert.False(File.Exists(DatabasePath));

        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0)), Token);

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task A_reopened_file_keeps_what_was_committed()
    {
        var first = Open();
        await first.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(10, 501, 1, T0)],
            Changes = [new PortfolioChange { Kind = "NewDecision", CoverId = 10, OccurredAt = T0 }],
            SyncState = new PortfolioSyncState { RunCount = 1 },
        }, Token);
        await first.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a" }], Token);
        first.Dispose();
        SqliteConnection.ClearAllPools();

        var reopened = Open();

        Assert.Equal([(10L, 1L)], (await reopened.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => (f.CoverId, f.Fingerprint)));
        Assert.Equal("NewDecision", Assert.Single(await reopened.ReadUndeliveredChangesAsync(Key, 10, Token)).Kind);
        Assert.Equal(1, (await reopened.GetSyncStateAsync(Key, Token))!.RunCount);
        Assert.Single(await reopened.GetBatchItemsAsync("batch-1", Token));
    }

    [Fact]
    public async Task The_schema_version_is_recorded_and_an_older_file_is_migrated_forward_keeping_its_data()
    {
        CreateFileAtSchemaVersion(1, """
            INSERT INTO cover_versions (portfolio_key, cover_id, buyer_id, cover_type, source_list, fingerprint, observed_at, payload)
            VALUES ('200417/5012345', 10, 501, 'CreditLimit', 'current', 1, 0, X'7B7D');
            INSERT INTO cover_latest (portfolio_key, cover_id, version_id, fingerprint) VALUES ('200417/5012345', 10, 1, 1);
            """);

        Assert.Equal(1L, Scalar("SELECT MAX(version) FROM schema_version;"));

        var store = Open();
        var added = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a" }], Token);

        Assert.Equal(1, added);
        Assert.Equal((long)SqliteSchema.LatestVersion, Scalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal((long)SqliteSchema.LatestVersion, Scalar("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal("{}", Text(Assert.Single(await store.GetLatestCoverVersionsAsync(Key, [10], Token)).Payload));
    }

    [Fact]
    public async Task The_changes_announcing_a_commit_of_new_covers_take_one_outbox_row_and_read_back_one_by_one()
    {
        var store = Open();
        var versions = Enumerable.Range(1, 1000).Select(i => NewCover(i, 5000 + i, i, T0)).ToArray();
        var changes = versions.Select(v => new PortfolioChange { Kind = "NewDecision", CoverId = v.CoverId, BuyerId = v.BuyerId, OccurredAt = T0, Payload = Json("""{"IsInitialLoad":true}""") }).ToArray();

        var result = await store.CommitAsync(Key, new PortfolioCommit { CoverVersions = versions, Changes = changes }, Token);
        var read = await store.ReadUndeliveredChangesAsync(Key, 5000, Token);

        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM portfolio_changes;"));
        Assert.Equal(result.ChangeIds, read.Select(c => c.ChangeId));
        Assert.Equal(versions.Select(v => (v.CoverId, v.BuyerId)), read.Select(c => (c.CoverId!.Value, c.BuyerId!.Value)));
        Assert.Equal(result.CoverVersionIds, read.Select(c => c.NewVersionId!.Value));
    }

    [Fact]
    public async Task Changes_written_by_a_file_of_schema_version_3_are_delivered_as_they_were_after_the_migration()
    {
        CreateFileAtSchemaVersion(3, """
            INSERT INTO cover_versions (portfolio_key, cover_id, buyer_id, cover_type, source_list, fingerprint, observed_at, payload)
            VALUES ('200417/5012345', 10, 501, 'CreditLimit', 'current', 1, 0, X'7B7D'), ('200417/5012345', 11, 502, 'CreditLimit', 'current', 1, 0, X'7B7D');
            INSERT INTO portfolio_changes (portfolio_key, kind, cover_id, buyer_id, new_version_id, previous_version_id, occurred_at, payload)
            VALUES ('200417/5012345', 'NewDecision', 10, 501, 1, NULL, 0, X'7B7D'), ('200417/5012345', 'NewDecision', 11, 502, 2, NULL, 0, X'7B7D');
            """);

        var store = Open();
        var added = await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(12, 503, 1, T0), NewCover(13, 504, 1, T0)],
            Changes = [new PortfolioChange { Kind = "NewDecision", CoverId = 12, BuyerId = 503, OccurredAt = T0 }, new PortfolioChange { Kind = "NewDecision", CoverId = 13, BuyerId = 504, OccurredAt = T0 }],
        }, Token);
        var read = await store.ReadUndeliveredChangesAsync(Key, 10, Token);

        Assert.Equal([1L, 2L, 3L, 4L], read.Select(c => c.ChangeId));
        Assert.Equal(added.ChangeIds, read.Skip(2).Select(c => c.ChangeId));
        Assert.Equal([(10L, 501L, 1L), (11L, 502L, 2L), (12L, 503L, 3L), (13L, 504L, 4L)], read.Select(c => (c.CoverId!.Value, c.BuyerId!.Value, c.NewVersionId!.Value)));
        Assert.Equal(3L, Scalar("SELECT COUNT(*) FROM portfolio_changes;"));
        Assert.Equal([(10L, 1L), (11L, 2L), (12L, 3L), (13L, 4L)], (await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => (f.CoverId, f.VersionId)));
    }

    [Fact]
    public async Task A_file_from_a_newer_version_is_refused_with_a_clear_message()
    {
        await Open().InitializeAsync(Token);
        Scalar("INSERT INTO schema_version (version, applied_at) VALUES (999, 0);");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Open().InitializeAsync(Token));

        Assert.Contains("schema version 999", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commit_cancelled_half_way_leaves_nothing_behind()
    {
        var store = Open();
        await store.CommitAsync(Key, Covers(NewCover(1, 501, 1, T0)), Token);
        using var cancellation = new CancellationTokenSource();
        var versions = new CancellingList(Enumerable.Range(100, 1000).Select(i => NewCover(i, 501, i, T0)).ToArray(), cancelAt: 500, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = versions,
            Changes = [new PortfolioChange { Kind = "NewDecision", CoverId = 100, OccurredAt = T0 }],
            SyncState = new PortfolioSyncState { RunCount = 1 },
        }, cancellation.Token));

        Assert.True(versions.Reached);
        Assert.Equal([1L], (await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => f.CoverId));
        Assert.Single(await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery(), Token).ToListAsync());
        Assert.Empty(await store.ReadUndeliveredChangesAsync(Key, 10, Token));
        Assert.Null(await store.GetSyncStateAsync(Key, Token));
        Assert.Equal(2, (await store.CommitAsync(Key, Covers(NewCover(2, 501, 2, T0)), Token)).CoverVersionIds[0]);
    }

    [Fact]
    public async Task Several_instances_on_one_file_commit_at_once_without_losing_a_version()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();
        await instances[0].InitializeAsync(Token);

        await Task.WhenAll(instances.Select((store, n) => Task.Run(async () =>
        {
            for (var commit = 0; commit < 10; commit++)
            {
                var first = (n * 1000) + (commit * 10);
                await store.CommitAsync(Key, Covers(Enumerable.Range(first, 10).Select(i => NewCover(i, 501, i, T0)).ToArray()), Token);
            }
        })));
        var racers = await Task.WhenAll(instances.Select(store => Task.Run(() => store.TryAcquireLeaseAsync("sync", Guid.NewGuid().ToString(), TimeSpan.FromMinutes(1), Token))));

        Assert.Equal(400, (await instances[3].ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Count);
        Assert.Equal(400, (await instances[1].ReadCoverVersionsAsync(Key, new CoverVersionQuery(), Token).ToListAsync()).Select(v => v.VersionId).Distinct().Count());
        Assert.Single(racers, lease => lease is not null);
    }

    [Theory]
    [InlineData(null, 7L, null, "cover_versions_by_cover")]
    [InlineData(501L, null, null, "cover_versions_by_buyer")]
    [InlineData(501L, 7L, null, "cover_versions_by_buyer")]
    [InlineData(null, null, 1, "cover_versions_by_time")]
    [InlineData(null, 7L, 1, "cover_versions_by_cover")]
    [InlineData(501L, null, 1, "cover_versions_by_buyer")]
    public async Task A_history_read_looks_its_versions_up_in_the_index_of_its_filter(long? buyerId, long? coverId, int? fromDays, string index)
    {
        var store = Open();
        await store.CommitAsync(Key, Covers(NewCover(7, 501, 1, T0), NewCover(8, 502, 2, T0)), Token);
        var query = new CoverVersionQuery { BuyerId = buyerId, CoverId = coverId, From = fromDays is { } days ? T0.AddDays(-days) : null };

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteCoverPortfolioStore.CoverVersionsSql(query, ", " + Atradius.Cover.Sdk.Portfolio.Internal.CoverVersionSql.PreviousPayload);
        foreach (var name in new[] { "@portfolio", "@buyer", "@cover", "@from", "@to" })
        {
            command.Parameters.AddWithValue(name, 0);
        }

        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        // The first step finds the versions; a walk of the portfolio in another index's order would name that index.
        Assert.StartsWith($"SEARCH v USING INDEX {index} ", plan[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_without_a_file_is_refused_naming_the_argument()
    {
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => SqliteCoverPortfolioStore.FromConnectionString("Mode=ReadWriteCreate")).ParamName);
        Assert.Equal("databasePath", Assert.Throws<ArgumentException>(() => new SqliteCoverPortfolioStore(" ")).ParamName);
    }

    [Fact]
    public async Task A_store_opened_from_a_connection_string_uses_the_file_it_names_and_makes_its_folder()
    {
        // Before, the folder was made only for a store opened from a path: here the first commit failed to open the file.
        using var store = SqliteCoverPortfolioStore.FromConnectionString($"Data Source={DatabasePath};Pooling=False", Clock);
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0)), Token);

        Assert.Single(await Open().ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync());
    }

    [Fact]
    public async Task With_a_shared_cache_a_commit_waits_for_a_read_of_the_same_table_to_end_instead_of_failing()
    {
        // A shared cache locks tables, not the file: the read's lock on cover_versions met the commit inside its write
        // transaction, and the commit failed with SQLITE_LOCKED at once.
        using var store = SqliteCoverPortfolioStore.FromConnectionString($"Data Source={DatabasePath};Cache=Shared", Clock);
        await store.CommitAsync(Key, Covers(NewCover(1, 501, 1, T0), NewCover(2, 502, 1, T0)), Token);

        await using (var reading = store.ReadLatestCoverFingerprintsAsync(Key, Token).GetAsyncEnumerator(Token))
        {
            Assert.True(await reading.MoveNextAsync());

            // A caller that gives up is not held for the connection's whole timeout.
            using (var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token))
            {
                giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => store.CommitAsync(Key, Covers(NewCover(4, 504, 1, T0)), giveUp.Token), Token).WaitAsync(TimeSpan.FromSeconds(20), Token));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "waited " + clock.Elapsed);
            }

            var committing = Task.Run(() => store.CommitAsync(Key, Covers(NewCover(3, 503, 1, T0)), Token), Token);
            await Task.Delay(500, Token);
            Assert.False(committing.IsCompleted, "the commit did not wait for the read: " + committing.Status);
            Assert.True(await reading.MoveNextAsync());
            Assert.False(await reading.MoveNextAsync());
            await reading.DisposeAsync();
            await committing.WaitAsync(TimeSpan.FromSeconds(20), Token);
        }

        Assert.Equal([1L, 2L, 3L], (await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => f.CoverId).Order());
    }

    [Fact]
    public async Task A_cover_type_an_earlier_version_kept_with_a_NUL_does_not_stop_the_sync_that_records_the_cover_ended()
    {
        var store = Open();
        var source = new FakeCoverSource();
        source.Covers.Add(Support.Covers.Decided(1, 100, 50000));
        source.Covers.Add(Support.Covers.Decided(2, 200, 60000));
        var sync = new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Key }, Clock);
        await sync.SyncAsync(new RecordingHandler(), Token);

        // As versions before the stores refused a NUL kept it on SQLite; the sync copies the stored type when the cover leaves the lists.
        Scalar("UPDATE cover_versions SET cover_type = 'credit-limit' || char(0) WHERE cover_id = 2;");
        source.Covers.RemoveAll(c => c.CoverId == 2);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var result = await sync.SyncAsync(new RecordingHandler(), forceFullReconciliation: true, Token);

        Assert.Equal(1, result.CoverVersionsStored);
        Assert.Equal("credit-limit\uFFFD", (await store.GetLatestCoverVersionsAsync(Key, [2], Token))[0].CoverType);
    }

    private SqliteCoverPortfolioStore Open()
    {
        var store = new SqliteCoverPortfolioStore(DatabasePath, Clock);
        stores.Add(store);
        return store;
    }

    // A file as an earlier version of the library left it: migrated up to that version, with the rows it wrote.
    private void CreateFileAtSchemaVersion(int version, string rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        SqliteSchema.Migrate(connection, 0, targetVersion: version);
        using var insert = connection.CreateCommand();
        insert.CommandText = rows;
        insert.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A list that cancels the commit reading it when the commit reaches a given item: a crash half way, on cue.</summary>
    private sealed class CancellingList(CoverVersion[] items, int cancelAt, CancellationTokenSource cancellation) : IReadOnlyList<CoverVersion>
    {
        public bool Reached { get; private set; }

        public int Count => items.Length;

        public CoverVersion this[int index]
        {
            get
            {
                if (index == cancelAt)
                {
                    Reached = true;
                    cancellation.Cancel();
                }

                return items[index];
            }
        }

        public IEnumerator<CoverVersion> GetEnumerator() => ((IEnumerable<CoverVersion>)items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
