using System.Net;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Reports.ReportWorld;

namespace Atradius.Cover.Sdk.Tests.Reports;

public sealed class ReportsClientTests
{
    private static ReportsClient Reports(ICoverClient? client = null) =>
        new(client ?? new FakeCoverClient(), new FakeTimeProvider(Now));

    private sealed class FakeCoverClient : CoverClient
    {
    }

    [Fact]
    public async Task Computes_the_figures_of_a_known_portfolio()
    {
        var report = await Reports().CreatePortfolioReportAsync(Stream(Portfolio()), new CoverReportDefinition { BuyerLookup = Lookup }, TestContext.Current.CancellationToken);

        Assert.Equal(7, report.CoverCount);

        var eur = Assert.Single(report.ByCurrency, r => r.Key == "EUR");
        Assert.Equal((5, 3, 100_000m, 245_000m, 145_000m), (eur.CoverCount, eur.CoveredCount, eur.TotalCover, eur.RequestedExposure, eur.UncoveredExposure));
        var usd = Assert.Single(report.ByCurrency, r => r.Key == "USD");
        Assert.Equal((2, 1, 10_000m, 15_000m), (usd.CoverCount, usd.CoveredCount, usd.TotalCover, usd.RequestedExposure));

        var nldEur = Assert.Single(report.ByCountry, r => r.Key == "NLD" && r.Currency == "EUR");
        Assert.Equal((2, 70_000m), (nldEur.CoverCount, nldEur.TotalCover));
        Assert.Equal(1, Assert.Single(report.ByCountry, r => r.Key == "NLD" && r.Currency == "USD").CoverCount);
        Assert.Equal(1, Assert.Single(report.ByCountry, r => r.Key == "(unknown)").CoverCount);
        Assert.Equal(2, Assert.Single(report.ByRatingClass, r => r.Key == "Fair").CoverCount);
        Assert.Equal(1, Assert.Single(report.ByRatingClass, r => r.Key == "(unknown)" && r.Currency == "EUR").CoverCount);
        Assert.Equal(2, Assert.Single(report.ByDecisionCode, r => r.Key == "DC01" && r.Currency == "EUR").CoverCount + Assert.Single(report.ByDecisionCode, r => r.Key == "DC01" && r.Currency == "USD").CoverCount);
        Assert.Equal(2, report.ByDecisionCode.Where(r => r.Key == "(referred)").Sum(r => r.CoverCount));

        Assert.Equal(new long[] { 6, 7 }, report.PendingApplications.Items.Select(i => i.CoverId).ToArray());
        Assert.Equal(TimeSpan.FromDays(12), report.PendingApplications.Items[1].Age);
        Assert.Equal(Now.AddDays(-12), report.PendingApplications.OldestApplicationDate);
        Assert.Equal(new long[] { 3, 5 }, report.Notices.Items.Select(i => i.CoverId).ToArray());
        Assert.Equal(new DateOnly(2026, 12, 20), report.Notices.Items[0].EffectiveDate);
        Assert.Equal(new long[] { 3, 5, 6 }, report.ChangedInPeriod.Items.Select(i => i.CoverId).ToArray());
    }

    [Fact]
    public async Task Applies_the_callers_filters_and_sections()
    {
        var report = await Reports().CreatePortfolioReportAsync(
            Stream(Portfolio()),
            new CoverReportDefinition { CurrencyCode = "usd", Sections = CoverReportSections.ByCurrency | CoverReportSections.PendingApplications },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, report.CoverCount);
        Assert.Equal("USD", Assert.Single(report.ByCurrency).Key);
        Assert.Empty(report.ByCountry);
        Assert.Equal(0, report.Notices.Count);
        Assert.Equal(7, Assert.Single(report.PendingApplications.Items).CoverId);
    }

    [Fact]
    public async Task Reads_covers_over_http_and_looks_each_buyer_up_once()
    {
        using var http = new MockHttpMessageHandler();
        var t = Now.AddDays(-1);
        http.When(HttpMethod.Get, PortfolioJson.Covers).WithQueryString("policyId", "5012345")
            .Respond("application/json", PortfolioJson.Page(null, PortfolioJson.Cover(1, 1, t, buyerId: 77), PortfolioJson.Cover(2, 1, t, buyerId: 77, amount: 20_000m)));
        var buyer = http.When(HttpMethod.Get, PortfolioJson.Base + "credit-insurance/organisation-management/v1/buyers/77")
            .Respond("application/json", """{"buyerId":77,"buyerName":"Tulip","countryCode":"NLD","uniqueIdentifiers":[],"currentBuyerRatingClass":"Good"}""");
        using var cover = PortfolioJson.Client(http);

        var report = await Reports(cover).CreatePortfolioReportAsync(new CoverReportDefinition { PolicyId = "5012345" }, TestContext.Current.CancellationToken);

        Assert.Equal(1, http.GetMatchCount(buyer));
        var nld = Assert.Single(report.ByCountry);
        Assert.Equal(("NLD", 2, 70_000m), (nld.Key, nld.CoverCount, nld.TotalCover));
        Assert.Equal("Good", Assert.Single(report.ByRatingClass).Key);
    }

    [Fact]
    public async Task Streams_a_hundred_thousand_covers_without_keeping_them()
    {
        var sample = new List<WeakReference>();
        async IAsyncEnumerable<CoverDecision> Synthetic()
        {
            for (var i = 1; i <= 100_000; i++)
            {
                var cover = i % 1000 == 0
                    ? Referred(i, i % 5000, 1_000m, ageDays: 1)
                    : Decided(i, i % 5000, 1_000m, 2_000m, currency: i % 2 == 0 ? "EUR" : "USD");
                if (i > 1000 && i % 1000 == 1 && sample.Count < 50)
                {
                    sample.Add(new WeakReference(cover));
                }

                yield return cover;
                if (i % 10_000 == 0)
                {
                    await Task.Yield();
                }
            }
        }

        var report = await Reports().CreatePortfolioReportAsync(
            Synthetic(),
            new CoverReportDefinition { MaxListedItems = 10, BuyerLookup = (id, _) => Task.FromResult<Buyer?>(CoverModelFactory.Buyer(id, countryCode: id % 2 == 0 ? "NLD" : "BEL")) },
            TestContext.Current.CancellationToken);

        Assert.Equal(100_000, report.CoverCount);
        Assert.Equal(100, report.PendingApplications.Count);
        Assert.Equal(10, report.PendingApplications.Items.Count);
        Assert.True(report.PendingApplications.IsTruncated);
        Assert.Equal(99_900m * 1_000m, report.ByCurrency.Sum(r => r.TotalCover));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(50, sample.Count);
        Assert.All(sample, w => Assert.False(w.IsAlive));
        GC.KeepAlive(report);
    }
}
