using Atradius.Cover.Sdk.Portfolio.Internal;
using Atradius.Cover.Sdk.Portfolio.Sqlite;
using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Sync;

/// <summary>A portfolio's first sync into a SQLite file without versions builds the file's indexes once, at its end.</summary>
public sealed class CoverPortfolioFirstLoadTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-first-load-").FullName;

    private string DatabasePath => Path.Combine(folder, "portfolio.db");

    [Fact]
    public async Task A_first_sync_in_no_order_leaves_the_file_with_the_indexes_of_a_new_one_and_every_look_up_working()
    {
        var source = new FakeCoverSource();
        foreach (var id in new long[] { 7, 2, 9, 4, 1, 8, 3, 6, 5 })
        {
            source.Covers.Add(Covers.Decided(id, BuyerOf(id), 10000 * id));
            source.Buyers.Add(CoverModelFactory.Buyer(BuyerOf(id), rating: (int)id));
        }

        var indexesDuringTheLoad = new List<int>();
        var handler = new RecordingHandler();
        using (var store = new SqliteCoverPortfolioStore(DatabasePath))
        {
            var result = await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChunkSize = 2 })
                .SyncAsync(
                    async (change, cancellationToken) =>
                    {
                        indexesDuringTheLoad.Add(VersionIndexCount());
                        await handler.HandleAsync(change, cancellationToken);
                    },
                    Token);

            Assert.Equal(9, result.CoverVersionsStored);
            Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L], handler.Changes.Select(c => c.CoverId!.Value).Order());
            Assert.All(handler.Changes, c => Assert.Equal((CoverChangeKind.NewDecision, true), (c.Kind, c.IsInitialLoad)));
            Assert.Null(Assert.Single(handler.Changes, c => c.CoverId == 4).PreviousCover);

            var history = new CoverHistory(store, Portfolios.Key, source: null);
            var ofBuyer = await history.GetBuyerHistoryAsync(BuyerOf(4), Token);
            Assert.Contains(ofBuyer, entry => entry.Cover.CoverId == 4);
            var latest = await store.GetLatestCoverVersionsAsync(Portfolios.Key, [9, 1], Token);
            Assert.Equal([1L, 9L], latest.Select(v => v.CoverId).Order());
        }

        Assert.All(indexesDuringTheLoad, count => Assert.Equal(0, count));
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));

        // The next sync reads the fingerprints through the rebuilt index and finds nothing changed.
        handler.Clear();
        using (var store = new SqliteCoverPortfolioStore(DatabasePath))
        {
            var second = await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key })
                .SyncAsync(handler, forceFullReconciliation: true, Token);
            Assert.Equal((0, 0), (second.CoverVersionsStored, handler.Changes.Count));
        }

        // Buyer ids in another order than the covers': 7 is prime to 10.
        static long BuyerOf(long coverId) => 500 + (coverId * 7 % 10);
    }

    [Fact]
    public async Task A_first_sync_that_breaks_half_way_builds_the_indexes_before_it_fails_and_its_run_again_loads_the_rest_the_same_way()
    {
        var source = DecidedCovers(6);

        source.BeforeCover = n => n == 5 ? Task.FromException(new HttpRequestException("The list was cut off.")) : Task.CompletedTask;
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChunkSize = 2 };
        var delivered = new RecordingHandler();
        using var store = new SqliteCoverPortfolioStore(DatabasePath);

        await Assert.ThrowsAsync<HttpRequestException>(() => new CoverPortfolioSync(source, store, options).SyncAsync(delivered, Token));
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));
        Assert.Equal([1L, 2L, 3L, 4L], delivered.Changes.Select(c => c.CoverId!.Value).Order());

        // The file holds only this portfolio's versions: the run again writes the rest without the indexes too.
        source.BeforeCover = null;
        var indexesDuringTheRest = new List<(long CoverId, int Indexes)>();
        await new CoverPortfolioSync(source, store, options).SyncAsync(
            async (change, cancellationToken) =>
            {
                indexesDuringTheRest.Add((change.CoverId!.Value, VersionIndexCount()));
                await delivered.HandleAsync(change, cancellationToken);
            },
            Token);

        Assert.Equal([(5L, 0), (6L, 0)], indexesDuringTheRest);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], delivered.Changes.Select(c => c.CoverId!.Value).Order());
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));
    }

    [Fact]
    public async Task A_first_sync_run_again_after_a_stored_cover_changed_links_the_change_to_the_stored_version_and_ends_with_the_indexes()
    {
        var source = DecidedCovers(6);
        source.BeforeCover = n => n == 5 ? Task.FromException(new HttpRequestException("The list was cut off.")) : Task.CompletedTask;
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChunkSize = 2 };
        using var store = new SqliteCoverPortfolioStore(DatabasePath);
        await Assert.ThrowsAsync<HttpRequestException>(() => new CoverPortfolioSync(source, store, options).SyncAsync((_, _) => Task.CompletedTask, Token));

        // Cover 2, stored by the broken run, has a new amount when the sync runs again.
        source.BeforeCover = null;
        source.Covers[1] = Covers.Decided(2, 102, 25000);
        var delivered = new RecordingHandler();
        await new CoverPortfolioSync(source, store, options).SyncAsync(delivered, Token);

        var changed = Assert.Single(delivered.Changes, c => c.CoverId == 2);
        Assert.Equal((CoverChangeKind.AmountChanged, false), (changed.Kind, changed.IsInitialLoad));
        Assert.Equal((20000m, 25000m), (changed.PreviousCover!.DecidedAmount, changed.Cover!.DecidedAmount));
        Assert.Equal([2L, 5L, 6L], delivered.Changes.Select(c => c.CoverId!.Value).Order());
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));
        var latest = await store.GetLatestCoverVersionsAsync(Portfolios.Key, [2, 6], Token);
        Assert.Equal([2L, 6L], latest.Select(v => v.CoverId).Order());
    }

    [Fact]
    public async Task A_file_left_without_its_indexes_by_a_killed_first_load_gets_them_back_when_a_store_opens_it()
    {
        using (var store = new SqliteCoverPortfolioStore(DatabasePath))
        {
            Assert.True(await ((IFirstLoadStore)store).BeginFirstLoadAsync(Portfolios.Key, Token));
            await store.CommitAsync(Portfolios.Key, Portfolios.Covers(Portfolios.NewCover(1, 100, 2, Portfolios.T0)), Token);

            // The process dies here: the load never ends.
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(0, VersionIndexCount());

        using var reopened = new SqliteCoverPortfolioStore(DatabasePath);
        Assert.Single(await reopened.ReadLatestCoverFingerprintsAsync(Portfolios.Key, Token).ToListAsync());
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));
    }

    [Fact]
    public async Task A_first_sync_run_again_after_a_stored_rating_changed_looks_it_up_with_the_indexes_built()
    {
        var source = DecidedCovers(2);
        foreach (var (buyerId, rating) in new[] { (101L, 5), (102L, 6), (103L, 7) })
        {
            source.Buyers.Add(CoverModelFactory.Buyer(buyerId, rating: rating));
        }

        source.BeforeBuyer = n => n == 3 ? Task.FromException(new HttpRequestException("The list was cut off.")) : Task.CompletedTask;
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChunkSize = 2 };
        using var store = new SqliteCoverPortfolioStore(DatabasePath);
        await Assert.ThrowsAsync<HttpRequestException>(() => new CoverPortfolioSync(source, store, options).SyncAsync((_, _) => Task.CompletedTask, Token));

        // Buyer 101's rating, stored by the broken run, has changed: its look-up ends the load rather than reading the
        // whole table without an index.
        source.BeforeBuyer = null;
        source.Buyers[0] = CoverModelFactory.Buyer(101, rating: 3);
        var changes = new List<(CoverChangeKind Kind, long? BuyerId, int? PreviousRating, int Indexes)>();
        await new CoverPortfolioSync(source, store, options).SyncAsync(
            (change, _) =>
            {
                changes.Add((change.Kind, change.BuyerId, change.PreviousRating, VersionIndexCount()));
                return Task.CompletedTask;
            },
            Token);

        Assert.Equal([(CoverChangeKind.BuyerRatingChanged, 101L, 5, SqliteSchema.VersionIndexes.Length)], changes);
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));
    }

    [Fact]
    public async Task The_first_load_of_a_second_portfolio_keeps_the_indexes_the_first_portfolio_reads_by()
    {
        var first = new FakeCoverSource();
        first.Covers.Add(Covers.Decided(1, 100, 10000));
        var second = new FakeCoverSource();
        second.Covers.Add(Covers.Decided(2, 200, 20000));
        using var store = new SqliteCoverPortfolioStore(DatabasePath);
        await new CoverPortfolioSync(first, store, new CoverPortfolioSyncOptions { PortfolioKey = "first" }).SyncAsync((_, _) => Task.CompletedTask, Token);

        var indexesDuringTheLoad = new List<int>();
        await new CoverPortfolioSync(second, store, new CoverPortfolioSyncOptions { PortfolioKey = "second" }).SyncAsync(
            (_, _) =>
            {
                indexesDuringTheLoad.Add(VersionIndexCount());
                return Task.CompletedTask;
            },
            Token);

        Assert.Equal([SqliteSchema.VersionIndexes.Length], indexesDuringTheLoad);
    }

    [Fact]
    public async Task The_first_load_of_a_second_portfolio_commits_five_chunks_at_once_while_its_indexes_stay()
    {
        var options = new CoverPortfolioSyncOptions { ChunkSize = 2, IncludeApplications = false, IncludeBuyerRatings = false };
        using var store = new SqliteCoverPortfolioStore(DatabasePath);

        var firstOptions = options.Clone();
        firstOptions.PortfolioKey = "first";
        var alone = await new CoverPortfolioSync(DecidedCovers(10), store, firstOptions).SyncAsync((_, _) => Task.CompletedTask, Token);
        var secondOptions = options.Clone();
        secondOptions.PortfolioKey = "second";
        var delivered = new RecordingHandler();
        var beside = await new CoverPortfolioSync(DecidedCovers(10), store, secondOptions).SyncAsync(delivered, Token);

        // Five commits of two and the sync state, against one commit of ten and the sync state.
        Assert.Equal((10, 6), (alone.CoverVersionsStored, alone.Commits));
        Assert.Equal((10, 2), (beside.CoverVersionsStored, beside.Commits));
        Assert.Equal(Enumerable.Range(1, 10).Select(id => (long)id), delivered.Changes.Select(c => c.CoverId!.Value));

        // Later syncs of that portfolio commit chunks of the size asked for again.
        var changed = new FakeCoverSource();
        for (var id = 1; id <= 10; id++)
        {
            changed.Covers.Add(Covers.Decided(id, 100 + id, 20000 * id));
        }

        var next = await new CoverPortfolioSync(changed, store, secondOptions).SyncAsync(new RecordingHandler(), forceFullReconciliation: true, Token);
        Assert.Equal((10, 6), (next.CoverVersionsStored, next.Commits));
    }

    [Fact]
    public async Task A_handler_that_reads_history_during_a_first_load_is_answered_and_the_rest_is_written_with_the_indexes()
    {
        var source = DecidedCovers(6);

        using var store = new SqliteCoverPortfolioStore(DatabasePath);
        var history = new CoverHistory(store, Portfolios.Key, source: null);
        var answers = new List<(long CoverId, int BuyerEntries, int CoverEntries, int Indexes)>();
        await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChunkSize = 2 }).SyncAsync(
            async (change, cancellationToken) =>
            {
                // A handler that looks each new cover's buyer up would otherwise read the whole table every time.
                var ofBuyer = await history.GetBuyerHistoryAsync(change.BuyerId!.Value, cancellationToken);
                var ofCover = await history.GetCoverHistoryAsync(change.BuyerId!.Value, change.CoverId!.Value, cancellationToken);
                answers.Add((change.CoverId!.Value, ofBuyer.Count, ofCover.Count, VersionIndexCount()));
            },
            Token);

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], answers.Select(a => a.CoverId));
        Assert.All(answers, a => Assert.Equal((1, 1, SqliteSchema.VersionIndexes.Length), (a.BuyerEntries, a.CoverEntries, a.Indexes)));
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));
    }

    [Fact]
    public async Task Another_store_on_the_file_reads_a_cover_while_a_first_load_runs_without_the_indexes()
    {
        var source = DecidedCovers(4);

        using var store = new SqliteCoverPortfolioStore(DatabasePath);
        using var reader = new SqliteCoverPortfolioStore(DatabasePath);
        await reader.InitializeAsync(Token);
        var read = new List<(int Versions, int Indexes)>();
        await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChunkSize = 2 }).SyncAsync(
            async (change, cancellationToken) =>
            {
                var versions = await reader.ReadCoverVersionsAsync(Portfolios.Key, new CoverVersionQuery { CoverId = change.CoverId }, cancellationToken).ToListAsync();
                read.Add((versions.Count, VersionIndexCount()));
            },
            Token);

        Assert.Equal([(1, 0), (1, 0), (1, 0), (1, 0)], read);
        Assert.Equal(IndexesOfANewFile(), IndexDefinitions(DatabasePath));
    }

    [Fact]
    public async Task During_a_first_load_a_cover_written_again_is_linked_to_its_version_from_the_load()
    {
        using var store = new SqliteCoverPortfolioStore(DatabasePath);
        Assert.True(await ((IFirstLoadStore)store).BeginFirstLoadAsync(Portfolios.Key, Token));
        var first = Portfolios.NewCover(1, 100, 2, Portfolios.T0);
        await store.CommitAsync(Portfolios.Key, new PortfolioCommit { CoverVersions = [first], Changes = [Change("NewDecision")] }, Token);
        var again = Portfolios.NewCover(1, 100, 4, Portfolios.T0.AddHours(1));
        await store.CommitAsync(Portfolios.Key, new PortfolioCommit { CoverVersions = [again], Changes = [Change("AmountChanged")] }, Token);
        await ((IFirstLoadStore)store).EndFirstLoadAsync(Portfolios.Key, Token);

        var changes = await store.ReadUndeliveredChangesAsync(Portfolios.Key, 10, Token);
        Assert.Equal(["NewDecision", "AmountChanged"], changes.Select(c => c.Kind));
        Assert.True(changes[0].PreviousVersionPayload.IsEmpty);
        Assert.Equal(Portfolios.Text(first.Payload), Portfolios.Text(changes[1].PreviousVersionPayload));
        Assert.Equal(Portfolios.Text(again.Payload), Portfolios.Text(changes[1].NewVersionPayload));

        static PortfolioChange Change(string kind) => new() { Kind = kind, CoverId = 1, BuyerId = 100, OccurredAt = Portfolios.T0, Payload = Portfolios.Json("{}") };
    }

    [Fact]
    public void The_indexes_a_first_load_builds_are_those_the_schema_steps_create()
    {
        Assert.Equal(
            SqliteSchema.VersionIndexes.Select(index => $"CREATE INDEX {index.Name} ON {index.Table} ({index.Columns})").Order(StringComparer.Ordinal),
            IndexesOfANewFile());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    // Covers 1 to count, each on a buyer of its own.
    private static FakeCoverSource DecidedCovers(int count)
    {
        var source = new FakeCoverSource();
        for (var id = 1; id <= count; id++)
        {
            source.Covers.Add(Covers.Decided(id, 100 + id, 10000 * id));
        }

        return source;
    }

    private List<string> IndexesOfANewFile()
    {
        var path = Path.Combine(folder, "new.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            SqliteSchema.Migrate(connection, 0);
        }

        return IndexDefinitions(path);
    }

    private static List<string> IndexDefinitions(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cover_versions', 'buyer_rating_versions') AND sql IS NOT NULL;";
        using var reader = command.ExecuteReader();
        var definitions = new List<string>();
        while (reader.Read())
        {
            // The steps wrote their statements over several lines; the file keeps them as written.
            definitions.Add(string.Join(' ', reader.GetString(0).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("IF NOT EXISTS ", string.Empty, StringComparison.Ordinal));
        }

        return definitions.Order(StringComparer.Ordinal).ToList();
    }

    private int VersionIndexCount()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cover_versions', 'buyer_rating_versions') AND sql IS NOT NULL;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
