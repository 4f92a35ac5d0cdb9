using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Monitoring;

public sealed class NamedClientTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-named-").FullName;

    // Only the named registration reaches the sandbox: anything read with the unnamed client would fail.
    private static HostApplicationBuilder HostWithNamedClient(CoverSandbox sandbox)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAtradiusCover("brokered", o => SandboxPortfolio.Configure(sandbox, o));
        return builder;
    }

    [Fact]
    public async Task The_monitor_reads_with_the_named_client_and_keys_the_portfolio_by_its_customer_and_policy()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync(o => o.GeneratedCoverCount = 20);
        var builder = HostWithNamedClient(portfolio.Sandbox);
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.ClientName = "brokered";
            o.Interval = TimeSpan.FromMinutes(5);
        }).UseInMemoryStore();
        using var host = builder.Build();

        var monitor = await MonitorHost.RunFirstSyncAsync(host);

        Assert.Null(monitor.Status.LastError);
        Assert.Equal(portfolio.PortfolioKey, monitor.LeaseResource["portfolio-sync/".Length..]);
        Assert.True(monitor.Status.LastResult!.CoversRead >= 20);
    }

    [Fact]
    public async Task The_report_scheduler_reads_with_the_named_client()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync(o => o.GeneratedCoverCount = 20);
        var builder = HostWithNamedClient(portfolio.Sandbox);
        builder.Services.AddSingleton<ICoverPortfolioStore>(new InMemoryCoverPortfolioStore());
        builder.Services.AddAtradiusCoverReportScheduler(o =>
        {
            o.ClientName = "brokered";
            o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "daily" }, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        });
        using var host = builder.Build();
        var scheduler = host.Services.GetRequiredService<CoverReportSchedulerService>();

        Assert.Equal(["daily"], await scheduler.RunDueAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(folder, "daily.md")));
    }

    [Fact]
    public void The_report_scheduler_registered_twice_with_two_client_names_is_refused_at_start()
    {
        // Before, the first call's reports were read with the second call's client: another customer's portfolio.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        foreach (var name in new[] { "library-customer", "app-customer" })
        {
            builder.Services.AddAtradiusCover(name, o =>
            {
                o.BaseAddress = new Uri("http://127.0.0.1:9/");
                o.CustomerId = name.Length;
                o.ClientId = "client";
                o.ClientSecret = "secret";
            });
        }

        builder.Services.AddSingleton<ICoverPortfolioStore>(new InMemoryCoverPortfolioStore());
        builder.Services.AddAtradiusCoverReportScheduler(o =>
        {
            o.ClientName = "library-customer";
            o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "library-daily" }, OutputDirectory = folder });
        });
        builder.Services.AddAtradiusCoverReportScheduler(o =>
        {
            o.ClientName = "app-customer";
            o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "app-daily" }, OutputDirectory = folder });
        });
        using var host = builder.Build();

        var refused = Assert.Throws<ArgumentException>(() => host.Services.GetRequiredService<CoverReportSchedulerService>());
        Assert.Contains("'library-customer', then 'app-customer'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_scheduler_registered_twice_naming_one_client_once_reads_with_it()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync(o => o.GeneratedCoverCount = 20);
        var builder = HostWithNamedClient(portfolio.Sandbox);
        builder.Services.AddSingleton<ICoverPortfolioStore>(new InMemoryCoverPortfolioStore());
        builder.Services.AddAtradiusCoverReportScheduler(o =>
        {
            o.ClientName = "brokered";
            o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "library-daily" }, Formats = CoverReportFormats.Markdown, OutputDirectory = folder });
        });
        builder.Services.AddAtradiusCoverReportScheduler(o => o.Schedules.Add(new CoverReportSchedule { Definition = new CoverReportDefinition { Name = "app-daily" }, Formats = CoverReportFormats.Markdown, OutputDirectory = folder }));
        using var host = builder.Build();

        var produced = await host.Services.GetRequiredService<CoverReportSchedulerService>().RunDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["library-daily", "app-daily"], produced);
    }

    [Theory]
    [InlineData(2002L, "7000001", "2002/7000001")]
    [InlineData(2002L, null, "2002/all")]
    [InlineData(1L, null, "1/live")]
    public void The_monitor_over_a_source_of_another_customer_keys_the_portfolio_by_that_customer(long customerId, string? policyId, string key)
    {
        // Keyed by the client's own customer, a broker's portfolio of customer 2002 would be taken for the client's own.
        var builder = HostWithClientOfCustomerOne();
        using var client = new CoverClient(new CoverClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), CustomerId = 1, ClientId = "client", ClientSecret = "secret" });
        builder.Services.AddAtradiusCoverMonitor().UseInMemoryStore().UseSource(new CoverClientPortfolioSource(client, customerId, policyId));
        using var host = builder.Build();

        Assert.Equal("portfolio-sync/" + key, host.Services.GetRequiredService<CoverMonitorService>().LeaseResource);
    }

    [Fact]
    public void A_policy_configured_with_blanks_around_it_keys_the_portfolio_as_the_policy_the_client_sends()
    {
        // Before, "5012345 " from a configuration file keyed the portfolio "1/5012345 ": a history read under the key
        // the docs show found nothing, and tidying the file later split the portfolio's record in two.
        var builder = HostWithClientOfCustomerOne(policyId: " 5012345 ");
        builder.Services.AddAtradiusCoverMonitor().UseInMemoryStore().UseSource(new FakeCoverSource());
        using var host = builder.Build();

        Assert.Equal("portfolio-sync/1/5012345", host.Services.GetRequiredService<CoverMonitorService>().LeaseResource);
    }

    [Fact]
    public void The_derived_portfolio_key_is_the_monitors_own_and_the_shared_options_keep_the_configured_one()
    {
        // Before, the derived key was written into the IOptions value, so every other reader of the options saw a key
        // nobody configured, and a later empty key no longer meant "derive it".
        var builder = HostWithClientOfCustomerOne();
        builder.Services.AddAtradiusCoverMonitor().UseInMemoryStore().UseSource(new FakeCoverSource());
        using var host = builder.Build();

        Assert.Equal("portfolio-sync/1/live", host.Services.GetRequiredService<CoverMonitorService>().LeaseResource);
        Assert.Equal(string.Empty, host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CoverMonitorOptions>>().Value.PortfolioKey);
    }

    [Fact]
    public void A_client_name_nobody_registered_is_named_in_the_error()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCover("brokered", o => { });
        builder.Services.AddAtradiusCoverMonitor(o =>
        {
            o.ClientName = "brokerd";
            o.PortfolioKey = Portfolios.Key;
        }).UseInMemoryStore();
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<CoverMonitorService>());
        Assert.Contains("'brokerd'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static HostApplicationBuilder HostWithClientOfCustomerOne(string? policyId = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCover(o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:9/");
            o.CustomerId = 1;
            o.PolicyId = policyId;
            o.ClientId = "client";
            o.ClientSecret = "secret";
        });
        return builder;
    }
}
