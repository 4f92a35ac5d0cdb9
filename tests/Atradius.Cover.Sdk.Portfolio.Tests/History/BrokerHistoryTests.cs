using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Portfolio.Tests.History;

public sealed class BrokerHistoryTests
{
    // Before, a history built from a client read GET /covers/historic for the client's own customer only: a broker's
    // history of another customer's portfolio missed that customer's ended versions, and would have shown the broker's
    // own customer's versions on the same buyer instead.
    [Fact]
    public async Task A_brokers_history_of_another_customer_reads_that_customers_historic_versions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var options = SandboxPortfolio.ClientOptions(portfolio.Sandbox);
        var credentials = portfolio.Sandbox.BrokerClient;
        options.ClientId = credentials.ClientId;
        options.ClientSecret = credentials.ClientSecret;
        options.AppKey = credentials.AppKey;
        await using var broker = new CoverClient(options);
        var key = new CoverKey(SandboxFixtures.WellRatedDutchBuyerId, CoverType.CreditLimit, SandboxFixtures.SterlingPolicyId, SandboxFixtures.SterlingCustomerId);
        await broker.Decisions.CancelAsync(key, cancellationToken: ct);
        var store = new InMemoryCoverPortfolioStore();
        var portfolioKey = SandboxFixtures.SterlingCustomerId + "/" + SandboxFixtures.SterlingPolicyId;

        var theirs = await new CoverHistory(broker, store, portfolioKey, SandboxFixtures.SterlingCustomerId, SandboxFixtures.SterlingPolicyId)
            .GetCoverHistoryAsync(SandboxFixtures.WellRatedDutchBuyerId, SandboxFixtures.OtherCustomerCreditLimitCoverId, ct);
        var own = await new CoverHistory(broker, store, portfolioKey)
            .GetBuyerHistoryAsync(SandboxFixtures.WellRatedDutchBuyerId, ct);

        var ended = Assert.Single(theirs);
        Assert.Equal(CoverHistory.ServiceHistoric, ended.Source);
        Assert.Equal(SandboxFixtures.SterlingCustomerId, ended.Cover.CustomerId);
        Assert.Equal("CCLD", ended.Cover.HistoricCode);
        Assert.DoesNotContain(own, e => e.Cover.CustomerId == SandboxFixtures.SterlingCustomerId);
    }

    [Fact]
    public void A_customer_that_is_not_positive_is_refused_by_name()
    {
        using var client = new CoverClient(new CoverClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), CustomerId = 1, ClientId = "client", ClientSecret = "secret" });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CoverHistory(client, new InMemoryCoverPortfolioStore(), "0/all", 0, null));

        Assert.Equal("customerId", error.ParamName);
    }

    // Before, it was taken, and every read of the service's history failed naming query.PolicyId.
    [Fact]
    public void A_policy_longer_than_20_characters_is_refused_by_name()
    {
        using var client = new CoverClient(new CoverClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), CustomerId = 1, ClientId = "client", ClientSecret = "secret" });

        var error = Assert.Throws<ArgumentException>(() => new CoverHistory(client, new InMemoryCoverPortfolioStore(), "200418/all", 200418, "123456789012345678901"));

        Assert.Equal("policyId", error.ParamName);
    }
}
