using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.DependencyInjection;

/// <summary>
/// With dependency injection the options of a registration are read once, at first use: the client and every
/// rebuild of its HTTP pipeline share that validated copy, whatever happens to the configuration afterwards.
/// </summary>
public sealed class OptionsReadOnceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_configuration_reload_a_rebuilt_pipeline_keeps_the_address_and_app_key_of_the_client()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1))));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => Answer(200, """{"data":[{"buyerId":1}]}"""));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Atradius:Cover:BaseAddress"] = Base,
            ["Atradius:Cover:ClientId"] = api.Options.ClientId,
            ["Atradius:Cover:ClientSecret"] = api.Options.ClientSecret,
            ["Atradius:Cover:AppKey"] = api.Options.AppKey,
            ["Atradius:Cover:CustomerId"] = "1001",
            ["Atradius:Cover:PolicyId"] = "5012345",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddAtradiusCover(configuration);
        var pipelines = 0;
        builder.HttpClientBuilder
            .SetHandlerLifetime(TimeSpan.FromSeconds(1))
            .AddHttpMessageHandler(() =>
            {
                Interlocked.Increment(ref pipelines);
                return new PassThroughHandler();
            })
            .ConfigurePrimaryHttpMessageHandler(() => api.Recorder);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => api.Recorder);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ICoverClient>();
        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        // appsettings.json changes on disk (reloadOnChange): another host, customer and app key.
        configuration["Atradius:Cover:BaseAddress"] = "https://other.cover.test/";
        configuration["Atradius:Cover:CustomerId"] = "2002";
        configuration["Atradius:Cover:AppKey"] = "AppKey-changed";
        configuration.Reload();
        Assert.Equal(2002, provider.GetRequiredService<IOptionsMonitor<CoverClientOptions>>().Get(string.Empty).CustomerId);

        // IHttpClientFactory rebuilds the handlers once their lifetime is over (every two minutes by default).
        var factory = provider.GetRequiredService<CoverClientFactory>();
        var http = factory.CreateHttpClient(string.Empty);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Volatile.Read(ref pipelines) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
            http = factory.CreateHttpClient(string.Empty);
        }

        Assert.True(Volatile.Read(ref pipelines) >= 2, "The HTTP handlers were not rebuilt.");
        (await http.GetAsync("credit-insurance/organisation-management/v1/buyers/1", Ct)).Dispose();
        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.All(api.Requests, r => Assert.Equal(new Uri(Base).Host, r.Uri.Host));
        Assert.All(api.Requests, r => Assert.Equal("AppKey-77c6b5a4", r.Headers["Atradius-App-Key"]));
        Assert.All(api.Requests, r => Assert.Equal("Bearer tok-1", r.Headers["Authorization"]));
        Assert.All(api.Requests.Where(r => r.Uri.AbsoluteUri.StartsWith(CoversUrl, StringComparison.Ordinal)), r => Assert.Contains("customerId=1001", r.Uri.Query, StringComparison.Ordinal));
        Assert.Equal(3, api.Requests.Count);
        Assert.Equal(1, api.Recorder.Requests.Count(r => r.Uri.AbsoluteUri == TokenUrl));
    }

    [Fact]
    public async Task The_injected_client_sends_through_the_socket_handler_the_factory_rebuilds_once_its_lifetime_is_over()
    {
        // Before, the client kept the one HttpClient it was built with: the factory's first handlers served it for good,
        // so SetHandlerLifetime and ConfigurePrimaryHttpMessageHandler were never applied to it again.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1))));
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddAtradiusCover(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Atradius:Cover:BaseAddress"] = Base,
            ["Atradius:Cover:ClientId"] = api.Options.ClientId,
            ["Atradius:Cover:ClientSecret"] = api.Options.ClientSecret,
            ["Atradius:Cover:AppKey"] = api.Options.AppKey,
            ["Atradius:Cover:CustomerId"] = "1001",
            ["Atradius:Cover:PolicyId"] = "5012345",
        }).Build());
        var sockets = new List<SocketHandler>();
        builder.HttpClientBuilder
            .SetHandlerLifetime(TimeSpan.FromSeconds(1))
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var socket = new SocketHandler(api.Recorder);
                lock (sockets)
                {
                    sockets.Add(socket);
                }

                return socket;
            });
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => new SocketHandler(api.Recorder));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ICoverClient>();

        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (SocketCount() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
            await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);
        }

        Assert.True(SocketCount() >= 2, "The client never sent through a rebuilt socket handler.");
        SocketHandler newest;
        lock (sockets)
        {
            newest = sockets[^1];
        }

        Assert.True(newest.Sent > 0, "The rebuilt socket handler was built but not sent through.");

        int SocketCount()
        {
            lock (sockets)
            {
                return sockets.Count;
            }
        }
    }

    [Fact]
    public async Task Changing_the_object_the_options_monitor_returns_does_not_reach_the_client()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1))));
        await using var provider = api.Services();
        var client = provider.GetRequiredService<ICoverClient>();

        // Validated already: none of these would pass the check.
        var validated = provider.GetRequiredService<IOptionsMonitor<CoverClientOptions>>().Get(string.Empty);
        validated.CustomerId = -5;
        validated.PolicyId = "changed";
        validated.AppKey = "AppKey\r\nX-Injected: 1";
        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        var request = Assert.Single(api.Requests);
        Assert.Contains("customerId=1001", request.Uri.Query, StringComparison.Ordinal);
        Assert.Contains("policyId=5012345", request.Uri.Query, StringComparison.Ordinal);
        Assert.Equal("AppKey-77c6b5a4", request.Headers["Atradius-App-Key"]);
    }

    [Fact]
    public void The_copy_is_validated_when_first_used_and_shared_afterwards()
    {
        var configuration = ConfigurationWithInvalidCustomer();
        using var provider = ProviderFor("customer-a", configuration);
        var snapshots = provider.GetRequiredService<CoverOptionsSnapshots>();

        var ex = Assert.Throws<OptionsValidationException>(() => snapshots.Get("customer-a"));
        Assert.Contains(ex.Failures, f => f.Contains("CustomerId", StringComparison.Ordinal));

        // A failed read is not kept: once the configuration is right, the first successful read is the copy.
        configuration["Atradius:Cover:CustomerId"] = "1001";
        configuration.Reload();
        var first = snapshots.Get("customer-a");
        configuration["Atradius:Cover:CustomerId"] = "2002";
        configuration.Reload();

        Assert.Same(first, snapshots.Get("customer-a"));
        Assert.Equal(1001, first.CustomerId);
        Assert.NotSame(provider.GetRequiredService<IOptionsMonitor<CoverClientOptions>>().Get("customer-a"), first);
    }

    [Fact]
    public void A_client_whose_first_creation_failed_is_created_once_the_settings_are_corrected()
    {
        var configuration = ConfigurationWithInvalidCustomer();
        using var provider = ProviderFor("customer-a", configuration);
        var factory = provider.GetRequiredService<ICoverClientFactory>();

        Assert.Throws<OptionsValidationException>(() => factory.CreateClient("customer-a"));
        configuration["Atradius:Cover:CustomerId"] = "1001";
        configuration.Reload();
        var client = factory.CreateClient("customer-a");

        Assert.Same(client, factory.CreateClient("customer-a"));
    }

    private static IConfigurationRoot ConfigurationWithInvalidCustomer() =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Atradius:Cover:BaseAddress"] = Base,
            ["Atradius:Cover:ClientId"] = "client-one",
            ["Atradius:Cover:ClientSecret"] = "S3cret-Value-0f9e8d",
            ["Atradius:Cover:AppKey"] = "AppKey-77c6b5a4",
            ["Atradius:Cover:CustomerId"] = "-1",
        }).Build();

    private static ServiceProvider ProviderFor(string name, IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAtradiusCover(name, configuration);
        return services.BuildServiceProvider();
    }

    private sealed class PassThroughHandler : DelegatingHandler;

    /// <summary>A socket handler of the factory's, sending to the shared recorder, which it leaves open when it is disposed.</summary>
    private sealed class SocketHandler(HttpMessageHandler recorder) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _recorder = new(recorder, disposeHandler: false);
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            return _recorder.SendAsync(request, cancellationToken);
        }
    }
}
