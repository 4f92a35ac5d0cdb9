using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Reports;

public sealed class ReportScheduleValidationTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "reports-never-written");

    // Never asked: a schedule is judged before anything is read.
    private static readonly CoverClient Unreachable = new(new CoverClientOptions
    {
        BaseAddress = new Uri("http://127.0.0.1:9/"),
        CustomerId = 1,
        ClientId = "client",
        ClientSecret = "secret",
    });

    private static ArgumentException Refused(params CoverReportSchedule[] schedules)
    {
        var options = new CoverReportSchedulerOptions();
        foreach (var schedule in schedules)
        {
            options.Schedules.Add(schedule);
        }

        return Assert.Throws<ArgumentException>(() => new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options));
    }

    private static CoverReportSchedule Schedule(string name, string? folder = null) =>
        new() { Definition = new CoverReportDefinition { Name = name }, OutputDirectory = folder ?? Folder };

    [Fact]
    public void Two_schedules_with_one_name_are_refused_as_they_would_share_one_run_record()
    {
        var error = Refused(Schedule("weekly"), Schedule("weekly", Path.Combine(Folder, "other")));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("'weekly'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_schedules_whose_files_differ_only_in_case_in_one_folder_are_refused()
    {
        var error = Refused(Schedule("Weekly"), Schedule("weekly"));

        Assert.Contains("'Weekly' and 'weekly'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/./")]
    public void Two_schedules_whose_files_differ_only_in_case_in_one_folder_written_two_ways_are_refused(string suffix)
    {
        // Before, a folder written with a separator at its end was taken for another folder.
        var error = Refused(Schedule("Weekly"), Schedule("weekly", Folder + suffix));

        Assert.Contains("'Weekly' and 'weekly'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_without_a_folder_or_a_name_is_refused()
    {
        Assert.Contains("OutputDirectory", Refused(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" } }).Message, StringComparison.Ordinal);
        Assert.Contains("Name", Refused(Schedule(" ")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("currency", "CurrencyCode")]
    [InlineData("customer", "CustomerId")]
    [InlineData("policy", "PolicyId")]
    [InlineData("listed", "MaxListedItems")]
    [InlineData("period", "PeriodEnd")]
    [InlineData("no-format", "Formats")]
    [InlineData("unknown-format", "Formats")]
    [InlineData("folder", "OutputDirectory")]
    [InlineData("section", "Sections")]
    [InlineData("empty-cover-type", "CoverType")]
    public void A_schedule_the_report_would_refuse_at_every_run_is_refused_when_the_scheduler_is_set_up_naming_the_schedule_and_the_setting(string problem, string setting)
    {
        // Before, the scheduler started with it, and the report failed at every check, logged and tried again for good.
        var schedule = Schedule("weekly");
        var definition = schedule.Definition;
        switch (problem)
        {
            case "currency": definition.CurrencyCode = "EURO"; break;
            case "customer": definition.CustomerId = 0; break;
            case "policy": definition.PolicyId = " "; break;
            case "listed": definition.MaxListedItems = -1; break;
            case "period": (definition.PeriodStart, definition.PeriodEnd) = (DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1)); break;
            case "no-format": schedule.Formats = CoverReportFormats.None; break;
            case "unknown-format": schedule.Formats = (CoverReportFormats)64; break;
            case "folder": schedule.OutputDirectory = Path.Combine(Folder, "week\0ly"); break;
            case "section": definition.Sections = CoverReportSections.ByCurrency | (CoverReportSections)128; break;
            case "empty-cover-type": definition.CoverType = default(CoverType); break;
        }

        var error = Refused(Schedule("daily"), schedule);

        Assert.Equal("options", error.ParamName);
        Assert.Contains("'weekly'", error.Message, StringComparison.Ordinal);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_of_csv_files_for_no_section_is_refused_naming_both_settings_as_it_would_write_no_file()
    {
        // Csv writes one file per section. Before, the schedule was taken and every run recorded as produced, with
        // no file written.
        var schedule = Schedule("count-only");
        schedule.Formats = CoverReportFormats.Csv;
        schedule.Definition.Sections = CoverReportSections.None;

        var error = Refused(Schedule("daily"), schedule);

        Assert.Equal("options", error.ParamName);
        Assert.Contains("'count-only'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Formats", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sections", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CoverReportFormats.CsvLong)]
    [InlineData(CoverReportFormats.Csv | CoverReportFormats.Json)]
    public void A_schedule_for_no_section_in_a_format_that_writes_the_whole_report_is_taken(CoverReportFormats formats)
    {
        var options = new CoverReportSchedulerOptions();
        var schedule = Schedule("count-only");
        schedule.Formats = formats;
        schedule.Definition.Sections = CoverReportSections.None;
        options.Schedules.Add(schedule);

        _ = new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options);
    }

    [Fact]
    public void A_period_starting_after_now_without_an_end_is_refused_when_the_scheduler_is_set_up_on_its_clock()
    {
        // Before, the scheduler started with it and every run until the start made a report of a negative period,
        // which the report refused, each failure only logged. The start is judged on the scheduler's clock.
        var clock = new FakeTimeProvider(Portfolios.T0);
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(Schedule("daily"));
        var weekly = Schedule("weekly");
        weekly.Definition.PeriodStart = Portfolios.T0.AddHours(1);
        options.Schedules.Add(weekly);

        var error = Assert.Throws<ArgumentException>(() => new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options, clock));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("'weekly'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PeriodStart (2026-01-05T10:00:00Z) after now (2026-01-05T09:00:00Z) and no PeriodEnd", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, null)]
    [InlineData(1, 2)]
    public void A_period_that_started_or_that_has_an_end_after_its_start_is_accepted(int startHours, int? endHours)
    {
        var clock = new FakeTimeProvider(Portfolios.T0);
        var options = new CoverReportSchedulerOptions();
        var schedule = Schedule("weekly");
        schedule.Definition.PeriodStart = Portfolios.T0.AddHours(startHours);
        schedule.Definition.PeriodEnd = endHours is { } end ? Portfolios.T0.AddHours(end) : null;
        options.Schedules.Add(schedule);

        _ = new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options, clock);
    }

    [Fact]
    public void A_schedule_whose_folder_is_an_existing_file_is_refused_naming_the_schedule_and_the_path()
    {
        // Before, the scheduler started with it and every run failed writing its files, each failure only logged.
        var file = Path.GetTempFileName();
        try
        {
            var error = Refused(Schedule("daily"), Schedule("weekly", file));

            Assert.Equal("options", error.ParamName);
            Assert.Contains("'weekly'", error.Message, StringComparison.Ordinal);
            Assert.Contains("OutputDirectory that is a file", error.Message, StringComparison.Ordinal);
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_schedule_without_a_name_is_refused_naming_its_place_among_the_schedules()
    {
        var error = Refused(Schedule("daily"), Schedule(" "));

        Assert.Contains("Schedules[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
    }

    // The name keys the run record and the lease: a store refused it at every run, a long one only once the files were written.
    [Theory]
    [InlineData(501, null, "must be at most 500 characters long; it has 501.")]
    [InlineData(0, "weekly\0", "must not contain a NUL character")]
    public void A_name_no_store_keeps_is_refused_naming_its_place_among_the_schedules(int length, string? name, string problem)
    {
        var error = Refused(Schedule("daily"), Schedule(name ?? new string('w', length)));

        Assert.Contains("CoverReportSchedulerOptions.Schedules[1].Definition.Name " + problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50 * 24 * 60 * 60)]
    public void A_check_interval_that_is_not_positive_or_longer_than_a_timer_can_wait_is_refused_naming_the_setting(int seconds)
    {
        // Before, zero asked the store for every report in a loop, and a negative interval stopped the host with an
        // error from Task.Delay that named no setting.
        var options = new CoverReportSchedulerOptions { CheckInterval = TimeSpan.FromSeconds(seconds) };
        options.Schedules.Add(Schedule("daily"));

        var error = Assert.Throws<ArgumentException>(() => new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options));

        Assert.Contains("CheckInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_holder_id_is_refused_naming_the_setting()
    {
        var options = new CoverReportSchedulerOptions { HolderId = " " };
        options.Schedules.Add(Schedule("daily"));

        var error = Assert.Throws<ArgumentException>(() => new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options));

        Assert.Contains("HolderId", error.Message, StringComparison.Ordinal);
    }

    // Before, the scheduler started and the store refused the holder at every request for a report's lease: no report
    // was produced, and the logged error named the store's own argument.
    [Theory]
    [InlineData(801, false)]
    [InlineData(10, true)]
    public void A_holder_id_the_store_cannot_keep_is_refused_naming_the_setting(int length, bool withNul)
    {
        var options = new CoverReportSchedulerOptions { HolderId = new string('h', length) + (withNul ? "\0" : string.Empty) };
        options.Schedules.Add(Schedule("daily"));

        var error = Assert.Throws<ArgumentException>(() => new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("CoverReportSchedulerOptions.HolderId must", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_only_made_the_same_file_name_before_are_accepted_and_write_different_files()
    {
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(Schedule("a.b"));
        options.Schedules.Add(Schedule("a_b"));

        _ = new CoverReportSchedulerService(Unreachable, new InMemoryCoverPortfolioStore(), options);

        Assert.NotEqual(CoverReportDocument.BaseFileName("a.b"), CoverReportDocument.BaseFileName("a_b"));
    }

    [Fact]
    public async Task Schedules_added_after_the_scheduler_was_created_do_not_reach_it()
    {
        // Before, a schedule added afterwards was run unchecked: one without a definition failed every check with a
        // NullReferenceException, and a second one named "daily" shared the first one's run record.
        var options = new CoverReportSchedulerOptions();
        options.Schedules.Add(Schedule("daily"));
        var store = new InMemoryCoverPortfolioStore();
        await store.SaveReportRunAsync(new ReportRun { ReportName = "daily", LastRunAt = DateTimeOffset.UtcNow, Payload = "{}"u8.ToArray() }, TestContext.Current.CancellationToken);
        var scheduler = new CoverReportSchedulerService(Unreachable, store, options);
        options.Schedules.Add(new CoverReportSchedule { Definition = null!, OutputDirectory = Folder });
        options.Schedules.Add(Schedule("daily"));

        Assert.Empty(await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_schedule_copy_copies_every_setting_of_its_definition()
    {
        // Fails when a setting is added to the definition but not to the copy: set it here, and copy it there.
        Func<long, CancellationToken, Task<CoverReportBuyer?>> lookup = (_, _) => Task.FromResult<CoverReportBuyer?>(null);
        var definition = new CoverReportDefinition
        {
            Name = "weekly",
            Sections = CoverReportSections.ByCurrency,
            PolicyId = "5012345",
            CustomerId = 2002,
            CurrencyCode = "EUR",
            CoverType = CoverType.CreditLimit,
            PeriodStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            PeriodEnd = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            MaxListedItems = 10,
            BuyerLookup = lookup,
        };

        var copy = new CoverReportSchedule { Definition = definition, OutputDirectory = Folder }.Clone().Definition;

        Assert.NotSame(definition, copy);
        var defaults = new CoverReportDefinition();
        foreach (var property in typeof(CoverReportDefinition).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            Assert.False(Equals(property.GetValue(defaults), property.GetValue(definition)), property.Name + " is not set by this test.");
            Assert.Equal(property.GetValue(definition), property.GetValue(copy));
        }
    }
}
