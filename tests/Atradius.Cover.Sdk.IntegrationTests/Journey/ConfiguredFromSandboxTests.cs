using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>A host configured from a sandbox's client settings reaches it the way a configured host reaches a real environment.</summary>
public sealed class ConfiguredFromSandboxTests
{
    [Fact]
    public async Task A_host_bound_to_the_sandboxs_settings_reads_its_policy_with_the_read_write_client()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(sandbox.ClientSettings());
        builder.Services.AddAtradiusCover(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync(ct);

        var policy = await host.Services.GetRequiredService<ICoverClient>().Policies.GetAsync(cancellationToken: ct);

        Assert.Equal(sandbox.ReadWriteClient.PolicyId, policy.Value.PolicyId);
        Assert.Equal("EUR", policy.Value.Currency);
        Assert.Equal(1, sandbox.Statistics.TokenRequests);
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Two_customers_sections_give_two_named_clients_each_reading_its_own_policy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(sandbox.ClientSettings(sandbox.ReadWriteClient, "Customers:A"))
            .AddInMemoryCollection(sandbox.ClientSettings(sandbox.OtherCustomerClient, "Customers:B"))
            .Build();
        var services = new ServiceCollection();
        services.AddAtradiusCover("customer-a", configuration.GetSection("Customers:A"));
        services.AddAtradiusCover("customer-b", configuration.GetSection("Customers:B"));
        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<ICoverClientFactory>();

        var a = await clients.CreateClient("customer-a").Policies.GetAsync(cancellationToken: ct);
        var b = await clients.CreateClient("customer-b").Policies.GetAsync(cancellationToken: ct);

        Assert.Equal(("5012345", "EUR"), (a.Value.PolicyId, a.Value.Currency));
        Assert.Equal(("5012346", "GBP"), (b.Value.PolicyId, b.Value.Currency));
    }
}
