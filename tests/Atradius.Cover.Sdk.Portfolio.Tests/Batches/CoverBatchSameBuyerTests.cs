using Atradius.Cover.Sdk.Portfolio.Tests.Support;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Batches;

/// <summary>
/// Two items on one buyer are two applications: the service takes one and refuses the other as already existing.
/// The refused item must be reported refused, never as recovered with the cover the other item made.
/// </summary>
public sealed class CoverBatchSameBuyerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long FreeWellRatedBuyer(SandboxPortfolio portfolio)
    {
        var covered = portfolio.Sandbox.GetCovers().Select(c => c.BuyerId).ToHashSet();
        return portfolio.Sandbox.World.Buyers.First(b => b.Rating <= 30 && !covered.Contains(b.BuyerId)).BuyerId;
    }

    private static async Task AssertSecondRefusedAsAlreadyExisting(SandboxPortfolio portfolio, CoverApplication first, CoverApplication second)
    {
        var result = await new CoverBatchRunner(portfolio.Client, new InMemoryCoverPortfolioStore(), new CoverBatchOptions { MaxConcurrency = 1 })
            .RunAsync("same-buyer", [first, second], cancellationToken: Ct);

        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(CoverBatchItemStatus.Decided, result.Items[0].Status);
        var refused = result.Items[1];
        Assert.Equal(CoverBatchItemStatus.Failed, refused.Status);
        Assert.False(refused.Recovered);
        Assert.Null(refused.CoverId);
        Assert.Contains("already exists", refused.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_item_without_a_reference_is_not_taken_for_the_item_with_one()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyer = FreeWellRatedBuyer(portfolio);

        await AssertSecondRefusedAsAlreadyExisting(
            portfolio,
            new CoverApplication { BuyerId = buyer, CreditLimitAmount = 20000m, CurrencyCode = "EUR", CustomerReference = "ERP-1" },
            new CoverApplication { BuyerId = buyer, CreditLimitAmount = 20000m, CurrencyCode = "EUR" });
    }

    [Fact]
    public async Task An_item_starting_on_another_day_is_not_taken_for_the_item_the_service_took()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyer = FreeWellRatedBuyer(portfolio);
        var today = portfolio.Sandbox.Clock.GetUtcNow().UtcDateTime.Date;

        await AssertSecondRefusedAsAlreadyExisting(
            portfolio,
            new CoverApplication { BuyerId = buyer, CreditLimitAmount = 20000m, CurrencyCode = "EUR", CustomerReference = "R", EffectFromDate = CoverDate.FromDateTime(today.AddDays(1)) },
            new CoverApplication { BuyerId = buyer, CreditLimitAmount = 20000m, CurrencyCode = "EUR", CustomerReference = "R", EffectFromDate = CoverDate.FromDateTime(today.AddDays(30)) });
    }
}
