using System.Text.Json;
using Atradius.Cover.Sdk.Portfolio.Sqlite;
using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Sync;

public sealed class CoverPortfolioSqliteSyncTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-sync-").FullName;

    [Fact]
    public async Task A_sync_resumed_on_a_reopened_sqlite_file_reports_only_what_changed_since()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Referred(2, 200, 150000));
        var path = Path.Combine(folder, "portfolio.db");
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key };
        var handler = new RecordingHandler();
        using (var store = new SqliteCoverPortfolioStore(path))
        {
            await new CoverPortfolioSync(source, store, options).SyncAsync(handler, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, handler.Changes.Count);
        handler.Clear();
        source.Replace(Covers.Decided(2, 200, 120000, code: "DC04"));
        using (var store = new SqliteCoverPortfolioStore(path))
        {
            var result = await new CoverPortfolioSync(source, store, options).SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);
            Assert.Equal(1, result.CoverVersionsStored);
            var versions = await store.ReadCoverVersionsAsync(Portfolios.Key, new CoverVersionQuery { CoverId = 2 }, TestContext.Current.CancellationToken).ToListAsync();
            Assert.Equal(2, versions.Count);
        }

        var decided = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.Decided, decided.Kind);
        Assert.Equal(120000m, decided.Cover!.DecidedAmount);
        Assert.True(decided.PreviousCover!.IsReferred);
    }

    [Fact]
    public async Task A_crash_between_chunks_loses_nothing_the_next_sync_delivers_the_committed_changes_with_their_covers()
    {
        var source = new FakeCoverSource();
        for (var id = 1; id <= 5; id++)
        {
            source.Covers.Add(Covers.Decided(id, id * 100, 10000 * id));
        }

        var path = Path.Combine(folder, "portfolio.db");
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChunkSize = 2 };
        var beforeCrash = new List<CoverPortfolioChange>();
        using (var store = new SqliteCoverPortfolioStore(path))
        {
            var killable = new KillableStore(store);

            // The process dies while the second chunk (covers 3 and 4) is being delivered: committed, never marked.
            await Assert.ThrowsAnyAsync<Exception>(() => new CoverPortfolioSync(source, killable, options).SyncAsync(
                (change, _) =>
                {
                    beforeCrash.Add(change);
                    if (change.CoverId == 3)
                    {
                        killable.Kill();
                    }

                    return Task.CompletedTask;
                },
                TestContext.Current.CancellationToken));
        }

        var afterRestart = new RecordingHandler();
        using (var store = new SqliteCoverPortfolioStore(path))
        {
            await new CoverPortfolioSync(source, store, options).SyncAsync(afterRestart, TestContext.Current.CancellationToken);
            var versions = await store.ReadCoverVersionsAsync(Portfolios.Key, new CoverVersionQuery(), TestContext.Current.CancellationToken).ToListAsync();
            Assert.Equal([1L, 2L, 3L, 4L, 5L], versions.Select(v => v.CoverId).Order());
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], beforeCrash.Concat(afterRestart.Changes).Select(c => c.CoverId!.Value).Distinct().Order());
        Assert.Equal([3L, 4L, 5L], afterRestart.Changes.Select(c => c.CoverId!.Value));
        Assert.All(afterRestart.Changes, c =>
        {
            Assert.Equal(CoverChangeKind.NewDecision, c.Kind);
            Assert.Equal(c.CoverId, c.Cover!.CoverId);
            Assert.Equal(10000m * c.CoverId, c.Cover.DecidedAmount);
            Assert.Null(c.PreviousCover);
        });
        var redelivered = afterRestart.Changes.Where(c => c.CoverId <= 4).ToList();
        Assert.Equal(beforeCrash.Where(c => c.CoverId >= 3).Select(c => (c.ChangeId, Json(c.Cover!))), redelivered.Select(c => (c.ChangeId, Json(c.Cover!))));
    }

    [Fact]
    public async Task A_change_that_refers_to_its_versions_is_delivered_with_the_cover_before_and_after()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var path = Path.Combine(folder, "portfolio.db");
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key };
        using var store = new SqliteCoverPortfolioStore(path);
        await new CoverPortfolioSync(source, store, options).SyncAsync((_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);
        source.Replace(Covers.Decided(1, 100, 80000));

        // The handler fails, so the change stays in the file and comes back read from it.
        var handler = new RecordingHandler { FailOn = _ => true };
        await Assert.ThrowsAsync<InvalidOperationException>(() => new CoverPortfolioSync(source, store, options).SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken));
        await new CoverPortfolioSync(source, store, options).DeliverPendingChangesAsync(handler, TestContext.Current.CancellationToken);

        var change = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.AmountChanged, change.Kind);
        Assert.Equal((50000m, 80000m), (change.PreviousCover!.DecidedAmount, change.Cover!.DecidedAmount));
        Assert.Contains(change.FieldChanges, f => f.Field == "DecidedAmount");
    }

    [Fact]
    public async Task A_change_read_back_from_the_file_is_the_change_the_handler_was_given_from_memory()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 200, 20000, pending: "R"));
        source.Covers.Add(Covers.Referred(3, 300, 30000));

        // A clock between two microseconds: the file keeps times to the microsecond.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Portfolios.T0.AddTicks(1234567));
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key };
        using var fromMemoryStore = new SqliteCoverPortfolioStore(Path.Combine(folder, "memory.db"));
        using var fromFileStore = new SqliteCoverPortfolioStore(Path.Combine(folder, "file.db"));
        var fromMemory = new RecordingHandler();
        var fromFile = new RecordingHandler();

        async Task SyncBothAsync()
        {
            await new CoverPortfolioSync(source, fromMemoryStore, options, clock).SyncAsync(fromMemory, TestContext.Current.CancellationToken);
            fromFile.FailOn = _ => true;
            await Assert.ThrowsAsync<InvalidOperationException>(() => new CoverPortfolioSync(source, fromFileStore, options, clock).SyncAsync(fromFile, TestContext.Current.CancellationToken));
            await new CoverPortfolioSync(source, fromFileStore, options, clock).DeliverPendingChangesAsync(fromFile, TestContext.Current.CancellationToken);
        }

        await SyncBothAsync();
        clock.Advance(TimeSpan.FromDays(2));
        source.Replace(Covers.Decided(1, 100, 80000, "DC02", reference: "ERP-7"));
        source.Replace(Covers.Decided(3, 300, 25000));
        await SyncBothAsync();

        Assert.Contains(fromMemory.Changes, c => c.IsInitialLoad);
        Assert.Contains(fromMemory.Changes, c => c.FieldChanges.Count > 0 && c.PreviousCover is not null);
        Assert.Equal(fromMemory.Changes.Select(Json), fromFile.Changes.Select(Json));
    }

    [Fact]
    public async Task Changes_stored_with_their_covers_by_an_older_version_are_delivered_after_the_file_is_migrated()
    {
        var path = Path.Combine(folder, "portfolio.db");
        var cover = CoverSnapshot.From(Covers.Decided(7, 700, 25000));
        var old = new CoverPortfolioChange { Kind = CoverChangeKind.NewDecision, CoverId = 7, BuyerId = 700, ObservedAt = Portfolios.T0, IsInitialLoad = true, Cover = cover };
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            SqliteSchema.Migrate(connection, 0, targetVersion: 2);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO cover_versions (version_id, portfolio_key, cover_id, buyer_id, cover_type, source_list, fingerprint, observed_at, payload)
                VALUES (1, @portfolio, 7, 700, 'CreditLimit', 'current', 2, 0, @cover);
                INSERT INTO cover_latest (portfolio_key, cover_id, version_id, fingerprint) VALUES (@portfolio, 7, 1, 2);
                INSERT INTO portfolio_changes (portfolio_key, kind, cover_id, buyer_id, new_version_id, previous_version_id, occurred_at, payload)
                VALUES (@portfolio, 'NewDecision', 7, 700, 1, NULL, 0, @change);
                """;
            insert.Parameters.AddWithValue("@portfolio", Portfolios.Key);
            insert.Parameters.AddWithValue("@cover", JsonSerializer.SerializeToUtf8Bytes(cover, PortfolioJsonContext.Default.CoverSnapshot));
            insert.Parameters.AddWithValue("@change", JsonSerializer.SerializeToUtf8Bytes(old, PortfolioJsonContext.Default.CoverPortfolioChange));
            insert.ExecuteNonQuery();
        }

        var handler = new RecordingHandler();
        using (var store = new SqliteCoverPortfolioStore(path))
        {
            var delivered = await new CoverPortfolioSync(new FakeCoverSource(), store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key })
                .DeliverPendingChangesAsync(handler, TestContext.Current.CancellationToken);
            Assert.Equal(1, delivered);
        }

        var change = Assert.Single(handler.Changes);
        Assert.Equal((CoverChangeKind.NewDecision, 7L, 25000m), (change.Kind, change.CoverId!.Value, change.Cover!.DecidedAmount));
        Assert.True(change.ChangeId > 0);
        using var check = new SqliteConnection($"Data Source={path}");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "SELECT MAX(version) FROM schema_version;";
        Assert.Equal((long)SqliteSchema.LatestVersion, (long)version.ExecuteScalar()!);
    }

    private static string Json(CoverSnapshot cover) => JsonSerializer.Serialize(cover, PortfolioJsonContext.Default.CoverSnapshot);

    private static string Json(CoverPortfolioChange change) => JsonSerializer.Serialize(change, PortfolioJsonContext.Default.CoverPortfolioChange);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
