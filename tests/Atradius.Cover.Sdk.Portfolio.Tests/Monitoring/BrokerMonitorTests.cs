using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Monitoring;

public sealed class BrokerMonitorTests
{
    [Fact]
    public async Task A_brokers_monitor_syncs_the_customer_and_policy_it_is_set_to_under_that_customers_key()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var broker = portfolio.Sandbox.BrokerClient;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAtradiusCover(o =>
        {
            SandboxPortfolio.Configure(portfolio.Sandbox, o);
            o.ClientId = broker.ClientId;
            o.ClientSecret = broker.ClientSecret;
            o.AppKey = broker.AppKey;
        });
        var handler = new RecordingHandler();
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.CustomerId = SandboxFixtures.SterlingCustomerId;
            o.PolicyId = SandboxFixtures.SterlingPolicyId;
            o.Interval = TimeSpan.FromMinutes(5);
        }).UseInMemoryStore().AddHandler(handler);
        using var host = builder.Build();

        var monitor = await MonitorHost.RunFirstSyncAsync(host);

        Assert.Null(monitor.Status.LastError);
        Assert.Equal("portfolio-sync/" + SandboxFixtures.SterlingCustomerId + "/" + SandboxFixtures.SterlingPolicyId, monitor.LeaseResource);
        var theirs = portfolio.Sandbox.GetCovers().Where(c => c.CustomerId == SandboxFixtures.SterlingCustomerId && c.IsCurrent).Select(c => c.CoverId).ToHashSet();
        Assert.NotEmpty(theirs);
        var reported = handler.Changes.Where(c => c.CoverId is not null).Select(c => c.CoverId!.Value).ToHashSet();
        Assert.Equal(theirs.Order(), reported.Order());
        Assert.DoesNotContain(handler.Changes, c => c.Cover is { } cover && cover.CustomerId != SandboxFixtures.SterlingCustomerId);

        // Their buyers' ratings too: my-buyers read with their policy alone listed the broker's own customer's.
        var key = SandboxFixtures.SterlingCustomerId + "/" + SandboxFixtures.SterlingPolicyId;
        var ratings = await host.Services.GetRequiredService<ICoverPortfolioStore>().ReadLatestBuyerRatingFingerprintsAsync(key, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var theirBuyers = portfolio.Sandbox.GetCovers().Where(c => c.CustomerId == SandboxFixtures.SterlingCustomerId && c.IsCurrent).Select(c => c.BuyerId).ToHashSet();
        Assert.Equal(theirBuyers.Order(), ratings.Select(r => r.BuyerId).Order());
    }

    // Before, a policy the lists refuse passed the host's checks, and every sync failed with an ArgumentException naming
    // query.PolicyId, a name the monitor's user never set.
    [Theory]
    [InlineData("CustomerId", "-5")]
    [InlineData("PolicyId", "123456789012345678901")]
    [InlineData("PolicyId", " ")]
    public async Task A_customer_or_policy_the_lists_would_refuse_stops_the_host_at_start_naming_the_setting(string setting, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAtradiusCover(o => { o.BaseAddress = new Uri("http://127.0.0.1:9/"); o.CustomerId = 1; o.ClientId = "client"; o.ClientSecret = "secret"; });
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.CustomerId = setting == "CustomerId" ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 200418;
            o.PolicyId = setting == "PolicyId" ? value : "5012346";
        }).UseInMemoryStore();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("CoverMonitorOptions." + setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_that_is_not_positive_is_refused_by_name_when_the_monitor_is_built()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCover(o => { o.BaseAddress = new Uri("http://127.0.0.1:9/"); o.CustomerId = 1; o.ClientId = "client"; o.ClientSecret = "secret"; });
        builder.Services.AddAtradiusCoverMonitor(o => o.CustomerId = 0).UseInMemoryStore();
        using var host = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services.GetRequiredService<CoverMonitorService>());
        Assert.Contains("CoverMonitorOptions.CustomerId", error.Message, StringComparison.Ordinal);
    }
}
