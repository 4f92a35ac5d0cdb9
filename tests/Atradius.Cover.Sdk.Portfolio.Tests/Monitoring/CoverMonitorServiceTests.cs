using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Monitoring;

public sealed class CoverMonitorServiceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-monitor-").FullName;

    internal static IHost BuildHost(FakeCoverSource source, RecordingHandler handler, Action<CoverMonitorBuilder> store, string holder = "test")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var monitor = builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.PortfolioKey = Portfolios.Key;
            o.Interval = TimeSpan.FromMilliseconds(100);
            o.LeaseDuration = TimeSpan.FromSeconds(2);
            o.HolderId = holder;
        });
        monitor.UseSource(source).AddHandler(handler);
        store(monitor);
        return builder.Build();
    }

    [Fact]
    public async Task The_monitor_syncs_on_its_interval_into_sqlite_and_after_a_restart_reports_only_what_changed()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var handler = new RecordingHandler();
        var path = Path.Combine(folder, "monitor.db");

        using (var host = BuildHost(source, handler, m => m.UseSqlite(path)))
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            var monitor = host.Services.GetRequiredService<CoverMonitorService>();
            await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 2, "two syncs ran");
            Assert.True(monitor.Status.IsLeaseHolder);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([CoverChangeKind.NewDecision], handler.KindsFor(1));
        source.Replace(Covers.Decided(1, 100, 70000));
        using (var host = BuildHost(source, handler, m => m.UseSqlite(path)))
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            var monitor = host.Services.GetRequiredService<CoverMonitorService>();
            await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 1, "a sync ran after the restart");
            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([CoverChangeKind.NewDecision, CoverChangeKind.AmountChanged], handler.KindsFor(1));
    }

    [Fact]
    public void Without_a_portfolio_key_or_a_client_customer_the_monitor_refuses_to_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCoverMonitor().UseSource(new FakeCoverSource()).UseInMemoryStore();
        using var host = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services.GetRequiredService<CoverMonitorService>());
        Assert.Contains("PortfolioKey", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
