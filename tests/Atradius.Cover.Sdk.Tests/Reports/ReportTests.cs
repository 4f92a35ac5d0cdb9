using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Reports;

public sealed class ReportTests
{
    private static async Task<CoverPortfolioReport> ReportOver(string coversJson, CoverReportDefinition definition)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, coversJson));
        return await api.Client.Reports.CreatePortfolioReportAsync(definition, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_cover_the_portfolio_list_repeats_is_counted_once()
    {
        // Before, a repeated entry was counted again: two covers and 100,000 in force for one cover of 50,000.
        var report = await ReportOver(DataJson(CoverJson(1, buyerId: 7), CoverJson(1, buyerId: 7)), new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 50000m), (report.CoverCount, eur.CoverCount, eur.TotalCover));
    }

    [Fact]
    public async Task Covers_listed_without_their_coverId_fail_the_report_rather_than_count_as_one()
    {
        // Before, both were read as cover 0 and counted once: one cover and 50,000 in force for two covers and 120,000.
        var noIds = DataJson(CoverJson(1, buyerId: 77).Replace("\"coverId\":1,", string.Empty, StringComparison.Ordinal), CoverJson(2, buyerId: 78, decided: 70000).Replace("\"coverId\":2,", string.Empty, StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReportOver(noIds, new CoverReportDefinition { Sections = CoverReportSections.ByCurrency }));

        Assert.Contains("has no coverId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_portfolio_list_answered_without_data_fails_the_report_rather_than_report_an_empty_portfolio()
    {
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReportOver("""{"message":"Backend timeout"}""", new CoverReportDefinition { Sections = CoverReportSections.ByCurrency }));

        Assert.Contains("\"message\":\"Backend timeout\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_read_of_a_report_carries_the_correlation_id_and_headers_it_was_given()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1))));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, """{"data":[]}"""));
        var options = new CoverRequestOptions { CorrelationId = "month-end-report" };
        options.Headers["X-Tenant"] = "t-9";

        await api.Client.Reports.CreatePortfolioReportAsync(new CoverReportDefinition { Sections = CoverReportSections.All }, options, TestContext.Current.CancellationToken);

        var reads = api.Requests.Where(r => r.Method == HttpMethod.Get).ToList();
        Assert.Equal(3, reads.Count);
        Assert.All(reads, r => Assert.Equal(("month-end-report", "t-9"), (r.Headers["Atradius-Correlation-Id"], r.Headers["X-Tenant"])));
    }

    private static CoverDecision Decided(long coverId, long buyerId, decimal amount, string code = "DC01", string? historic = null, DateTimeOffset? decided = null) =>
        CoverModelFactory.CoverDecision(
            coverId: coverId,
            customerId: 1001,
            policyId: "5012345",
            buyerId: buyerId,
            code: code,
            historicCode: historic is null ? default(HistoricCode?) : new HistoricCode(historic),
            policyCurrency: "EUR",
            applicationAmount: new Money(amount, "EUR"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR")),
            decisionDate: decided);

    private static async Task<CoverPortfolioReport> ReportOver(IEnumerable<CoverDecision> covers, CoverReportDefinition definition)
    {
        using var api = new CoverApi();
        return await api.Client.Reports.CreatePortfolioReportAsync(covers.ToAsyncEnumerable(), definition, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_null_among_the_covers_handed_to_a_report_is_refused_naming_them()
    {
        // Before, the report failed with a NullReferenceException from inside the SDK.
        var covers = new[] { Decided(1, 100, 50000), null!, Decided(2, 200, 30000) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ReportOver(covers, new CoverReportDefinition { Sections = CoverReportSections.ByCurrency }));

        Assert.Equal("covers", error.ParamName);
        Assert.Contains("null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_asking_for_a_section_that_does_not_exist_is_refused_naming_the_setting_before_any_request()
    {
        // Before, the unknown bit was ignored and the report came out without what was asked for.
        using var api = new CoverApi();
        var definition = new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | (CoverReportSections)256 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Reports.CreatePortfolioReportAsync(definition, TestContext.Current.CancellationToken));

        Assert.Equal("definition.Sections", error.ParamName);
        Assert.Contains("ByCurrency", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    // Before, an empty type was refused by the lists' query after the report had read my-buyers, naming query.CoverType.
    [Fact]
    public async Task An_empty_cover_type_is_refused_naming_the_setting_before_any_request()
    {
        using var api = new CoverApi();
        var definition = new CoverReportDefinition { CoverType = default(CoverType) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Reports.CreatePortfolioReportAsync(definition, TestContext.Current.CancellationToken));

        Assert.Equal("definition.CoverType", error.ParamName);
        Assert.Contains("credit-limit, credit-check or indication", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    // The service may list types added after this version: a report over one is made, not refused.
    [Fact]
    public void A_cover_type_this_version_does_not_know_is_taken()
    {
        new CoverReportDefinition { CoverType = new CoverType("bank-guarantee") }.Validate();
    }

    [Fact]
    public async Task A_period_starting_after_now_without_an_end_is_refused_naming_the_setting_before_any_request()
    {
        // Before, the period was empty and its section said nothing changed.
        using var api = new CoverApi();
        var definition = new CoverReportDefinition { PeriodStart = api.Time.GetUtcNow().AddDays(1) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Reports.CreatePortfolioReportAsync(definition, TestContext.Current.CancellationToken));

        Assert.Equal("definition.PeriodStart", error.ParamName);
        Assert.Contains("definition.PeriodStart must not be after", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("name", "definition.Name")]
    [InlineData("customer", "definition.CustomerId")]
    [InlineData("policy", "definition.PolicyId")]
    [InlineData("currency", "definition.CurrencyCode")]
    [InlineData("cover-type", "definition.CoverType")]
    [InlineData("section", "definition.Sections")]
    [InlineData("listed", "definition.MaxListedItems")]
    [InlineData("period", "definition.PeriodEnd")]
    public void Every_setting_a_report_definition_refuses_is_named_by_its_path_as_a_query_or_an_application_is(string problem, string setting)
    {
        // Before, the settings were named by the property alone (CurrencyCode), where a query's and an application's are
        // named by their path (query.PolicyId, application.CurrencyCode).
        var definition = new CoverReportDefinition();
        switch (problem)
        {
            case "name": definition.Name = " "; break;
            case "customer": definition.CustomerId = -4; break;
            case "policy": definition.PolicyId = new string('7', 21); break;
            case "currency": definition.CurrencyCode = "EURO"; break;
            case "cover-type": definition.CoverType = default(CoverType); break;
            case "section": definition.Sections = (CoverReportSections)512; break;
            case "listed": definition.MaxListedItems = 100_001; break;
            case "period": (definition.PeriodStart, definition.PeriodEnd) = (Start, Start.AddDays(-1)); break;
        }

        var error = Assert.ThrowsAny<ArgumentException>(definition.Validate);

        Assert.Equal(setting, error.ParamName);
        Assert.StartsWith(setting + " ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CoverReportFormats.None)]
    [InlineData((CoverReportFormats)64)]
    public async Task Rendering_into_no_format_or_one_that_does_not_exist_is_refused_naming_the_argument(CoverReportFormats formats)
    {
        // Before, no file came back and nothing said why.
        var report = await ReportOver([Decided(1, 100, 50000)], new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => CoverReportDocument.RenderAsync(report, formats, TestContext.Current.CancellationToken));

        Assert.Equal("formats", error.ParamName);
    }

    [Fact]
    public async Task Ended_versions_among_covers_handed_to_the_report_are_not_counted_as_the_lists_would_not_count_them()
    {
        // A local copy of the portfolio keeps each cover's history beside it: the superseded version of cover 2, and
        // cover 3, withdrawn by the insurer. Before, both were added to the cover in force.
        var changed = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var covers = new[]
        {
            Decided(1, 7, 30000m, decided: changed),
            Decided(2, 8, 20000m, code: "DC21", historic: "SCLD", decided: changed),
            Decided(3, 9, 0m, code: "DC08", historic: "WCLD", decided: changed),
        };

        var report = await ReportOver(covers, new CoverReportDefinition
        {
            Sections = CoverReportSections.ByCurrency | CoverReportSections.ByDecisionCode | CoverReportSections.ChangedInPeriod | CoverReportSections.Notices,
            PeriodStart = changed.AddDays(-1),
            PeriodEnd = changed.AddDays(1),
        });

        Assert.Equal(1, report.CoverCount);
        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 30000m, 30000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure));
        Assert.Equal(["DC01"], report.ByDecisionCode.Select(r => r.Key));
        Assert.Equal([1L], report.ChangedInPeriod.Items.Select(c => c.CoverId));

        // A withdrawal that took effect is still what the notices section lists.
        Assert.Equal([3L], report.Notices.Items.Select(c => c.CoverId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_answered_application_of_an_approval_dated_by_its_day_alone_on_the_day_it_was_made_is_no_increase(bool copyStatesNoApplicationDate)
    {
        // GET /covers/applications still lists the application the approval answered. With no application date of the
        // copy's own, its decision date, midnight of that day, stood in and the application counted as a later one.
        const string Applied = "2026-11-01T08:00:00Z";
        var decided = """{"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":50000,"totalDecision":{"decisionAmtInPolicyCurrency":50000},"""
            + (copyStatesNoApplicationDate ? string.Empty : "\"applicationDate\":\"" + Applied + "\",") + "\"decisionDate\":\"2026-11-01\"}";
        var answered = """{"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":50000,"applicationDate":"2026-11-01T08:00:00Z"}""";
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(answered)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(decided)));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications }, TestContext.Current.CancellationToken);

        Assert.Empty(report.PendingApplications.Items);
        Assert.Equal(50000m, Assert.Single(report.ByCurrency).RequestedExposure);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(9)]
    public async Task A_change_dated_by_its_day_alone_is_listed_for_that_day_in_the_periods_own_time(int hoursFromUtc)
    {
        // "What changed on 1 March" for a host in that zone. Before, a host behind UTC got the cover dated 2 March (its
        // midnight UTC falls in the host's 1 March) and missed the one dated 1 March.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(
            CoverJson(1, buyerId: 71, decisionDate: "2026-02-28", applicationDate: "2026-02-20"),
            CoverJson(2, buyerId: 72, decisionDate: "2026-03-01", applicationDate: "2026-02-20"),
            CoverJson(3, buyerId: 73, decisionDate: "2026-03-02", applicationDate: "2026-02-20"),
            CoverJson(4, buyerId: 74, decisionDate: "2026-03-01T12:00:00" + (hoursFromUtc < 0 ? "-" : "+") + Math.Abs(hoursFromUtc).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ":00", applicationDate: "2026-02-20"),
            CoverJson(5, buyerId: 75, decisionDate: "2026-03-02T12:00:00Z", applicationDate: "2026-02-20"))));
        var zone = TimeSpan.FromHours(hoursFromUtc);

        var report = await api.Client.Reports.CreatePortfolioReportAsync(new CoverReportDefinition
        {
            Sections = CoverReportSections.ChangedInPeriod,
            PeriodStart = new DateTimeOffset(2026, 3, 1, 0, 0, 0, zone),
            PeriodEnd = new DateTimeOffset(2026, 3, 2, 0, 0, 0, zone),
        }, TestContext.Current.CancellationToken);

        // A change with its time is taken at that moment, as before.
        Assert.Equal([2L, 4L], report.ChangedInPeriod.Items.Select(c => c.CoverId).Order());
    }

    [Fact]
    public async Task A_cover_decided_on_a_day_alone_is_listed_for_that_day_also_when_applied_for_at_a_time_earlier_that_day()
    {
        // "What changed on 1 March" for a host at -05:00. Cover 2 was applied for at 02:00 UTC on 1 March and decided
        // that day (its date without a time). Its last activity, the application's time, falls in the host's 28 February;
        // before, the cover was missed, though one decided that day and applied for earlier is listed. Cover 3 waits for
        // an application made at that time, after the decision it still shows: it changed on 28 February.
        var referred = CoverJson(3, buyerId: 73, status: "REFERRED", applicationDate: "2026-03-01T02:00:00Z")
            .Replace("\"coverId\":3,", "\"coverId\":3,\"decisionDate\":\"2026-03-01\",", StringComparison.Ordinal);
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(
            CoverJson(1, buyerId: 71, decisionDate: "2026-03-01", applicationDate: "2026-02-20"),
            CoverJson(2, buyerId: 72, decisionDate: "2026-03-01", applicationDate: "2026-03-01T02:00:00Z"),
            referred)));
        var zone = TimeSpan.FromHours(-5);

        var report = await api.Client.Reports.CreatePortfolioReportAsync(new CoverReportDefinition
        {
            Sections = CoverReportSections.ChangedInPeriod,
            PeriodStart = new DateTimeOffset(2026, 3, 1, 0, 0, 0, zone),
            PeriodEnd = new DateTimeOffset(2026, 3, 2, 0, 0, 0, zone),
        }, TestContext.Current.CancellationToken);

        Assert.Equal(
            [(1L, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)), (2L, new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero))],
            report.ChangedInPeriod.Items.Select(c => (c.CoverId, c.LastActivity!.Value)).Order());
    }

    [Fact]
    public async Task A_cover_decided_on_a_day_alone_late_in_that_utc_day_is_listed_for_the_next_day_of_a_host_ahead_of_utc()
    {
        // Applied for at 23:30 UTC on 1 March and decided that day: for a host at +02:00 it was applied for, and decided,
        // on its 2 March. Taking the decision's day as the last activity left it out of that day.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(
            CoverJson(2, buyerId: 72, decisionDate: "2026-03-01", applicationDate: "2026-03-01T23:30:00Z"))));
        var zone = TimeSpan.FromHours(2);

        var report = await api.Client.Reports.CreatePortfolioReportAsync(new CoverReportDefinition
        {
            Sections = CoverReportSections.ChangedInPeriod,
            PeriodStart = new DateTimeOffset(2026, 3, 2, 0, 0, 0, zone),
            PeriodEnd = new DateTimeOffset(2026, 3, 3, 0, 0, 0, zone),
        }, TestContext.Current.CancellationToken);

        Assert.Equal(2L, Assert.Single(report.ChangedInPeriod.Items).CoverId);
    }

    [Fact]
    public async Task A_handed_in_cover_whose_total_decision_expired_counts_no_cover_and_its_request_as_uncovered()
    {
        // The report is made on 2026-12-01 (CoverApi.Start). A local copy still holds cover 2, whose decision expired
        // the day before: the service would have ended it. Before, its 20,000 were added to the cover in force.
        var today = CoverDate.FromDateTime(CoverApi.Start.UtcDateTime);
        var covers = new[]
        {
            Expiring(1, 7, 30000m, expiry: null),
            Expiring(2, 8, 20000m, expiry: new CoverDate(2026, 11, 30)),
            Expiring(3, 9, 10000m, expiry: today),
        };

        var report = await ReportOver(covers, new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.ByDecisionCode });

        Assert.Equal(3, report.CoverCount);
        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((3, 2, 40000m, 60000m, 20000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
        var dc01 = Assert.Single(report.ByDecisionCode);
        Assert.Equal((2, 40000m, 20000m), (dc01.CoveredCount, dc01.TotalCover, dc01.UncoveredExposure));
    }

    [Theory]
    [InlineData(false, 2026, 11, 30, 0, 80000)]
    [InlineData(true, 2026, 11, 30, 0, 80000)]
    [InlineData(false, 2026, 12, 1, 50000, 30000)]
    [InlineData(true, 2026, 12, 1, 50000, 30000)]
    public async Task A_referred_increase_adds_to_its_cover_the_cover_in_force_none_once_the_total_decision_expired(bool increaseFirst, int year, int month, int day, int cover, int uncovered)
    {
        // The increase is counted with its cover: what that cover adds, as a cover alone, is what the pair adds.
        // Before, the pair took the expired 50,000 as cover in force.
        var decided = Expiring(1, 7, 50000m, expiry: new CoverDate(year, month, day));
        var increase = CoverModelFactory.CoverDecision(
            coverId: 2,
            customerId: 1001,
            policyId: "5012345",
            buyerId: 7,
            status: CoverStatus.Referred,
            policyCurrency: "EUR",
            applicationAmount: new Money(80000m, "EUR"));

        var report = await ReportOver(increaseFirst ? new[] { increase, decided } : new[] { decided, increase }, new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, cover > 0 ? 1 : 0, (decimal)cover, 80000m, (decimal)uncovered), (report.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
    }

    [Fact]
    public async Task A_report_from_the_lists_counts_a_total_decision_that_expired_before_the_reports_day_as_no_cover()
    {
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC02","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000,"decisionExpiryDate":"2026-11-30"}},
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC02","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"totalDecision":{"decisionAmtInPolicyCurrency":20000,"decisionExpiryDate":"2026-12-01"}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((2, 1, 20000m, 50000m, 30000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
    }

    [Fact]
    public async Task A_split_decision_whose_second_amount_expired_counts_its_first_amount_alone()
    {
        // A DC04 of 50,000: 30,000 first and 20,000 second, the second expiring. Once it has, the service falls the
        // cover to the first amount (DC22); a copy from before that day still shows the whole. Before, the report
        // counted 50,000 of cover in force.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC04","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":100000,"totalDecision":{"decisionAmtInPolicyCurrency":50000},
               "firstAmtDecision":{"decisionAmtInPolicyCurrency":30000},"secondAmtDecision":{"decisionAmtInPolicyCurrency":20000,"decisionExpiryDate":"2026-11-30"}},
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC04","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":100000,"totalDecision":{"decisionAmtInPolicyCurrency":50000},
               "firstAmtDecision":{"decisionAmtInPolicyCurrency":30000},"secondAmtDecision":{"decisionAmtInPolicyCurrency":20000,"decisionExpiryDate":"2026-12-01"}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((2, 2, 80000m, 200000m, 120000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
    }

    [Fact]
    public async Task A_split_decision_counts_the_part_still_in_force_whichever_part_expired()
    {
        // Which part of a split decision carries the expiry date is not known. Before, an expired first amount was
        // still counted: 50,000 in force for cover 1 and for cover 2, whose parts have both expired.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC04","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":100000,"decisionDate":"2026-11-28T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":50000},
               "firstAmtDecision":{"decisionAmtInPolicyCurrency":30000,"decisionExpiryDate":"2026-11-30"},"secondAmtDecision":{"decisionAmtInPolicyCurrency":20000}},
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC04","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":100000,"decisionDate":"2026-11-28T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":50000},
               "firstAmtDecision":{"decisionAmtInPolicyCurrency":30000,"decisionExpiryDate":"2026-11-29"},"secondAmtDecision":{"decisionAmtInPolicyCurrency":20000,"decisionExpiryDate":"2026-11-30"}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.ChangedInPeriod });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((2, 1, 20000m, 200000m, 180000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
        Assert.Equal(
            [(1L, 20000m, 30000m, "2026-11-30"), (2L, 0m, 50000m, "2026-11-30")],
            report.ChangedInPeriod.Items.Select(c => (c.CoverId, c.DecidedAmount!.Value, c.ExpiredAmount!.Value, c.ExpiryDate!.Value.ToString())));
    }

    [Fact]
    public async Task A_split_decision_whose_expired_part_is_stated_counts_the_rest_when_the_other_part_states_no_amount()
    {
        // The service sometimes sends an amount empty. Before, the expired 60,000 was still counted as cover in force.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC04","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":100000,"decisionDate":"2026-11-28T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":100000},
               "firstAmtDecision":{"decisionAmtInPolicyCurrency":60000,"decisionExpiryDate":"2026-11-01"},"secondAmtDecision":{"decisionAmtInPolicyCurrency":""}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.ChangedInPeriod });

        Assert.Equal(40000m, Assert.Single(report.ByCurrency).TotalCover);
        var listed = Assert.Single(report.ChangedInPeriod.Items);
        Assert.Equal((40000m, 60000m, "2026-11-01"), (listed.DecidedAmount!.Value, listed.ExpiredAmount!.Value, listed.ExpiryDate!.Value.ToString()));
    }

    [Fact]
    public async Task An_increase_refused_preliminarily_beside_its_decided_cover_leaves_that_cover_in_force()
    {
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":50000,"decisionDate":"2026-06-01T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":50000}},
              {"coverId":2,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC07","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":100000,"decisionDate":"2026-11-30T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":0}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 50000m, 100000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure));
    }

    [Fact]
    public async Task A_reduction_due_to_partial_expiry_is_not_taken_off_its_total_again()
    {
        // DC22: the service's total is the first amount already, and the expired second part is still stated.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC22","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":50000,"decisionDate":"2026-11-28T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":30000},
               "firstAmtDecision":{"decisionAmtInPolicyCurrency":""},"secondAmtDecision":{"decisionAmtInPolicyCurrency":20000,"decisionExpiryDate":"2026-11-27"}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        Assert.Equal(30000m, Assert.Single(report.ByCurrency).TotalCover);
    }

    [Fact]
    public async Task A_time_in_the_markdown_summary_stays_plain_text()
    {
        var report = await ReportOver(
            """
            {"data":[{"coverId":2,"buyerId":8,"buyerName":"Acme 24:7","coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
              "creditLimitApplicationAmountInPolicyCurrency":20000,"applicationDate":"2026-11-30T08:00:00Z"}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.PendingApplications });

        using var writer = new StringWriter();
        await CoverReportMarkdownWriter.WriteAsync(report, writer, TestContext.Current.CancellationToken);

        Assert.Contains("| Acme 24:7 |", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("| 2026-11-30T08:00:00Z |", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_increase_decided_preliminarily_beside_its_decided_cover_is_one_cover()
    {
        // The increase (DC06: 75,000 of 100,000 approved until the final decision) is listed under an id of its own
        // beside the cover it would supersede. Before, the two counted as two covers in force: 125,000. The
        // preliminary decision is the cover in force, as for a cover alone and as its listed row shows it.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":50000,"decisionDate":"2026-06-01T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":50000}},
              {"coverId":2,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC06","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":100000,"decisionDate":"2026-11-30T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":75000}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 1, 75000m, 100000m), (report.CoverCount, eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure));
        var pending = Assert.Single(report.PendingApplications.Items);
        Assert.Equal((2L, 75000m), (pending.CoverId, pending.DecidedAmount!.Value));
    }

    [Fact]
    public async Task A_cover_applied_for_again_after_its_decision_shows_its_application_as_its_last_activity_and_is_changed_in_the_period()
    {
        // Referred again under its id, it keeps the decision date of 200 days ago. Before, that date was its last
        // activity, and the cover was left out of the changes in the period it was applied for in.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":80000,"decisionDate":"2026-05-15T08:00:00Z","applicationDate":"2026-11-30T08:00:00Z"}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ChangedInPeriod | CoverReportSections.PendingApplications });

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), Assert.Single(report.PendingApplications.Items).LastActivity);
        Assert.Equal(1, report.ChangedInPeriod.Count);
    }

    [Fact]
    public async Task A_withdrawal_repeated_in_a_local_copy_is_one_notice()
    {
        var withdrawn = CoverModelFactory.CoverDecision(coverId: 7, customerId: 1001, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC08"),
            historicCode: new HistoricCode("WCLD"), policyCurrency: "EUR", totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")));

        var report = await ReportOver([withdrawn, withdrawn], new CoverReportDefinition { Sections = CoverReportSections.Notices });

        Assert.Equal(1, report.Notices.Count);
    }

    // Decided on 2026-11-28, in the report's default period: cover 1 whose total decision expired the day before the
    // report's day, cover 2 a DC04 split whose second amount expired then, cover 3 whose decision expires that day.
    private const string ExpiredDecisionsJson =
        """
        {"data":[
          {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
           "creditLimitApplicationAmountInPolicyCurrency":50000,"decisionDate":"2026-11-28T08:00:00Z",
           "totalDecision":{"decisionAmtInPolicyCurrency":50000,"decisionExpiryDate":"2026-11-30"}},
          {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC04","policyCurrencyCode":"EUR",
           "creditLimitApplicationAmountInPolicyCurrency":100000,"decisionDate":"2026-11-28T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":50000},
           "firstAmtDecision":{"decisionAmtInPolicyCurrency":30000},"secondAmtDecision":{"decisionAmtInPolicyCurrency":20000,"decisionExpiryDate":"2026-11-30"}},
          {"coverId":3,"buyerId":9,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
           "creditLimitApplicationAmountInPolicyCurrency":20000,"decisionDate":"2026-11-28T08:00:00Z",
           "totalDecision":{"decisionAmtInPolicyCurrency":20000,"decisionExpiryDate":"2026-12-01"}}]}
        """;

    [Fact]
    public async Task A_listed_cover_shows_the_decided_amount_in_force_on_the_reports_day_as_the_figures_count_it()
    {
        // Before, the changed covers listed 50,000, 50,000 and 20,000 decided while the figures counted 50,000 of cover
        // in force for the same three covers.
        var report = await ReportOver(ExpiredDecisionsJson, new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.ChangedInPeriod });

        Assert.Equal([(1L, 0m), (2L, 30000m), (3L, 20000m)], report.ChangedInPeriod.Items.Select(c => (c.CoverId, c.DecidedAmount)));
        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal(eur.TotalCover, report.ChangedInPeriod.Items.Sum(c => c.DecidedAmount));
    }

    [Fact]
    public async Task The_files_list_a_cover_whose_decision_expired_with_the_amount_that_expired_and_its_expiry_date()
    {
        // Before, the files listed the decided amount as the service states it and said nothing of its expiry.
        var report = await ReportOver(ExpiredDecisionsJson, new CoverReportDefinition { Sections = CoverReportSections.ChangedInPeriod });

        using var csv = new StringWriter();
        await CoverReportCsvWriter.WriteSectionAsync(report, "changed-in-period", csv, TestContext.Current.CancellationToken);
        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToArray();
        var header = lines[0];
        Assert.Equal("decided_amount", header[8]);
        Assert.Equal("customer_reference", header[15]);
        var expired = Array.IndexOf(header, "expired_amount");
        var expiry = Array.IndexOf(header, "expiry_date");
        Assert.True(expired > 15 && expiry > 15, string.Join(",", header));
        Assert.Equal(
            [("1", "0", "50000", "2026-11-30"), ("2", "30000", "20000", "2026-11-30"), ("3", "20000", "", "")],
            lines.Skip(1).Select(l => (l[0], l[8], l[expired], l[expiry])));

        using var stream = new MemoryStream();
        await CoverReportJsonWriter.WriteAsync(report, stream, TestContext.Current.CancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var first = json.RootElement.GetProperty("changedInPeriod").GetProperty("items")[0];
        Assert.Equal(
            (0m, 50000m, "2026-11-30"),
            (first.GetProperty("decidedAmount").GetDecimal(), first.GetProperty("expiredAmount").GetDecimal(), first.GetProperty("expiryDate").GetString()));
    }

    [Fact]
    public async Task Preliminary_decisions_are_listed_among_the_pending_applications_and_count_their_amounts()
    {
        // DC06 and DC07 are decided, but the final decision is still to come. Before, only referred covers were
        // listed, and the oldest pending application was the referred one of 2026-11-30.
        var covers = new[]
        {
            Preliminary(1, 7, "DC06", applied: 60000m, decided: 30000m, new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero)),
            Preliminary(2, 8, "dc07", applied: 40000m, decided: 0m, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero)),
            CoverModelFactory.CoverDecision(
                coverId: 3,
                customerId: 1001,
                policyId: "5012345",
                buyerId: 9,
                status: CoverStatus.Referred,
                policyCurrency: "EUR",
                applicationAmount: new Money(20000m, "EUR"),
                applicationDate: new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)),
            Decided(4, 10, 50000m, code: "DC04"),
        };

        var report = await ReportOver(covers, new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications });

        Assert.Equal(3, report.PendingApplications.Count);
        Assert.Equal(
            [(1L, "DECISION", "DC06", 30000m), (2L, "DECISION", "dc07", 0m), (3L, "REFERRED", null, null)],
            report.PendingApplications.Items.Select(c => (c.CoverId, c.Status, c.DecisionCode, c.DecidedAmount)));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), report.PendingApplications.OldestApplicationDate);
        Assert.Equal(TimeSpan.FromDays(11) + TimeSpan.FromHours(1), report.PendingApplications.Items[0].Age);

        // The preliminary partial approval is the cover in force until the final decision.
        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((4, 2, 80000m, 170000m, 90000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
    }

    [Fact]
    public async Task A_preliminary_decision_from_the_portfolio_list_is_listed_among_the_pending_applications_and_in_their_csv_file()
    {
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC06","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":60000,"applicationDate":"2026-11-20T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":30000}},
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"applicationDate":"2026-11-10T08:00:00Z","totalDecision":{"decisionAmtInPolicyCurrency":20000}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.PendingApplications });

        using var csv = new StringWriter();
        await CoverReportCsvWriter.WriteSectionAsync(report, "pending-applications", csv, TestContext.Current.CancellationToken);

        Assert.Equal([1L], report.PendingApplications.Items.Select(c => c.CoverId));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), report.PendingApplications.OldestApplicationDate);
        var rows = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("1,,7,,credit-limit,DECISION,DC06,,30000,60000,EUR,", rows[1], StringComparison.Ordinal);
    }

    private static CoverDecision Expiring(long coverId, long buyerId, decimal amount, CoverDate? expiry) =>
        CoverModelFactory.CoverDecision(
            coverId: coverId,
            customerId: 1001,
            policyId: "5012345",
            buyerId: buyerId,
            code: "DC01",
            policyCurrency: "EUR",
            applicationAmount: new Money(amount, "EUR"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR"), expiryDate: expiry));

    private static CoverDecision Preliminary(long coverId, long buyerId, string code, decimal applied, decimal decided, DateTimeOffset applicationDate) =>
        CoverModelFactory.CoverDecision(
            coverId: coverId,
            customerId: 1001,
            policyId: "5012345",
            buyerId: buyerId,
            code: code,
            policyCurrency: "EUR",
            applicationAmount: new Money(applied, "EUR"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(decided, "EUR")),
            applicationDate: applicationDate);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_referred_increase_is_counted_once_as_its_cover_with_the_amount_applied_for(bool increaseFirst)
    {
        // Buyer 7 has 50,000 decided and an increase to 80,000 waiting for an underwriter: GET /covers lists the cover
        // and the application under their own ids. Before, they were two covers and 130,000 of requested exposure.
        const string cover = """
            {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
             "creditLimitApplicationAmountInPolicyCurrency":50000,"totalDecision":{"decisionAmtInPolicyCurrency":50000}}
            """;
        const string increase = """
            {"coverId":2,"buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
             "creditLimitApplicationAmountInPolicyCurrency":80000,"applicationDate":"2026-11-30T08:00:00Z"}
            """;
        const string application = """
            {"coverId":3,"buyerId":8,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
             "creditLimitApplicationAmountInPolicyCurrency":20000,"applicationDate":"2026-11-30T09:00:00Z"}
            """;
        var covers = increaseFirst ? new[] { increase, application, cover } : new[] { cover, application, increase };

        var report = await ReportOver(
            "{\"data\":[" + string.Join(",", covers) + "]}",
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.ByDecisionCode | CoverReportSections.PendingApplications });

        Assert.Equal(2, report.CoverCount);
        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((2, 1, 50000m, 100000m, 50000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
        Assert.Equal(
            [("(referred)", 1, 0m, 20000m), ("DC01", 1, 50000m, 80000m)],
            report.ByDecisionCode.Select(r => (r.Key, r.CoverCount, r.TotalCover, r.RequestedExposure)));

        // The increase still waits for an underwriter.
        Assert.Equal([2L, 3L], report.PendingApplications.Items.Select(c => c.CoverId).Order());
    }

    [Theory]
    [InlineData("\"customerId\":1001,\"policyId\":\"5012345 \",\"coverType\":\"credit-limit\"")]
    [InlineData("\"coverType\":\"credit-limit\"")]
    [InlineData("\"customerId\":1001,\"policyId\":\"5012345\",\"coverType\":\"CREDIT-LIMIT\"")]
    public async Task A_referred_increase_that_names_its_policy_or_cover_type_otherwise_is_still_counted_once_with_its_cover(string increaseNames)
    {
        // The report's filter takes a padded policy id, an entry that states no customer or policy, and a cover type
        // in other case as the cover's own: so must the pairing of the increase with its cover.
        var cover = CoverJson(1, buyerId: 7, amount: 50000, decided: 50000);
        var increase = "{\"coverId\":2,\"buyerId\":7," + increaseNames + ",\"coverStatus\":\"REFERRED\",\"policyCurrencyCode\":\"EUR\",\"creditLimitApplicationAmountInPolicyCurrency\":80000}";

        var report = await ReportOver(DataJson(cover, increase), new CoverReportDefinition { CustomerId = 1001, PolicyId = "5012345", Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 1, 50000m, 80000m, 30000m), (report.CoverCount, eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_referred_increase_that_states_no_customer_or_policy_is_counted_once_with_its_cover_in_a_report_that_names_neither(bool onlyInApplications)
    {
        // The lists are read for the client's customer and policy (1001, 5012345): an entry that states neither is
        // theirs, as the report's filter takes it. Before, a report naming neither paired such an increase under
        // customer 0 and no policy: two covers, 130,000 requested and 80,000 uncovered.
        var cover = CoverJson(1, buyerId: 7, amount: 50000, decided: 50000);
        const string increase = """
            {"coverId":2,"buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
             "creditLimitApplicationAmountInPolicyCurrency":80000,"applicationDate":"2026-12-02T08:00:00Z"}
            """;
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(increase)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, onlyInApplications ? DataJson(cover) : DataJson(cover, increase)));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications },
            TestContext.Current.CancellationToken);

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 1, 50000m, 80000m, 30000m), (report.CoverCount, eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
        Assert.Equal(2L, Assert.Single(report.PendingApplications.Items).CoverId);
    }

    [Fact]
    public async Task A_referred_increase_whose_amount_is_not_stated_leaves_the_covers_own_request_in_the_exposure()
    {
        // The service has sent amounts as empty strings. Before, the pair took the unknown amount as 0: a requested
        // exposure below the cover in force.
        var cover = CoverJson(1, buyerId: 7, amount: 50000, decided: 50000);
        var increase = CoverJson(2, buyerId: 7, status: "REFERRED", amount: null).Replace("\"coverId\":2,", "\"coverId\":2,\"creditLimitApplicationAmountInPolicyCurrency\":\"\",", StringComparison.Ordinal);

        var report = await ReportOver(DataJson(cover, increase), new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 50000m, 50000m, 0m), (report.CoverCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
    }

    [Fact]
    public async Task Exposure_is_counted_in_decided_amounts_in_policy_currency()
    {
        using var api = new CoverApi();

        // The user-currency amounts differ on purpose: the report must not use them.
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC04","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":"50000","creditLimitApplicationAmountInUserCurrency":"43000",
               "totalDecision":{"decisionAmtInPolicyCurrency":30000,"decisionAmtInUserCurrency":25800}},
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":20000}]}
            """));
        var definition = new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications };

        var report = await api.Client.Reports.CreatePortfolioReportAsync(definition, TestContext.Current.CancellationToken);

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal("EUR", eur.Currency);
        Assert.Equal(30000m, eur.TotalCover);
        Assert.Equal(70000m, eur.RequestedExposure);
        Assert.Equal(40000m, eur.UncoveredExposure);
        Assert.Equal(2, report.CoverCount);
    }

    [Fact]
    public async Task A_referred_application_is_reported_once_whether_the_portfolio_list_shows_it_or_only_the_applications_list()
    {
        // Whether GET /covers lists an application waiting for an underwriter is not known: cover 2 is in both lists,
        // cover 3 only in GET /covers/applications. Before, cover 3 was missing from the report.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(Referred(2, 20000), Referred(3, 15000))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":50000,"totalDecision":{"decisionAmtInPolicyCurrency":50000}},
            """ + Referred(2, 20000) + "]}"));
        var definition = new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications };

        var report = await api.Client.Reports.CreatePortfolioReportAsync(definition, TestContext.Current.CancellationToken);

        Assert.Equal(3, report.CoverCount);
        Assert.Equal([2L, 3L], report.PendingApplications.Items.Select(p => p.CoverId).Order());
        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal(50000m, eur.TotalCover);
        Assert.Equal(85000m, eur.RequestedExposure);

        static string Referred(long coverId, decimal amount) =>
            $$"""{"coverId":{{coverId}},"buyerId":{{coverId + 7}},"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":{{amount}}}""";
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00Z", "2026-11-01T08:00:05Z", "DC01", true)]
    [InlineData("2026-12-01T08:00:00Z", "2026-12-01", "DC01", true)]
    [InlineData("2026-11-01T08:00:00Z", "2026-11-01T08:00:05Z", "DC01", false)]
    [InlineData("2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z", "DC01", false)]
    [InlineData("2026-12-01T08:00:00Z", "2026-12-01", "DC05", false)]
    public async Task An_application_under_a_decided_covers_id_made_after_its_decision_is_counted_with_it_as_its_increase(string applied, string decided, string code, bool isIncrease)
    {
        // Whether a change keeps the cover's id is not known: GET /covers lists cover 1 decided (applied for on
        // 1 November), GET /covers/applications a referred application of 80,000 under the same id. Applied for after
        // that decision, it is an increase waiting for an underwriter, as the sync takes it (an approval dated by its
        // day alone came before an application of that day); before, it was dropped as a copy of the decided cover.
        // The cover's own application, or one its decision answered (a refusal dated by its day alone answers one of
        // that day), is GET /covers' entry.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, $$"""
            {"data":[{"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED",
              "policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":80000,"applicationDate":"{{applied}}"}]}
            """));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, $$"""
            {"data":[{"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"{{code}}",
              "policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":50000,"totalDecision":{"decisionAmtInPolicyCurrency":50000},
              "applicationDate":"2026-11-01T08:00:00Z","decisionDate":"{{decided}}"}]}
            """));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications },
            TestContext.Current.CancellationToken);

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 50000m), (report.CoverCount, eur.CoverCount, eur.TotalCover));
        Assert.Equal(isIncrease ? (80000m, 30000m) : (50000m, 0m), (eur.RequestedExposure, eur.UncoveredExposure));
        Assert.Equal(isIncrease ? [80000m] : Array.Empty<decimal?>(), report.PendingApplications.Items.Select(p => p.RequestedAmount));
    }

    [Fact]
    public async Task An_application_under_the_id_of_an_older_application_still_waiting_is_counted_in_its_place()
    {
        // GET /covers lists cover 1 waiting since 1 November, GET /covers/applications a later application under the
        // same id: the later one is the cover's application now, as the sync takes it, and the cover counts once.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, """
            {"data":[{"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED",
              "policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":80000,"applicationDate":"2026-12-01T08:00:00Z"}]}
            """));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, """
            {"data":[{"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED",
              "policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":50000,"applicationDate":"2026-11-01T08:00:00Z"}]}
            """));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications },
            TestContext.Current.CancellationToken);

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 0m, 80000m), (report.CoverCount, eur.CoverCount, eur.TotalCover, eur.RequestedExposure));
        Assert.Equal(80000m, Assert.Single(report.PendingApplications.Items).RequestedAmount);
    }

    [Theory]
    [InlineData("DC01", "2026-11-01T08:00:05Z", "2026-11-01T08:00:00Z", 50000, false)]
    [InlineData("DC01", "2026-11-01T08:00:05Z", "2026-11-01T08:00:00Z", 50000, true)]
    [InlineData("DC05", "2026-11-29T08:00:00Z", "2026-11-28T08:00:00Z", 80000, false)]
    [InlineData("DC05", "2026-11-29T08:00:00Z", "2026-11-28T08:00:00Z", 80000, true)]
    public async Task Of_two_referred_applications_under_a_decided_covers_id_the_later_one_counts_as_its_increase(string code, string decided, string olderApplied, int olderAmount, bool laterFirst)
    {
        // GET /covers/applications keeps an older application under cover 1's id (its own, or an increase refused on
        // 29 November) beside a new one of 90,000 applied for on 1 December, as the sync takes it. Before, the first
        // listed counted: the older one, answered by the decision, and the new increase was left out.
        var older = ReferredUnderTheCoversId(olderApplied, olderAmount);
        var later = ReferredUnderTheCoversId("2026-12-01T08:00:00Z", 90000);
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, laterFirst ? DataJson(later, older) : DataJson(older, later)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(DecidedUnderTheCoversId(code, decided))));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications },
            TestContext.Current.CancellationToken);

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 50000m, 90000m), (report.CoverCount, eur.CoverCount, eur.TotalCover, eur.RequestedExposure));
        Assert.Equal(90000m, Assert.Single(report.PendingApplications.Items).RequestedAmount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_increase_under_a_decided_covers_id_listed_in_both_lists_counts_once_with_it(bool referredFirst)
    {
        // Whether GET /covers lists an application waiting for an underwriter is not known: here it lists the new
        // application of 80,000 under cover 1's id beside the decided cover, and GET /covers/applications lists it too.
        // Before, the increase was dropped as a second entry of the cover, or (listed first) the decided cover was.
        var increase = ReferredUnderTheCoversId("2026-12-01T08:00:00Z", 80000);
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(increase)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, referredFirst ? DataJson(increase, DecidedUnderTheCoversId()) : DataJson(DecidedUnderTheCoversId(), increase)));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications },
            TestContext.Current.CancellationToken);

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 1, 1, 50000m, 80000m, 30000m), (report.CoverCount, eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
        Assert.Equal(80000m, Assert.Single(report.PendingApplications.Items).RequestedAmount);
    }

    [Fact]
    public async Task An_application_under_the_id_of_a_decided_cover_that_states_no_application_date_made_after_its_decision_is_its_increase()
    {
        // GET /covers leaves cover 1's application date out; it was decided on 1 November, a month before the
        // application of 80,000 under its id. Before, an application later than a copy without an application date was
        // never found, and the increase was dropped as a copy of the decided cover.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(ReferredUnderTheCoversId("2026-12-01T08:00:00Z", 80000))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(DecidedUnderTheCoversId(applied: null))));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications },
            TestContext.Current.CancellationToken);

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal((1, 50000m, 80000m), (report.CoverCount, eur.TotalCover, eur.RequestedExposure));
        Assert.Equal(80000m, Assert.Single(report.PendingApplications.Items).RequestedAmount);
    }

    // Cover 1 of customer 1001, applied for on 1 November and decided as given, with 50,000 in force.
    private static string DecidedUnderTheCoversId(string code = "DC01", string decided = "2026-11-01T08:00:05Z", string? applied = "2026-11-01T08:00:00Z") => $$"""
        {"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"{{code}}",
         "policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":50000,"totalDecision":{"decisionAmtInPolicyCurrency":50000},
         {{(applied is null ? "" : "\"applicationDate\":\"" + applied + "\",")}}"decisionDate":"{{decided}}"}
        """;

    // An application under cover 1's id, waiting for an underwriter.
    private static string ReferredUnderTheCoversId(string applied, int amount) => $$"""
        {"coverId":1,"customerId":1001,"policyId":"5012345","buyerId":7,"coverType":"credit-limit","coverStatus":"REFERRED",
         "policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":{{amount}},"applicationDate":"{{applied}}"}
        """;

    [Fact]
    public async Task The_rating_class_section_reads_the_buyers_of_the_reported_policy()
    {
        // The client's own policy is 5012345: the buyers must come from the policy the report is about.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, """
            {"data":[
              {"coverId":1,"customerId":1001,"policyId":"7000001","buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"GBP","creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}}]}
            """));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").WithQueryString("policyId", "7000001")
            .Respond(_ => Answer(200, """{"data":[{"buyerId":7,"uniqueIdentifiers":[],"currentBuyerRating":30,"currentBuyerRatingClass":"Good"}]}"""));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers")
            .Respond(_ => Answer(200, """{"data":[]}"""));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { PolicyId = "7000001", Sections = CoverReportSections.ByRatingClass },
            TestContext.Current.CancellationToken);

        Assert.Equal(1, report.CoverCount);
        var row = Assert.Single(report.ByRatingClass);
        Assert.Equal("Good", row.Key);
    }

    [Fact]
    public async Task A_report_by_country_without_a_buyer_lookup_reads_no_buyers_as_my_buyers_shows_no_country()
    {
        // Before, my-buyers was read whole for the country section, and every country was "(unknown)" all the same.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1, buyerId: 7), CoverJson(2, buyerId: 8))));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers")
            .Respond(_ => Answer(200, """{"data":[{"buyerId":7,"uniqueIdentifiers":[],"currentBuyerRating":30,"currentBuyerRatingClass":"Good"}]}"""));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByCountry | CoverReportSections.ByCurrency },
            TestContext.Current.CancellationToken);

        var row = Assert.Single(report.ByCountry);
        Assert.Equal(("(unknown)", 2, 100000m), (row.Key, row.CoverCount, row.TotalCover));
        Assert.DoesNotContain(api.Requests, r => r.Uri.AbsolutePath.EndsWith("/my-buyers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_buyer_listed_twice_in_my_buyers_is_reported_with_its_first_entry_as_everywhere_else()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"EUR","creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}}]}
            """));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, """
            {"data":[
              {"buyerId":7,"uniqueIdentifiers":[],"currentBuyerRating":30,"currentBuyerRatingClass":"Good"},
              {"buyerId":7,"uniqueIdentifiers":[],"currentBuyerRating":80,"currentBuyerRatingClass":"Poor"}]}
            """));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { Sections = CoverReportSections.ByRatingClass },
            TestContext.Current.CancellationToken);

        Assert.Equal("Good", Assert.Single(report.ByRatingClass).Key);
    }

    [Fact]
    public async Task A_report_on_a_policy_counts_the_covers_listed_for_it_that_do_not_state_their_policy_or_customer()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("policyId", "7000001").Respond(_ => Answer(200, """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"GBP","creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}},
              {"coverId":2,"customerId":2002,"policyId":"7000001","buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"GBP","creditLimitApplicationAmountInPolicyCurrency":20000,"totalDecision":{"decisionAmtInPolicyCurrency":20000}},
              {"coverId":3,"customerId":2002,"policyId":"7000009","buyerId":9,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"GBP","creditLimitApplicationAmountInPolicyCurrency":10000,"totalDecision":{"decisionAmtInPolicyCurrency":10000}}]}
            """));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, """{"data":[]}"""));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { CustomerId = 2002, PolicyId = "7000001", Sections = CoverReportSections.ByCurrency },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, report.CoverCount);
        Assert.Equal(50000m, Assert.Single(report.ByCurrency).TotalCover);
    }

    [Theory]
    [InlineData("7000001 ", "7000001")]
    [InlineData("7000001", " 7000001 ")]
    public async Task A_report_on_a_policy_counts_its_covers_when_the_policy_id_is_written_with_blanks_around_it(string reported, string listed)
    {
        // A policy id copied from a configuration file with a trailing blank, or listed padded by the service, is the
        // same policy, as an application is matched to its cover. Before, every cover was left out and the report
        // showed an empty portfolio.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, $$$"""
            {"data":[
              {"coverId":1,"customerId":1001,"policyId":"{{{listed}}}","buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"GBP","creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}},
              {"coverId":2,"customerId":1001,"policyId":"7000009","buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"GBP","creditLimitApplicationAmountInPolicyCurrency":10000,"totalDecision":{"decisionAmtInPolicyCurrency":10000}}]}
            """));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { PolicyId = reported, Sections = CoverReportSections.ByCurrency },
            TestContext.Current.CancellationToken);

        Assert.Equal(1, report.CoverCount);
        Assert.Equal(30000m, Assert.Single(report.ByCurrency).TotalCover);
    }

    [Fact]
    public async Task A_report_on_another_customer_reads_that_customers_covers_and_buyers()
    {
        // The client's own customer is 1001: the covers and buyers must come from the customer the report is about.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("customerId", "2002").Respond(_ => Answer(200, """
            {"data":[
              {"coverId":1,"customerId":2002,"policyId":"7000001","buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "policyCurrencyCode":"GBP","creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}}]}
            """));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(2))));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").WithQueryString("customerId", "2002")
            .Respond(_ => Answer(200, """{"data":[{"buyerId":7,"uniqueIdentifiers":[],"currentBuyerRating":30,"currentBuyerRatingClass":"Good"}]}"""));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, """{"data":[]}"""));

        var report = await api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { CustomerId = 2002, Sections = CoverReportSections.ByCurrency | CoverReportSections.ByRatingClass },
            TestContext.Current.CancellationToken);

        Assert.Equal(1, report.CoverCount);
        Assert.Equal(30000m, Assert.Single(report.ByCurrency).TotalCover);
        Assert.Equal("Good", Assert.Single(report.ByRatingClass).Key);
        Assert.All(api.Requests, r => Assert.Equal("?customerId=2002", r.Uri.Query));
    }

    [Theory]
    [InlineData(0L, null, "definition.CustomerId")]
    [InlineData(null, " ", "definition.PolicyId")]
    public async Task A_report_on_a_malformed_customer_or_policy_is_refused_by_name_before_any_request(long? customerId, string? policyId, string argument)
    {
        using var api = new CoverApi();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { CustomerId = customerId, PolicyId = policyId },
            TestContext.Current.CancellationToken));

        Assert.Equal(argument, error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    public async Task A_report_on_a_malformed_currency_is_refused_by_name_before_any_request(string currencyCode)
    {
        // Before, such a currency matched no cover, and the report came out empty as if the portfolio were.
        using var api = new CoverApi();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Reports.CreatePortfolioReportAsync(
            new CoverReportDefinition { CurrencyCode = currencyCode },
            TestContext.Current.CancellationToken));

        Assert.Equal("definition.CurrencyCode", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task One_currency_is_one_row_whatever_its_case()
    {
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}},
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"eur",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"totalDecision":{"decisionAmtInPolicyCurrency":20000}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal(50000m, eur.TotalCover);
    }

    [Fact]
    public async Task A_decision_code_in_lower_case_is_a_notice_and_one_row_with_the_same_code_in_upper_case()
    {
        // Before, "dc21" was no notice, and its cover made a row of its own beside "DC21".
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"dc21","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":30000,"withdrawalDate":"2026-12-01","totalDecision":{"decisionAmtInPolicyCurrency":30000}},
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC21","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"withdrawalDate":"2026-12-01","totalDecision":{"decisionAmtInPolicyCurrency":20000}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.Notices | CoverReportSections.ByDecisionCode });

        Assert.Equal(2, report.Notices.Count);
        var row = Assert.Single(report.ByDecisionCode);
        Assert.Equal(("DC21", 2, 50000m), (row.Key, row.CoverCount, row.TotalCover));
    }

    [Fact]
    public async Task A_listed_cover_names_its_currency_as_the_figures_do_in_upper_case()
    {
        // Before, the pending application was listed in "eur " while its figures were in "EUR".
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"eur ",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"applicationDate":"2026-11-30T08:00:00Z"},
              {"coverId":3,"buyerId":9,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"applicationDate":"2026-11-30T08:00:00Z"}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications });

        Assert.Equal(["(none)", "EUR"], report.ByCurrency.Select(r => r.Currency));
        Assert.Equal(["EUR", null], report.PendingApplications.Items.Select(c => c.Currency));
    }

    [Fact]
    public async Task Covers_without_a_currency_are_grouped_under_none_not_an_empty_currency()
    {
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"policyId":"A","coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01",
               "creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });

        var row = Assert.Single(report.ByCurrency);
        Assert.Equal("(none)", row.Currency);
    }

    [Fact]
    public async Task A_buyer_name_and_a_reference_that_run_as_formulas_after_a_blank_are_neutralised_in_the_file()
    {
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":2,"customerId":1001,"policyId":"5012345","buyerId":8,"buyerName":" =HYPERLINK(\"http://evil\",\"Tulip\")",
               "coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"applicationDate":"2026-11-30T08:00:00Z","customerRefNumber":" @SUM(A1)"}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.PendingApplications });

        using var writer = new StringWriter();
        await CoverReportCsvWriter.WriteSectionAsync(report, "pending-applications", writer, TestContext.Current.CancellationToken);
        var row = writer.ToString().Split("\r\n")[1];

        Assert.Contains(",\"' =HYPERLINK(", row, StringComparison.Ordinal);
        Assert.Contains(",' @SUM(A1)", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_own_negative_numbers_stay_numbers_in_the_csv_files_while_text_that_starts_with_a_minus_is_neutralised()
    {
        // Before, -5000 was written '-5000: a spreadsheet read it as text, and a sum over the column left it out.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":2,"buyerId":8,"coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":-5000,"customerRefNumber":"-1+1"}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications });

        using var section = new StringWriter();
        await CoverReportCsvWriter.WriteSectionAsync(report, "by-currency", section, TestContext.Current.CancellationToken);
        using var pending = new StringWriter();
        await CoverReportCsvWriter.WriteSectionAsync(report, "pending-applications", pending, TestContext.Current.CancellationToken);
        using var longFormat = new StringWriter();
        await CoverReportCsvWriter.WriteLongFormatAsync(report, longFormat, TestContext.Current.CancellationToken);

        Assert.Equal("EUR,EUR,1,0,0,-5000,0", section.ToString().Split("\r\n")[1]);
        var listed = pending.ToString().Split("\r\n")[1].Split(',');
        Assert.Equal("-5000", listed[9]);
        Assert.Equal("'-1+1", listed[15]);
        var lines = longFormat.ToString().Split("\r\n");
        Assert.Contains("by-currency,0,requested_exposure,-5000", lines);
        Assert.Contains("pending-applications,0,requested_amount,-5000", lines);
        Assert.Contains("pending-applications,0,customer_reference,'-1+1", lines);
    }

    [Fact]
    public async Task The_json_file_writes_a_notices_effective_date_as_the_csv_file_does()
    {
        // Before, the date came out as an object of its parts ({"year":2026,"month":12,"day":1}).
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC21","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":50000,"withdrawalDate":"2026-12-01","totalDecision":{"decisionAmtInPolicyCurrency":30000}}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.Notices });

        using var stream = new MemoryStream();
        await CoverReportJsonWriter.WriteAsync(report, stream, TestContext.Current.CancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());

        var notice = Assert.Single(json.RootElement.GetProperty("notices").GetProperty("items").EnumerateArray());
        Assert.Equal("2026-12-01", notice.GetProperty("effectiveDate").GetString());
    }

    [Theory]
    [InlineData(CoverReportSections.ByCurrency | CoverReportSections.Notices)]
    [InlineData(CoverReportSections.PendingApplications | CoverReportSections.ChangedInPeriod)]
    [InlineData(CoverReportSections.None)]
    [InlineData(CoverReportSections.All)]
    public async Task The_json_file_holds_the_sections_asked_for_and_leaves_out_the_others(CoverReportSections sections)
    {
        // Before, every section was written, one not asked for as an empty list: "no notices" where none were looked for.
        var report = await ReportOver([Decided(1, 7, 50000, code: "DC21")], new CoverReportDefinition
        {
            Sections = sections,
            BuyerLookup = (_, _) => Task.FromResult<CoverReportBuyer?>(null),
        });

        using var stream = new MemoryStream();
        await CoverReportJsonWriter.WriteAsync(report, stream, TestContext.Current.CancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());

        string[] always = ["name", "sections", "policyId", "customerId", "currencyCode", "coverType", "generatedAt", "periodStart", "periodEnd", "coverCount"];
        (string Name, CoverReportSections Section)[] sectionProperties =
        [
            ("byCurrency", CoverReportSections.ByCurrency), ("byCountry", CoverReportSections.ByCountry),
            ("byRatingClass", CoverReportSections.ByRatingClass), ("byDecisionCode", CoverReportSections.ByDecisionCode),
            ("pendingApplications", CoverReportSections.PendingApplications), ("notices", CoverReportSections.Notices),
            ("changedInPeriod", CoverReportSections.ChangedInPeriod),
        ];
        var expected = always.Concat(sectionProperties.Where(p => (sections & p.Section) != 0).Select(p => p.Name));
        Assert.Equal(expected, json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.RootElement.GetProperty("coverCount").GetInt32());
        if ((sections & CoverReportSections.ByCurrency) != 0)
        {
            var eur = Assert.Single(json.RootElement.GetProperty("byCurrency").EnumerateArray());
            Assert.Equal(("EUR", 1), (eur.GetProperty("key").GetString(), eur.GetProperty("coverCount").GetInt32()));
        }

        if ((sections & CoverReportSections.Notices) != 0)
        {
            Assert.Equal(1, json.RootElement.GetProperty("notices").GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task An_indication_is_counted_but_not_added_to_the_cover_in_force_except_in_a_report_of_indications()
    {
        const string covers = """
            {"data":[
              {"coverId":1,"buyerId":7,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":30000,"totalDecision":{"decisionAmtInPolicyCurrency":30000}},
              {"coverId":2,"buyerId":8,"coverType":"indication","coverStatus":"DECISION","decisionCode":"DC01","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":90000,"totalDecision":{"decisionAmtInPolicyCurrency":80000}}]}
            """;

        var all = await ReportOver(covers, new CoverReportDefinition { Sections = CoverReportSections.ByCurrency });
        var indications = await ReportOver(covers, new CoverReportDefinition { CoverType = CoverType.Indication, Sections = CoverReportSections.ByCurrency });

        var eur = Assert.Single(all.ByCurrency);
        Assert.Equal((2, 1, 30000m, 30000m, 0m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
        var indicated = Assert.Single(indications.ByCurrency);
        Assert.Equal((1, 80000m, 90000m), (indicated.CoverCount, indicated.TotalCover, indicated.RequestedExposure));
    }

    [Fact]
    public async Task A_buyer_name_written_as_a_markdown_link_or_image_is_escaped_and_a_backslash_keeps_the_table_whole()
    {
        // Before, the name rendered as a link and an image loaded from the address, and "a\|b" split its cell in two.
        var report = await ReportOver(
            """
            {"data":[
              {"coverId":2,"buyerId":8,"buyerName":"![x](https://evil.example/p.png) [Pay here](https://evil.example)",
               "coverType":"credit-limit","coverStatus":"REFERRED","policyCurrencyCode":"EUR",
               "creditLimitApplicationAmountInPolicyCurrency":20000,"applicationDate":"2026-11-30T08:00:00Z","customerRefNumber":"a\\|b"}]}
            """,
            new CoverReportDefinition { Sections = CoverReportSections.PendingApplications });

        using var writer = new StringWriter();
        await CoverReportMarkdownWriter.WriteAsync(report, writer, TestContext.Current.CancellationToken);
        var text = writer.ToString();

        Assert.Contains("| ` ![x](https://evil.example/p.png) [Pay here](https://evil.example) ` |", text, StringComparison.Ordinal);
        Assert.Contains(@"| a\\\|b |", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pay now at https://evil.example/pay", "` Pay now at https://evil.example/pay `")]
    [InlineData("www.evil.example or billing@evil.example", "` www.evil.example or billing@evil.example `")]
    [InlineData("<https://auto.example> `x` a|b", "`` <https://auto.example> `x` a\\|b ``")]
    public async Task A_buyer_name_holding_an_address_is_a_code_span_in_the_markdown_summary(string name, string written)
    {
        // Renderers with the autolink extension link a bare address or e-mail address in plain text, escaped or not.
        // Before, each of these names rendered as a link.
        var report = await ReportOver(
            "{\"data\":[{\"coverId\":2,\"buyerId\":8,\"buyerName\":" + System.Text.Json.JsonSerializer.Serialize(name) + ",\"coverType\":\"credit-limit\",\"coverStatus\":\"REFERRED\","
                + "\"policyCurrencyCode\":\"EUR\",\"creditLimitApplicationAmountInPolicyCurrency\":20000,\"applicationDate\":\"2026-11-30T08:00:00Z\"}]}",
            new CoverReportDefinition { Sections = CoverReportSections.PendingApplications });

        using var writer = new StringWriter();
        await CoverReportMarkdownWriter.WriteAsync(report, writer, TestContext.Current.CancellationToken);

        Assert.Contains("| " + written + " |", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_page_names_the_reports_filters_as_the_markdown_summary_does()
    {
        // Before, a page over one policy's euro covers read as the whole portfolio.
        var definition = new CoverReportDefinition
        {
            Sections = CoverReportSections.ByCurrency,
            PolicyId = "5012345",
            CustomerId = 1001,
            CurrencyCode = "EUR",
            CoverType = CoverType.CreditLimit,
        };
        var report = await ReportOver([Decided(1, 100, 50000)], definition);

        using var writer = new StringWriter();
        await CoverReportHtmlWriter.WriteAsync(report, writer, TestContext.Current.CancellationToken);

        Assert.Contains(" covers, policy 5012345, customer 1001, currency EUR, cover type credit-limit.</p>", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_currency_filter_written_in_lower_case_with_blanks_is_named_as_the_currency_it_reports_on()
    {
        // Before, the summary of a report on EUR said "currency eur ".
        var report = await ReportOver([Decided(1, 100, 50000)], new CoverReportDefinition { Sections = CoverReportSections.ByCurrency, CurrencyCode = "eur ", PolicyId = " 5012345" });

        using var writer = new StringWriter();
        await CoverReportMarkdownWriter.WriteAsync(report, writer, TestContext.Current.CancellationToken);

        Assert.Equal(("EUR", "5012345"), (report.CurrencyCode, report.PolicyId));
        Assert.Contains("1 covers, policy 5012345, currency EUR.", writer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("markdown")]
    public async Task A_large_html_or_markdown_report_is_streamed_to_the_writer_not_built_whole_in_memory_first(string format)
    {
        // Before, the whole page was built as one string and written at the end: listing 100,000 covers per section,
        // several hundred megabytes were held before the first byte reached the file.
        var applied = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var covers = Enumerable.Range(1, 2000).Select(i => CoverModelFactory.CoverDecision(
            coverId: i,
            buyerId: 1000 + i,
            status: CoverStatus.Referred,
            policyCurrency: "EUR",
            applicationAmount: new Money(20000m, "EUR"),
            applicationDate: applied,
            buyerName: "Tulip Trading " + i));
        var report = await ReportOver(covers, new CoverReportDefinition { Sections = CoverReportSections.PendingApplications, MaxListedItems = 2000 });

        using var writer = new LargestWriteRecorder();
        await (format == "html"
            ? CoverReportHtmlWriter.WriteAsync(report, writer, TestContext.Current.CancellationToken)
            : CoverReportMarkdownWriter.WriteAsync(report, writer, TestContext.Current.CancellationToken));

        Assert.Equal(2000, writer.ToString().Split("Tulip Trading ").Length - 1);
        Assert.InRange(writer.LargestWrite, 1, 4096);
    }

    private sealed class LargestWriteRecorder : StringWriter
    {
        public int LargestWrite { get; private set; }

        public override Task WriteAsync(string? value)
        {
            LargestWrite = Math.Max(LargestWrite, value?.Length ?? 0);
            return base.WriteAsync(value);
        }
    }
}
