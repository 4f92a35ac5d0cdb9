using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Monitoring;

/// <summary>What a host's registration of the monitor gives it: handlers in a scope per sync, its file, its settings.</summary>
public sealed class MonitorRegistrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-registration-").FullName;

    // Before, AddHandler<T> made a singleton: a handler taking a DbContext failed the host's scope validation, or held one
    // context for the life of the process.
    [Fact]
    public async Task A_handler_type_is_resolved_in_a_scope_of_each_sync_and_may_take_scoped_services()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var log = new UnitOfWorkLog();
        var builder = Builder();
        builder.Services.AddSingleton(log);
        builder.Services.AddScoped<UnitOfWork>();
        builder.Services.AddAtradiusCoverMonitor(Configure).UseSource(source).UseInMemoryStore().AddHandler<UnitOfWorkHandler>();
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        var monitor = host.Services.GetRequiredService<CoverMonitorService>();
        await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 1, "the first sync ran");
        source.Replace(Covers.Decided(1, 100, 60000));
        var before = monitor.Status.CompletedSyncs;
        await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= before + 2, "two more syncs ran");
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Null(monitor.Status.LastError);
        Assert.Equal([CoverChangeKind.NewDecision, CoverChangeKind.AmountChanged], log.Handled.Select(h => h.Kind));
        // Each change of its own sync, each sync's unit of work its own and released when the sync ended.
        Assert.Equal(2, log.Handled.Select(h => h.UnitOfWork).Distinct().Count());
        Assert.All(log.Handled, h => Assert.True(h.UnitOfWork.Disposed));
    }

    [Fact]
    public async Task A_scoped_service_that_fails_as_it_is_released_is_a_failed_sync_not_a_stopped_host()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var builder = Builder();
        builder.Services.AddSingleton(new UnitOfWorkLog());
        builder.Services.AddScoped<UnitOfWork>(_ => new UnitOfWork { FailOnDispose = true });
        builder.Services.AddAtradiusCoverMonitor(Configure).UseSource(source).UseInMemoryStore().AddHandler<UnitOfWorkHandler>();
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        var monitor = host.Services.GetRequiredService<CoverMonitorService>();
        Exception? failure = null;
        await Eventually.WaitUntilAsync(() => (failure = monitor.Status.LastError) is not null, "the release failed");
        await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 2, "the monitor synced again");
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.IsType<InvalidOperationException>(failure);
        Assert.False(monitor.ExecuteTask!.IsFaulted);
    }

    // Before, the file was opened in the working folder, which a service manager sets elsewhere: a new empty database,
    // and the whole portfolio reported again as new.
    [Fact]
    public async Task A_relative_sqlite_path_is_taken_from_the_hosts_content_root()
    {
        var builder = Builder(contentRoot: folder);
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            Configure(o);
            o.SqlitePath = "portfolio.db";
        }).UseSource(new FakeCoverSource());
        using (var host = builder.Build())
        {
            await host.Services.GetRequiredService<ICoverPortfolioStore>().InitializeAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(Path.Combine(folder, "portfolio.db")));
    }

    // Before, the scheduler's registration made the store from the path as written: the monitor, registered after it,
    // found that store and kept the portfolio in the working folder (System32 for a Windows service).
    [Fact]
    public async Task A_relative_sqlite_path_is_taken_from_the_hosts_content_root_when_the_report_scheduler_is_registered_first()
    {
        var file = Path.GetFileName(folder) + ".db";
        var builder = Builder(contentRoot: folder);
        builder.Services.AddAtradiusCoverReportScheduler(_ => { });
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            Configure(o);
            o.SqlitePath = file;
        }).UseSource(new FakeCoverSource());
        try
        {
            using (var host = builder.Build())
            {
                await host.Services.GetRequiredService<ICoverPortfolioStore>().InitializeAsync(TestContext.Current.CancellationToken);
            }

            Assert.True(File.Exists(Path.Combine(folder, file)));
            Assert.False(File.Exists(Path.GetFullPath(file)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(Path.GetFullPath(file));
        }
    }

    [Fact]
    public async Task The_sync_settings_of_the_monitor_reach_its_sync()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Applications.Add(Covers.Referred(2, 200, 80000));
        source.Buyers.Add(CoverModelFactory.Buyer(100, rating: 40));
        var log = new UnitOfWorkLog();
        var ratingsRead = 0;
        source.BeforeBuyer = _ =>
        {
            Interlocked.Increment(ref ratingsRead);
            return Task.CompletedTask;
        };
        var builder = Builder();
        builder.Services.AddSingleton(log);
        builder.Services.AddScoped<UnitOfWork>();
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            Configure(o);
            o.IncludeBuyerRatings = false;
            o.IncludeApplications = false;
        }).UseSource(source).UseInMemoryStore().AddHandler<UnitOfWorkHandler>();
        using var host = builder.Build();

        var monitor = await MonitorHost.RunFirstSyncAsync(host);

        Assert.Null(monitor.Status.LastError);
        Assert.Equal(1, monitor.Status.CompletedSyncs);
        Assert.Equal(0, ratingsRead);
        // The referred application is listed only by the applications list, which the monitor was told not to read.
        Assert.Equal([CoverChangeKind.NewDecision], log.Handled.Select(h => h.Kind));
    }

    // Before, an interval a timer cannot wait was an ArgumentOutOfRangeException from wherever the monitor was first
    // resolved, while other bad settings were an OptionsValidationException: a host reporting the one crashed on the other.
    [Theory]
    [InlineData("Interval")]
    [InlineData("ChunkSize")]
    [InlineData("ChangedSinceOverlap")]
    public async Task A_setting_that_cannot_work_stops_the_host_at_start_naming_it(string setting)
    {
        var builder = Builder();
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            Configure(o);
            switch (setting)
            {
                case "Interval":
                    o.Interval = TimeSpan.FromDays(60);
                    break;
                case "ChunkSize":
                    o.ChunkSize = 0;
                    break;
                default:
                    o.ChangedSinceOverlap = TimeSpan.FromDays(-1);
                    break;
            }
        }).UseSource(new FakeCoverSource()).UseInMemoryStore();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("CoverMonitorOptions." + setting, error.Message, StringComparison.Ordinal);
    }

    // Before, a broker registering a monitor per customer got one monitor on the last customer, and the first was
    // never watched, without a word.
    [Theory]
    [InlineData("PortfolioKey")]
    [InlineData("CustomerId")]
    [InlineData("PolicyId")]
    public async Task Two_registrations_for_different_portfolios_stop_the_host_at_start(string setting)
    {
        var builder = Builder();
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            Configure(o);
            o.CustomerId = 200418;
            o.PolicyId = "5012346";
        }).UseSource(new FakeCoverSource()).UseInMemoryStore();
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            switch (setting)
            {
                case "PortfolioKey":
                    o.PortfolioKey = "200419/5012399";
                    break;
                case "CustomerId":
                    o.CustomerId = 200419;
                    break;
                default:
                    o.PolicyId = "5012399";
                    break;
            }
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("two portfolios", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registration_may_override_the_portfolio_a_configuration_section_named()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var builder = Builder();
        builder.Services.Configure<CoverMonitorOptions>(o => o.PortfolioKey = "from-configuration");
        builder.Services.AddAtradiusCoverMonitor(Configure).UseSource(source).UseInMemoryStore();
        using var host = builder.Build();

        var monitor = await MonitorHost.RunFirstSyncAsync(host);

        Assert.Null(monitor.Status.LastError);
        Assert.Equal("portfolio-sync/" + Portfolios.Key, monitor.LeaseResource);
    }

    [Fact]
    public async Task A_second_registration_that_only_adds_settings_keeps_the_one_monitor()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var builder = Builder();
        builder.Services.AddAtradiusCoverMonitor(Configure).UseSource(source).UseInMemoryStore();
        builder.Services.AddAtradiusCoverMonitor(o => o.IncludeApplications = false);
        using var host = builder.Build();

        var monitor = await MonitorHost.RunFirstSyncAsync(host);

        Assert.Null(monitor.Status.LastError);
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<CoverMonitorService>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static void Configure(CoverMonitorOptions options)
    {
        options.PortfolioKey = Portfolios.Key;
        options.Interval = TimeSpan.FromMilliseconds(100);
        options.LeaseDuration = TimeSpan.FromSeconds(30);
        options.HolderId = "test";
    }

    // Development: the container checks that no singleton takes a scoped service.
    private static HostApplicationBuilder Builder(string? contentRoot = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, ContentRootPath = contentRoot });
        builder.Logging.ClearProviders();
        return builder;
    }

    internal sealed class UnitOfWork : IDisposable
    {
        public bool Disposed { get; private set; }

        public bool FailOnDispose { get; init; }

        public void Dispose()
        {
            Disposed = true;
            if (FailOnDispose)
            {
                throw new InvalidOperationException("The unit of work could not be released.");
            }
        }
    }

    internal sealed class UnitOfWorkLog
    {
        public List<(CoverChangeKind Kind, UnitOfWork UnitOfWork)> Handled { get; } = [];
    }

    internal sealed class UnitOfWorkHandler(UnitOfWork unitOfWork, UnitOfWorkLog log) : ICoverChangeHandler
    {
        public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken)
        {
            Assert.False(unitOfWork.Disposed);
            lock (log)
            {
                log.Handled.Add((change.Kind, unitOfWork));
            }

            return Task.CompletedTask;
        }
    }
}
