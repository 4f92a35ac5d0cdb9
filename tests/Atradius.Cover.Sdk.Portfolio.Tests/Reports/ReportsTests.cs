using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Reports;

public sealed class ReportsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-reports-").FullName;

    [Fact]
    public async Task A_report_with_buyer_sections_reads_buyers_in_one_list_request_not_one_per_buyer()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync(o => o.GeneratedCoverCount = 200);
        await portfolio.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var before = portfolio.Sandbox.Statistics.Requests - portfolio.Sandbox.Statistics.TokenRequests;

        var report = await portfolio.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByRatingClass | CoverReportSections.ByCurrency },
            TestContext.Current.CancellationToken);

        var requests = portfolio.Sandbox.Statistics.Requests - portfolio.Sandbox.Statistics.TokenRequests - before;
        Assert.True(report.CoverCount > 100);
        Assert.InRange(requests, 1, 3);
        Assert.Contains(report.ByRatingClass, r => r.Key != "(unknown)");
        Assert.Equal(report.ByCurrency.Sum(r => r.TotalCover), report.ByRatingClass.Sum(r => r.TotalCover));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+31 20", "'+31 20")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Tulip Trading", "Tulip Trading")]
    [InlineData(" =1+2", "' =1+2")]
    [InlineData("  @SUM(A1)", "'  @SUM(A1)")]
    [InlineData("\n=1+2", "\"'\n=1+2\"")]
    [InlineData("\u00A0=1+2", "'\u00A0=1+2")]
    [InlineData(" Tulip Trading", "\" Tulip Trading\"")]
    public void Csv_cells_that_would_run_as_formulas_are_neutralised(string value, string written) =>
        Assert.Equal(written, CoverReportCsvWriter.Escape(value));

    [Fact]
    public async Task The_scheduler_writes_a_due_report_and_records_the_run_so_it_is_not_produced_again_before_its_interval()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var store = new InMemoryCoverPortfolioStore();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule
        {
            Definition = new CoverReportDefinition { Name = "weekly" },
            Interval = TimeSpan.FromDays(7),
            Formats = CoverReportFormats.Markdown | CoverReportFormats.CsvLong,
            OutputDirectory = folder,
        });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options, clock);

        Assert.Equal(["weekly"], await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromDays(6));
        Assert.Empty(await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["weekly"], await scheduler.RunDueAsync(TestContext.Current.CancellationToken));

        Assert.True(File.Exists(Path.Combine(folder, "weekly.md")));
        Assert.True(File.Exists(Path.Combine(folder, "weekly.csv")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        var run = await store.GetReportRunAsync("weekly", TestContext.Current.CancellationToken);
        Assert.Equal(clock.GetUtcNow(), run!.LastRunAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_schedule_meant_to_run_once_is_produced_once()
    {
        // Before, an Interval of TimeSpan.MaxValue passed the checks and then failed every run, past the calendar.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var store = new InMemoryCoverPortfolioStore();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "once" }, Interval = TimeSpan.MaxValue, Formats = CoverReportFormats.Json, OutputDirectory = folder });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options, clock);

        Assert.Equal(["once"], await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromDays(3650));
        Assert.Empty(await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(folder, "once.json")));
    }

    [Fact]
    public async Task A_scheduled_report_that_fails_is_logged_with_its_name()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var blocked = Path.Combine(folder, "blocked");
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "weekly-eur" }, Formats = CoverReportFormats.Json, OutputDirectory = blocked });
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, Formats = CoverReportFormats.Json, OutputDirectory = folder });
        var logger = new FakeLogger<CoverReportSchedulerService>();
        var scheduler = new CoverReportSchedulerService(portfolio.Client, new InMemoryCoverPortfolioStore(), options, logger: logger);
        // A file put where the folder is to be made, after the scheduler checked the settings.
        await File.WriteAllTextAsync(blocked, "not a folder", TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<IOException>(() => scheduler.RunDueAsync(TestContext.Current.CancellationToken));

        var failed = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 5102);
        Assert.Equal("weekly-eur", failed.GetStructuredStateValue("ReportName"));
        Assert.Contains("weekly-eur", failed.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(failed.Exception);
        Assert.True(File.Exists(Path.Combine(folder, "daily.json")));
    }

    [Fact]
    public async Task A_relative_output_folder_of_a_registered_scheduler_is_taken_from_the_hosts_content_root()
    {
        // Before, it was taken from the working folder: a worker run as a Windows service wrote its reports in System32.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { ContentRootPath = folder });
        builder.Services.AddSingleton<ICoverClient>(portfolio.Client);
        builder.Services.AddSingleton<ICoverPortfolioStore>(new InMemoryCoverPortfolioStore());
        var relative = "reports-" + Guid.NewGuid().ToString("N");
        builder.Services.AddAtradiusCoverReportScheduler(o => o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, Formats = CoverReportFormats.Markdown, OutputDirectory = relative }));
        using var host = builder.Build();

        try
        {
            await host.Services.GetRequiredService<CoverReportSchedulerService>().RunDueAsync(TestContext.Current.CancellationToken);

            Assert.True(File.Exists(Path.Combine(folder, relative, "daily.md")));
            Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, relative)));
        }
        finally
        {
            if (Directory.Exists(Path.Combine(Environment.CurrentDirectory, relative)))
            {
                Directory.Delete(Path.Combine(Environment.CurrentDirectory, relative), recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_daily_report_keeps_its_time_of_day_however_late_the_check_that_runs_it_comes()
    {
        // Before, each run was recorded when its check came, up to a check interval late, and the next was due a day
        // after that: the lateness added up, and a report first made at 06:00 came at a quarter past after a month.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, Interval = TimeSpan.FromDays(1), OutputDirectory = folder });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options, clock);
        var first = clock.GetUtcNow();
        Assert.Equal(["daily"], await scheduler.RunDueAsync(ct));

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(50));
        for (var day = 1; day <= 3; day++)
        {
            Assert.Equal(["daily"], await scheduler.RunDueAsync(ct));
            Assert.Equal(first.AddDays(day), (await store.GetReportRunAsync("daily", ct))!.LastRunAt, TimeSpan.FromMilliseconds(1));
            clock.Advance(TimeSpan.FromDays(1));
        }

        // After a gap longer than the interval (a host that was down), the run counts from when it came.
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(["daily"], await scheduler.RunDueAsync(ct));
        Assert.Equal(clock.GetUtcNow(), (await store.GetReportRunAsync("daily", ct))!.LastRunAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_scheduled_report_without_a_period_reports_the_changes_since_the_run_before()
    {
        // Before, every run reported the report's default period, the last seven days: a daily report listed each
        // change seven days running.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, Formats = CoverReportFormats.Json, OutputDirectory = folder });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, new InMemoryCoverPortfolioStore(), options, clock);
        var first = clock.GetUtcNow();

        Assert.Equal(["daily"], await scheduler.RunDueAsync(ct));
        Assert.Equal((StartOfDay(first.AddDays(-1)), first), Period());

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(50));
        Assert.Equal(["daily"], await scheduler.RunDueAsync(ct));
        Assert.Equal((StartOfDay(first), clock.GetUtcNow()), Period());

        // A host down for three days reports them all at its next run.
        var last = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(["daily"], await scheduler.RunDueAsync(ct));
        Assert.Equal((StartOfDay(last), clock.GetUtcNow()), Period());

        static DateTimeOffset StartOfDay(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);

        (DateTimeOffset, DateTimeOffset) Period()
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "daily.json")));
            return (json.RootElement.GetProperty("periodStart").GetDateTimeOffset(), json.RootElement.GetProperty("periodEnd").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task A_scheduled_report_with_a_period_of_its_own_keeps_it()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var since = clock.GetUtcNow().AddDays(-30);
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "month", PeriodStart = since }, Formats = CoverReportFormats.Json, OutputDirectory = folder });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, new InMemoryCoverPortfolioStore(), options, clock);

        Assert.Equal(["month"], await scheduler.RunDueAsync(ct));

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "month.json")));
        Assert.Equal(since, json.RootElement.GetProperty("periodStart").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_report_whose_file_cannot_be_moved_into_place_leaves_no_temporary_file_behind()
    {
        // Before, every failed check left a weekly.md.tmp beside the report, and a folder that others read filled with them.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.Combine(folder, "weekly.md"));
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "weekly" }, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        var store = new InMemoryCoverPortfolioStore();
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options);

        await Assert.ThrowsAnyAsync<IOException>(() => scheduler.RunDueAsync(ct));

        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.Null(await store.GetReportRunAsync("weekly", ct));
    }

    /// <summary>A scheduler of report "weekly" in JSON, Markdown and HTML (written in that order) that has run once.</summary>
    private async Task<CoverReportSchedulerService> WeeklyJsonMarkdownAndHtmlAfterOneRunAsync(SandboxPortfolio portfolio, FakeTimeProvider clock)
    {
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule
        {
            Definition = new CoverReportDefinition { Name = "weekly" },
            Formats = CoverReportFormats.Json | CoverReportFormats.Markdown | CoverReportFormats.Html,
            OutputDirectory = folder,
            Interval = TimeSpan.FromDays(7),
        });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, new InMemoryCoverPortfolioStore(), options, clock);
        Assert.Equal(["weekly"], await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
        return scheduler;
    }

    [Fact]
    public async Task A_report_whose_third_file_fails_replaces_none_of_the_files_of_the_run_before()
    {
        // Before, the files written before the failed one were already in place: a reader saw files of two runs.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var scheduler = await WeeklyJsonMarkdownAndHtmlAfterOneRunAsync(portfolio, clock);
        await File.WriteAllTextAsync(Path.Combine(folder, "weekly.json"), "the run before", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "weekly.md"), "the run before", ct);

        // The HTML file, written last, cannot be written: something else holds its temporary name.
        Directory.CreateDirectory(Path.Combine(folder, "weekly.html.tmp"));
        clock.Advance(TimeSpan.FromDays(7));
        await Assert.ThrowsAnyAsync<Exception>(() => scheduler.RunDueAsync(ct));

        Assert.Equal("the run before", await File.ReadAllTextAsync(Path.Combine(folder, "weekly.json"), ct));
        Assert.Equal("the run before", await File.ReadAllTextAsync(Path.Combine(folder, "weekly.md"), ct));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public async Task A_report_whose_third_file_cannot_be_moved_into_place_puts_the_files_of_the_run_before_back()
    {
        // Before, the files moved before the failed one stayed: a reader saw files of two runs, at every check again.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var scheduler = await WeeklyJsonMarkdownAndHtmlAfterOneRunAsync(portfolio, clock);
        await File.WriteAllTextAsync(Path.Combine(folder, "weekly.json"), "the run before", ct);
        File.Delete(Path.Combine(folder, "weekly.md"));

        // The HTML file, moved last, cannot take its place: a folder of that name is in the way.
        File.Delete(Path.Combine(folder, "weekly.html"));
        Directory.CreateDirectory(Path.Combine(folder, "weekly.html"));
        clock.Advance(TimeSpan.FromDays(7));
        await Assert.ThrowsAnyAsync<Exception>(() => scheduler.RunDueAsync(ct));

        Assert.Equal("the run before", await File.ReadAllTextAsync(Path.Combine(folder, "weekly.json"), ct));
        Assert.False(File.Exists(Path.Combine(folder, "weekly.md")), "a file the run before did not have was left in place");
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.Empty(Directory.GetFiles(folder, "*.previous"));
    }

    [Fact]
    public async Task A_report_file_whose_writing_is_cancelled_leaves_no_temporary_file_behind()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var path = Path.Combine(folder, "weekly.md");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CoverReportSchedulerService.WriteTemporaryAsync(path + ".tmp", (stream, ct) => stream.WriteAsync("# weekly"u8.ToArray(), ct).AsTask(), cancelled.Token));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task A_scheduler_paused_past_its_lease_on_a_report_does_not_record_the_run_once_another_instance_took_the_report_over()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var storeClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var inner = new InMemoryCoverPortfolioStore(storeClock);
        var store = new KillableStore(inner)
        {
            BeforeSaveReportRun = async () =>
            {
                // Paused between writing the files and recording the run, past its lease; another instance takes over.
                storeClock.Advance(TimeSpan.FromMinutes(5));
                Assert.NotNull(await inner.TryAcquireLeaseAsync("report/weekly", "other-instance", TimeSpan.FromMinutes(2), ct));
            },
        };
        var options = new CoverReportSchedulerOptions { HolderId = "this-instance" };
        options.Schedules.Add(new CoverReportSchedule
        {
            Definition = new CoverReportDefinition { Name = "weekly" },
            Interval = TimeSpan.FromDays(7),
            Formats = CoverReportFormats.Markdown,
            OutputDirectory = folder,
        });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options, new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.Empty(await scheduler.RunDueAsync(ct));

        Assert.Null(await inner.GetReportRunAsync("weekly", ct));
        Assert.Null(await inner.TryAcquireLeaseAsync("report/weekly", "third-instance", TimeSpan.FromMinutes(2), ct));
    }

    [Fact]
    public async Task A_scheduler_that_lost_its_lease_while_producing_a_report_leaves_the_files_of_the_instance_that_took_it_over()
    {
        // Before, the files were put in place before the run record was refused: the paused instance's report replaced
        // the one the instance that took the report over had written meanwhile.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var storeClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryCoverPortfolioStore(storeClock);
        var takenOver = 0;
        var options = new CoverReportSchedulerOptions { HolderId = "this-instance" };
        options.Schedules.Add(new CoverReportSchedule
        {
            Definition = new CoverReportDefinition
            {
                Name = "weekly",
                Sections = CoverReportSections.ByRatingClass,
                BuyerLookup = async (_, token) =>
                {
                    if (Interlocked.Exchange(ref takenOver, 1) == 0)
                    {
                        // Paused past its lease while the report is produced; another instance takes over and places its files.
                        storeClock.Advance(TimeSpan.FromMinutes(5));
                        Assert.NotNull(await store.TryAcquireLeaseAsync("report/weekly", "other-instance", TimeSpan.FromMinutes(2), token));
                        await File.WriteAllTextAsync(Path.Combine(folder, "weekly.md"), "the other instance's report", token);
                    }

                    return new CoverReportBuyer { Country = "NLD", RatingClass = "Good" };
                },
            },
            Interval = TimeSpan.FromDays(7),
            Formats = CoverReportFormats.Markdown,
            OutputDirectory = folder,
        });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options, new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.Empty(await scheduler.RunDueAsync(ct));

        Assert.Equal("the other instance's report", await File.ReadAllTextAsync(Path.Combine(folder, "weekly.md"), ct));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.Null(await store.GetReportRunAsync("weekly", ct));
    }

    [Fact]
    public async Task A_store_that_blinks_when_the_lease_is_confirmed_before_the_files_are_placed_does_not_fail_the_run()
    {
        // One failed renewal is tolerated while the lease has time left, as the holder's own renewals are.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = new KillableStore(new InMemoryCoverPortfolioStore()) { FailNextRenewal = true };
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "weekly" }, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options, new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.Equal(["weekly"], await scheduler.RunDueAsync(ct));

        Assert.True(File.Exists(Path.Combine(folder, "weekly.md")));
        Assert.NotNull(await store.GetReportRunAsync("weekly", ct));
    }

    [Fact]
    public async Task Two_runs_of_one_scheduler_at_the_same_time_produce_a_due_report_once()
    {
        // Before, a run started while the hosted loop's was under way (RunDueAsync from the application) took the same
        // lease again, as its holder id was the scheduler's, and produced the report a second time beside the first.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule
        {
            Definition = new CoverReportDefinition
            {
                Name = "weekly",
                Sections = CoverReportSections.ByRatingClass,
                BuyerLookup = async (_, token) =>
                {
                    await release.Task.WaitAsync(token);
                    return null;
                },
            },
            Interval = TimeSpan.FromDays(7),
            Formats = CoverReportFormats.Markdown,
            OutputDirectory = folder,
        });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, new InMemoryCoverPortfolioStore(), options);

        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.WaitingForAnotherRun = () => waiting.TrySetResult();

        // The second run starts while the first is under way (held in the buyer look-up), and waits for it to end.
        var first = scheduler.RunDueAsync(ct);
        var second = scheduler.RunDueAsync(ct);
        await Task.WhenAny(waiting.Task, second).WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.False(second.IsCompleted);
        release.SetResult();

        Assert.Equal(["weekly"], (await first).Concat(await second));
    }

    // Before, two instances given one holder id (from shared settings, say) were one holder to the store: the second
    // was granted the lease the first held, and both produced the report and recorded its run.
    [Fact]
    public async Task Two_schedulers_configured_with_one_holder_id_produce_a_due_report_once()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lookups = 0;
        var options = new CoverReportSchedulerOptions { HolderId = "one-image" };
        options.Schedules.Add(new CoverReportSchedule
        {
            Definition = new CoverReportDefinition
            {
                Name = "weekly",
                Sections = CoverReportSections.ByRatingClass,
                BuyerLookup = async (_, token) =>
                {
                    // Only the first buyer read is held, so a second run that got the lease too is not held and ends.
                    if (Interlocked.Increment(ref lookups) == 1)
                    {
                        entered.TrySetResult();
                        await release.Task.WaitAsync(token);
                    }

                    return null;
                },
            },
            Interval = TimeSpan.FromDays(7),
            Formats = CoverReportFormats.Markdown,
            OutputDirectory = folder,
        });
        var store = new InMemoryCoverPortfolioStore();
        var one = new CoverReportSchedulerService(portfolio.Client, store, options);
        var other = new CoverReportSchedulerService(portfolio.Client, store, options);

        // The first holds the report's lease while it reads the buyers; the second asks for it meanwhile.
        var first = one.RunDueAsync(ct);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var second = await other.RunDueAsync(ct);
        release.SetResult();

        Assert.Empty(second);
        Assert.Equal(["weekly"], await first);
    }

    [Fact]
    public async Task A_report_that_fails_does_not_keep_the_reports_after_it_from_being_produced()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var blocked = Path.Combine(folder, "blocked");
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "first" }, Formats = CoverReportFormats.Markdown, OutputDirectory = blocked });
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "second" }, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        var store = new InMemoryCoverPortfolioStore();
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options);

        // A file made where the first report's folder should be after the scheduler started: that report fails at every check.
        await File.WriteAllTextAsync(blocked, "not a folder", ct);

        await Assert.ThrowsAsync<IOException>(() => scheduler.RunDueAsync(ct));

        Assert.True(File.Exists(Path.Combine(folder, "second.md")));
        Assert.NotNull(await store.GetReportRunAsync("second", ct));
        Assert.Null(await store.GetReportRunAsync("first", ct));
    }

    [Fact]
    public async Task A_definition_changed_after_the_scheduler_was_created_does_not_reach_it()
    {
        // Before, each schedule was copied but shared its definition: "weekly" renamed to "daily" afterwards got past the
        // check of unique names and shared the first one's run record and files, and a filter changed afterwards was
        // read at the run.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var daily = new CoverReportDefinition { Name = "daily" };
        var weekly = new CoverReportDefinition { Name = "weekly" };
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(new CoverReportSchedule { Definition = daily, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        options.Schedules.Add(new CoverReportSchedule { Definition = weekly, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        var store = new InMemoryCoverPortfolioStore();
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options);
        weekly.Name = "daily";
        daily.CurrencyCode = "XXX";

        Assert.Equal(["daily", "weekly"], await scheduler.RunDueAsync(ct));

        Assert.True(File.Exists(Path.Combine(folder, "weekly.md")));
        var run = await store.GetReportRunAsync("daily", ct);
        var record = System.Text.Json.JsonSerializer.Deserialize(run!.Payload.Span, PortfolioJsonContext.Default.ReportRunRecord);
        Assert.True(record!.CoverCount > 0);
    }

    [Fact]
    public async Task A_store_down_when_the_scheduler_starts_is_tried_again_at_the_next_check()
    {
        // Before, a store that could not be initialised (a database starting beside the host) ended the scheduler's
        // loop for good, and with it the host: no report was produced once the store was back.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var store = new KillableStore(new InMemoryCoverPortfolioStore());
        store.Kill();
        var options = new CoverReportSchedulerOptions { CheckInterval = TimeSpan.FromMilliseconds(50) };
        options.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        var scheduler = new CoverReportSchedulerService(portfolio.Client, store, options);

        await scheduler.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            // Refused at the start and again at a later check: the loop outlived the first failure.
            await Eventually.WaitUntilAsync(() => store.RefusedCalls >= 2, "the scheduler tried the store again after it failed");
            store.Revive();
            await Eventually.WaitUntilAsync(() => File.Exists(Path.Combine(folder, "daily.md")), "the report was produced once the store was back");
        }
        finally
        {
            await scheduler.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.False(scheduler.ExecuteTask!.IsFaulted);
    }

    [Fact]
    public void Registering_the_report_scheduler_twice_runs_one_scheduler_with_both_calls_schedules()
    {
        var builder = HostWithUnreachableClient();
        builder.Services.AddSingleton<ICoverPortfolioStore>(new InMemoryCoverPortfolioStore());
        builder.Services.AddAtradiusCoverReportScheduler(o => o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, OutputDirectory = folder }));
        builder.Services.AddAtradiusCoverReportScheduler(o => o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "weekly" }, OutputDirectory = folder }));
        using var host = builder.Build();

        // Started twice, one scheduler would run two loops, and stopping the host would stop only one of them.
        var scheduler = Assert.Single(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<CoverReportSchedulerService>());
        Assert.Same(host.Services.GetRequiredService<CoverReportSchedulerService>(), scheduler);
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CoverReportSchedulerOptions>>().Value;
        Assert.Equal(["daily", "weekly"], options.Schedules.Select(s => s.Definition.Name));
    }

    [Fact]
    public async Task The_report_scheduler_registered_before_the_monitor_records_into_the_monitors_sqlite_file()
    {
        // Before, the scheduler registered first put a store on the default file in the working folder, and the monitor
        // then kept the portfolio there too, whatever SqlitePath it was given.
        var path = Path.Combine(folder, "state.db");
        var builder = HostWithUnreachableClient();
        builder.Services.AddAtradiusCoverReportScheduler(o => o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, OutputDirectory = folder }));
        builder.Services.AddAtradiusCoverMonitor(o => o.SqlitePath = path);
        using var host = builder.Build();

        await host.Services.GetRequiredService<ICoverPortfolioStore>().InitializeAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(path));
    }

    // A host whose Cover client is never asked: what these tests judge is set up before anything is read.
    private static Microsoft.Extensions.Hosting.HostApplicationBuilder HostWithUnreachableClient()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCover(o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:9/");
            o.CustomerId = 1;
            o.ClientId = "client";
            o.ClientSecret = "secret";
        });
        return builder;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
