using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Monitoring;

public sealed class CoverMonitorServiceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-monitor-").FullName;

    /// <summary>
    /// A host running the monitor every tenth of a second. Its lease, renewed in real time, is long beside a busy
    /// machine's pauses (thirty seconds unless told), so that a late renewal does not hand it to another instance.
    /// </summary>
    // A started monitor with no handler of its own, in memory, logging at Debug into logs.
    private static async Task<IHost> StartWithoutHandlerAsync(FakeCoverSource source, FakeLogCollector logs, int chunkSize = 1000)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.PortfolioKey = Portfolios.Key;
            o.Interval = TimeSpan.FromMilliseconds(100);
            o.LeaseDuration = TimeSpan.FromSeconds(30);
            o.HolderId = "test";
            o.ChunkSize = chunkSize;
        }).UseSource(source).UseInMemoryStore();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    internal static IHost BuildHost(FakeCoverSource source, RecordingHandler handler, Action<CoverMonitorBuilder> store, string holder = "test", TimeSpan? leaseDuration = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var monitor = builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.PortfolioKey = Portfolios.Key;
            o.Interval = TimeSpan.FromMilliseconds(100);
            o.LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(30);
            o.HolderId = holder;
        });
        monitor.UseSource(source).AddHandler(handler);
        store(monitor);
        return builder.Build();
    }

    private static CoverMonitorService Monitor(ICoverPortfolioStore store, FakeCoverSource source, string holder, TimeSpan interval, TimeSpan lease) =>
        new(store, source, new RecordingHandler(), new CoverMonitorOptions { PortfolioKey = Portfolios.Key, Interval = interval, LeaseDuration = lease, HolderId = holder });

    [Fact]
    public async Task A_store_down_when_the_monitor_starts_is_tried_again_until_it_is_back()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var store = new KillableStore(new InMemoryCoverPortfolioStore());
        store.Kill();
        var monitor = Monitor(store, source, "a", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        await monitor.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.WaitUntilAsync(() => monitor.Status.LastError is not null, "the monitor met the store down");
        store.Revive();
        try
        {
            await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 1, "a sync ran once the store was back");
        }
        finally
        {
            await monitor.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.False(monitor.ExecuteTask!.IsFaulted);
    }

    // Before, two instances given one holder id (from shared settings or one container image) were one holder to the
    // store: each was granted the lease, each believed it held it, and both synced the portfolio at once.
    [Fact]
    public async Task Two_monitors_configured_with_one_holder_id_sync_the_portfolio_one_at_a_time()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var store = new InMemoryCoverPortfolioStore();
        var one = Monitor(store, source, "one-image", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        var other = Monitor(store, source, "one-image", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));

        await one.StartAsync(TestContext.Current.CancellationToken);
        await other.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Eventually.WaitUntilAsync(() => one.Status.CompletedSyncs + other.Status.CompletedSyncs >= 5, "the holder synced several times");
        }
        finally
        {
            await one.StopAsync(TestContext.Current.CancellationToken);
            await other.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, new[] { one, other }.Count(m => m.Status.CompletedSyncs > 0));
    }

    /// <summary>One store for a holder and a standby, a portfolio of one cover, and the count of the standby's refused asks for the lease.</summary>
    private static (InMemoryCoverPortfolioStore Inner, FakeCoverSource Source, KillableStore StandbyStore, System.Runtime.CompilerServices.StrongBox<int> Refusals) HolderAndStandby()
    {
        var inner = new InMemoryCoverPortfolioStore();
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var refusals = new System.Runtime.CompilerServices.StrongBox<int>();
        var standbyStore = new KillableStore(inner) { LeaseRefused = () => Interlocked.Increment(ref refusals.Value) };
        return (inner, source, standbyStore, refusals);
    }

    [Fact]
    public async Task An_instance_without_the_lease_and_an_interval_of_zero_asks_for_it_every_third_of_its_duration()
    {
        // On a fake clock moved only once the standby waits: counting asks over a second of real time failed on a busy
        // machine, where the first ask could come later than that second.
        var ct = TestContext.Current.CancellationToken;
        var clock = new TimerRecordingClock(DateTimeOffset.UtcNow);
        var inner = new InMemoryCoverPortfolioStore(clock);
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var refusals = 0;
        var standbyStore = new KillableStore(inner) { LeaseRefused = () => Interlocked.Increment(ref refusals) };
        var lease = TimeSpan.FromSeconds(3);
        var third = TimeSpan.FromSeconds(1);
        var standby = new CoverMonitorService(standbyStore, source, new RecordingHandler(), new CoverMonitorOptions { PortfolioKey = Portfolios.Key, Interval = TimeSpan.Zero, LeaseDuration = lease, HolderId = "b" }, timeProvider: clock);
        Assert.NotNull(await inner.TryAcquireLeaseAsync(standby.LeaseResource, "a", TimeSpan.FromDays(1), ct));

        await standby.StartAsync(ct);
        try
        {
            // Each ask is followed by a wait of a third of the lease before the next one, not a loop.
            for (var asks = 1; asks <= 3; asks++)
            {
                await clock.WaitForTimersAsync(third, asks);
                Assert.Equal(asks, Volatile.Read(ref refusals));
                clock.Advance(third);
            }

            await Eventually.WaitUntilAsync(() => Volatile.Read(ref refusals) >= 4, "the standby asked again after its wait");
        }
        finally
        {
            await standby.StopAsync(ct);
        }

        Assert.All(clock.Timers, t => Assert.Equal(third, t));
        Assert.Equal(0, standby.Status.CompletedSyncs);
    }

    [Fact]
    public async Task A_holder_whose_sync_fails_at_once_with_an_interval_of_zero_tries_again_after_a_third_of_the_lease_not_in_a_loop()
    {
        // Before, a sync that failed at once (a wrong secret, a handler that throws) ran again at once, for ever.
        var ct = TestContext.Current.CancellationToken;
        var clock = new TimerRecordingClock(DateTimeOffset.UtcNow);
        var source = new FakeCoverSource { BeforeCover = _ => throw new HttpRequestException("the service refused the credentials") };
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var third = TimeSpan.FromMinutes(1);
        var monitor = new CoverMonitorService(new InMemoryCoverPortfolioStore(clock), source, new RecordingHandler(), new CoverMonitorOptions { PortfolioKey = Portfolios.Key, Interval = TimeSpan.Zero, LeaseDuration = 3 * third, HolderId = "a" }, timeProvider: clock);

        await monitor.StartAsync(ct);
        try
        {
            // The lease holder's renewal and the monitor's pause after the failure: two waits of a third of the lease.
            await clock.WaitForTimersAsync(third, 2);
            Assert.Single(source.CoverQueries);
            Assert.IsType<HttpRequestException>(monitor.Status.LastError);

            clock.Advance(third);
            await Eventually.WaitUntilAsync(() => source.CoverQueries.Count == 2, "the sync was tried again after the pause");
        }
        finally
        {
            await monitor.StopAsync(ct);
        }
    }

    // Before, the error stayed in the status of an instance without the lease for as long as it ran: no sync came to
    // clear it, and a health check reported a healthy standby failing after one moment the store was away.
    [Fact]
    public async Task A_standby_reports_no_error_once_the_store_it_could_not_reach_answers_again()
    {
        var (inner, source, standbyStore, refusals) = HolderAndStandby();
        var standby = Monitor(standbyStore, source, "b", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1.5));

        // The other instance holds the lease for the whole test: one renewing a lease of a second and a half in real
        // time could miss a renewal on a busy machine and hand the standby the lease.
        Assert.NotNull(await inner.TryAcquireLeaseAsync(standby.LeaseResource, "a", TimeSpan.FromDays(1), TestContext.Current.CancellationToken));
        try
        {
            await standby.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.WaitUntilAsync(() => Volatile.Read(ref refusals.Value) >= 1, "the standby was refused the lease");

            standbyStore.Kill();
            await Eventually.WaitUntilAsync(() => standby.Status.LastError is not null, "the standby met the store away");
            var refusedBefore = Volatile.Read(ref refusals.Value);
            standbyStore.Revive();
            // Two answers: the status is updated after the first, before the second is asked for.
            await Eventually.WaitUntilAsync(() => Volatile.Read(ref refusals.Value) > refusedBefore + 1, "the store answered the standby again");

            Assert.Null(standby.Status.LastError);
            Assert.False(standby.Status.IsLeaseHolder);
            Assert.Equal(0, standby.Status.CompletedSyncs);
        }
        finally
        {
            await standby.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task One_failed_renewal_during_a_sync_lets_the_sync_finish_without_starting_it_again()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 101, 60000));
        // On a fake clock moved only once the lease holder waits for its next renewal: a lease of a second and a half
        // renewed in real time could lapse on a busy machine after the failed renewal, and the sync start again.
        var clock = new TimerRecordingClock(DateTimeOffset.UtcNow);
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock));
        var renewedAfterTheFailure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.BeforeCover = async n =>
        {
            if (n == 2)
            {
                // The sync is half way when the store fails one renewal; it waits for the next one to succeed.
                store.FailNextRenewal = true;
                store.LeaseRenewed = renewed =>
                {
                    if (renewed is not null)
                    {
                        renewedAfterTheFailure.TrySetResult();
                    }
                };
                await renewedAfterTheFailure.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        };
        var lease = TimeSpan.FromSeconds(1.5);
        var third = TimeSpan.FromTicks(lease.Ticks / 3);
        var monitor = new CoverMonitorService(store, source, new RecordingHandler(), new CoverMonitorOptions { PortfolioKey = Portfolios.Key, Interval = TimeSpan.FromMinutes(5), LeaseDuration = lease, HolderId = "a" }, timeProvider: clock);

        await monitor.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            // Each step a tick past a third of the lease, so that no renewal's own time limit is ever as long as the
            // wait before a renewal and taken for it.
            for (var waits = 1; monitor.Status.CompletedSyncs < 1; waits++)
            {
                await clock.WaitForTimersAsync(third, waits);
                clock.Advance(third + TimeSpan.FromTicks(1));
            }
        }
        finally
        {
            await monitor.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Single(source.CoverQueries);
        Assert.Equal(2, monitor.Status.LastResult!.CoversRead);
    }

    [Fact]
    public async Task A_sync_stopped_because_another_instance_took_the_lease_over_is_not_reported_as_a_failed_sync()
    {
        // Before, the status showed the cancellation as the last error, and the log a failed sync, on an instance that
        // was only a standby from then on.
        var ct = TestContext.Current.CancellationToken;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var inner = new InMemoryCoverPortfolioStore(clock);
        var standby = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new KillableStore(inner) { LeaseRefused = () => standby.TrySetResult() };
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 101, 60000));
        var monitor = Monitor(store, source, "a", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1.5));
        source.BeforeCover = async n =>
        {
            if (n == 2)
            {
                // Another instance takes the portfolio over half way; the next renewal finds it, and the read is
                // cancelled with the lease, as an HTTP read is.
                clock.Advance(TimeSpan.FromMinutes(2));
                Assert.NotNull(await inner.TryAcquireLeaseAsync(monitor.LeaseResource, "b", TimeSpan.FromMinutes(1), ct));
                await Eventually.WaitUntilAsync(() => !monitor.Status.IsLeaseHolder, "the renewal found the lease taken");
                throw new OperationCanceledException("The read was cancelled with the lease.");
            }
        };

        await monitor.StartAsync(ct);
        try
        {
            await standby.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            await monitor.StopAsync(ct);
        }

        Assert.Null(monitor.Status.LastError);
        Assert.False(monitor.Status.IsLeaseHolder);
        Assert.Equal(0, monitor.Status.CompletedSyncs);
    }

    [Fact]
    public async Task A_monitor_paused_past_its_lease_has_its_commit_refused_once_another_instance_took_over_and_counts_the_lease_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var inner = new InMemoryCoverPortfolioStore(clock);
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new KillableStore(inner)
        {
            BeforeCommit = async commit =>
            {
                if (commit.CoverVersions.Count > 0)
                {
                    paused.TrySetResult();
                    await resume.Task;
                }
            },
        };
        var monitor = Monitor(store, source, "a", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));

        await monitor.StartAsync(ct);
        try
        {
            await paused.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

            // The store's clock runs past the paused instance's lease, and another instance takes the portfolio over.
            clock.Advance(TimeSpan.FromMinutes(2));
            Assert.NotNull(await inner.TryAcquireLeaseAsync(monitor.LeaseResource, "b", TimeSpan.FromMinutes(1), ct));
            resume.SetResult();
            await Eventually.WaitUntilAsync(() => monitor.Status.LastError is PortfolioLeaseLostException, "the refused commit reached the monitor");
            Assert.False(monitor.Status.IsLeaseHolder);
            Assert.Equal(0, monitor.Status.CompletedSyncs);
        }
        finally
        {
            await monitor.StopAsync(ct);
        }

        Assert.Empty(await inner.ReadLatestCoverFingerprintsAsync(Portfolios.Key, ct).ToListAsync());
        Assert.Null(await inner.GetSyncStateAsync(Portfolios.Key, ct));
        Assert.Null(await inner.TryAcquireLeaseAsync(monitor.LeaseResource, "c", TimeSpan.FromMinutes(1), ct));
    }

    [Fact]
    public void Registering_the_monitor_twice_runs_one_monitor_with_both_calls_options()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAtradiusCoverMonitor(o => o.PortfolioKey = Portfolios.Key).UseSource(new FakeCoverSource()).UseStore(_ => new InMemoryCoverPortfolioStore());
        builder.Services.AddAtradiusCoverMonitor(o => o.Interval = TimeSpan.FromMinutes(7));
        using var host = builder.Build();

        var monitor = Assert.Single(host.Services.GetServices<IHostedService>().OfType<CoverMonitorService>());
        Assert.Same(host.Services.GetRequiredService<CoverMonitorService>(), monitor);
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CoverMonitorOptions>>().Value;
        Assert.Equal((Portfolios.Key, TimeSpan.FromMinutes(7)), (options.PortfolioKey, options.Interval));
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

    // Before, the instance was registered twice and each change was handed to it twice, where a handler type added
    // twice (AddHandler<T>) was registered once.
    [Fact]
    public async Task A_handler_instance_added_twice_receives_each_change_once()
    {
        var source = new FakeCoverSource();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var handler = new RecordingHandler();
        var other = new RecordingHandler();
        using var host = BuildHost(source, handler, m => m.UseInMemoryStore().AddHandler(handler).AddHandler(other));

        await MonitorHost.RunFirstSyncAsync(host);

        Assert.Equal([CoverChangeKind.NewDecision], handler.KindsFor(1));
        Assert.Equal([CoverChangeKind.NewDecision], other.KindsFor(1));
        Assert.Equal(2, host.Services.GetServices<ICoverChangeHandler>().Count());
    }

    // Before, a monitor without a handler logged each cover of its first sync at Information: a portfolio of 100,000
    // covers wrote 100,000 lines of business data.
    [Fact]
    public async Task Without_a_handler_a_first_sync_logs_its_covers_at_debug_with_one_information_line_counting_them_and_a_later_change_at_information()
    {
        const int CoverCount = 200;
        var source = new FakeCoverSource();
        for (long id = 1; id <= CoverCount; id++)
        {
            source.Covers.Add(Covers.Decided(id, 100000 + id, 10000));
        }

        var logs = new FakeLogCollector();
        using var host = await StartWithoutHandlerAsync(source, logs);
        var monitor = host.Services.GetRequiredService<CoverMonitorService>();
        await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 1, "the first sync ran");
        await Eventually.WaitUntilAsync(() => logs.GetSnapshot().Any(r => r.Id.Name == "InitialLoadLogged"), "the first sync's covers were counted");

        var first = logs.GetSnapshot();
        Assert.Equal(CoverCount, first.Count(r => r.Id.Name == "CoverChange" && r.Level == LogLevel.Debug));
        Assert.DoesNotContain(first, r => r.Id.Name == "CoverChange" && r.Level >= LogLevel.Information);
        var counted = Assert.Single(first, r => r.Id.Name == "InitialLoadLogged");
        Assert.Equal(LogLevel.Information, counted.Level);
        Assert.Equal(5007, counted.Id.Id);
        Assert.Contains(CoverCount + " covers", counted.Message, StringComparison.Ordinal);
        Assert.Contains(Portfolios.Key, counted.Message, StringComparison.Ordinal);

        source.Replace(Covers.Decided(7, 100007, 20000));
        await Eventually.WaitUntilAsync(() => logs.GetSnapshot().Any(r => r.Id.Name == "CoverChange" && r.Level == LogLevel.Information), "the change was logged");
        await host.StopAsync(TestContext.Current.CancellationToken);

        var change = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "CoverChange" && r.Level == LogLevel.Information);
        Assert.Equal(5005, change.Id.Id);
        Assert.Contains("cover 7,", change.Message, StringComparison.Ordinal);
        Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "InitialLoadLogged");
    }

    // Before, a first sync that broke off part way logged that it "found" the covers it had handed over, as if they
    // were the whole portfolio.
    [Fact]
    public async Task Without_a_handler_a_first_sync_that_breaks_off_says_it_stopped_and_the_next_one_counts_the_rest()
    {
        const int CoverCount = 60;
        var source = new FakeCoverSource();
        for (long id = 1; id <= CoverCount; id++)
        {
            source.Covers.Add(Covers.Decided(id, 100000 + id, 10000));
        }

        var broken = 1;
        source.BeforeCover = n => n == 35 && Interlocked.Exchange(ref broken, 0) == 1 ? throw new IOException("The connection was reset.") : Task.CompletedTask;
        var logs = new FakeLogCollector();
        using var host = await StartWithoutHandlerAsync(source, logs, chunkSize: 10);
        var monitor = host.Services.GetRequiredService<CoverMonitorService>();
        await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 1, "a sync completed after the failed one");
        await Eventually.WaitUntilAsync(() => logs.GetSnapshot().Any(r => r.Id.Name == "InitialLoadLogged"), "the rest was counted");
        await host.StopAsync(TestContext.Current.CancellationToken);

        var records = logs.GetSnapshot();
        var stopped = Assert.Single(records, r => r.Id.Name == "InitialLoadStopped");
        Assert.Equal(5008, stopped.Id.Id);
        Assert.Equal(LogLevel.Information, stopped.Level);
        var logged = Assert.Single(records, r => r.Id.Name == "InitialLoadLogged");
        var before = records.TakeWhile(r => r != stopped).Count(r => r.Id.Name == "CoverChange");
        Assert.InRange(before, 1, 34);
        Assert.Contains("after " + before + " covers", stopped.Message, StringComparison.Ordinal);
        Assert.Contains((CoverCount - before) + " covers", logged.Message, StringComparison.Ordinal);
        Assert.Equal(CoverCount, records.Count(r => r.Id.Name == "CoverChange" && r.Level == LogLevel.Debug));
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

    // Before, the store refused it as "databasePath", an argument the monitor's user never set.
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_blank_sqlite_path_is_refused_at_start_naming_the_setting(string path)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.PortfolioKey = Portfolios.Key;
            o.SqlitePath = path;
        }).UseSource(new FakeCoverSource());
        using var host = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services.GetRequiredService<CoverMonitorService>());
        Assert.Contains("CoverMonitorOptions.SqlitePath", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
