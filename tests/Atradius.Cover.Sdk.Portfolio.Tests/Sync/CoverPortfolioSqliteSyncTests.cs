using Atradius.Cover.Sdk.Portfolio.Tests.Support;

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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
