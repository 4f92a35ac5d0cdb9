using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Sandbox.World;
using Atradius.Cover.Sdk.Tests.Support;

namespace Atradius.Cover.Sdk.Tests.Reports;

public sealed class ReportsSandboxTests
{
    [Fact]
    public async Task Report_figures_match_the_sandbox_world()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await PortfolioSandbox.StartAsync(o => o.GeneratedCoverCount = 300, ct);
        await world.Sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 40_000m, ct);
        var reports = new ReportsClient(world.Client, world.Sandbox.Clock);

        var report = await reports.CreatePortfolioReportAsync(new CoverReportDefinition { PolicyId = SandboxFixtures.EuroPolicyId }, ct);

        var truth = world.Sandbox.GetCovers().Where(c => c.IsCurrent && c.PolicyId == SandboxFixtures.EuroPolicyId).ToList();
        Assert.Equal(truth.Count, report.CoverCount);
        var eur = Assert.Single(report.ByCurrency);
        Assert.Equal("EUR", eur.Key);
        Assert.Equal(truth.Sum(c => c.DecisionAmount ?? 0m), eur.TotalCover);
        Assert.Equal(truth.Sum(c => c.CreditLimitApplicationAmount ?? 0m), eur.RequestedExposure);

        var byCountry = truth.GroupBy(c => world.Sandbox.World.FindBuyer(c.BuyerId)!.CountryCode)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(c => c.DecisionAmount ?? 0m)));
        Assert.Equal(byCountry, report.ByCountry.ToDictionary(r => r.Key, r => (r.CoverCount, r.TotalCover)));
        var byRating = truth.GroupBy(c => world.Sandbox.World.FindBuyer(c.BuyerId)!.RatingClass).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(byRating, report.ByRatingClass.ToDictionary(r => r.Key, r => r.CoverCount));

        Assert.Equal(truth.Count(c => c.CoverStatus == "REFERRED"), report.PendingApplications.Count);
        Assert.Contains(report.Notices.Items, n => n.CoverId == SandboxFixtures.ExistingCreditLimitCoverId && n.DecisionCode == "DC21" && n.EffectiveDate is not null);
    }
}
