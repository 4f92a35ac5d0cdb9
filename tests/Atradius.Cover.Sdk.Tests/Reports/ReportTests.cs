using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Reports;

public sealed class ReportTests
{
    [Fact]
    public async Task Exposure_is_counted_in_decided_amounts_in_policy_currency()
    {
        using var api = new CoverApi();

        // The user-currency amounts differ on purpose: the report must not use them.
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
}
