using System.Net;
using System.Text;
using Atradius.Cover.Sdk.Tests.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.DependencyInjection;

public sealed class RegistrationTests
{
    private static IConfiguration Section(string clientId, string secret) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cover:BaseAddress"] = TestSetup.ApiBase,
            ["Cover:TokenEndpoint"] = TestSetup.OAuth2TokenUrl,
            ["Cover:ClientId"] = clientId,
            ["Cover:ClientSecret"] = secret,
            ["Cover:AppKey"] = TestSetup.AppKey,
            ["Cover:Scopes:0"] = "cover:read",
            ["Cover:Resilience:MaxRetryAttempts"] = "2",
            ["Cover:Resilience:BaseDelay"] = "00:00:00.001",
        })
        .Build()
        .GetSection("Cover");

    /// <summary>A token endpoint that issues a token naming the client id it authenticated.</summary>
    private static MockHttpMessageHandler TokenEndpoint(List<string> requests)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestSetup.OAuth2TokenUrl).Respond(request =>
        {
            var basic = Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!));
            var clientId = basic.Split(':')[0];
            lock (requests)
            {
                requests.Add(clientId);
            }

            return TestSetup.Json(HttpStatusCode.OK, $$"""{"access_token":"token-for-{{clientId}}","expires_in":1800}""");
        });
        return mock;
    }

    private static MockHttpMessageHandler Api(List<string> authorizations)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(TestSetup.ApiBase + "*").Respond(request =>
        {
            lock (authorizations)
            {
                authorizations.Add(request.Headers.Authorization!.ToString());
            }

            return TestSetup.Json(HttpStatusCode.OK);
        });
        return mock;
    }

    [Fact]
    public async Task Registration_from_configuration_resolves_a_working_client()
    {
        var tokenRequests = new List<string>();
        var authorizations = new List<string>();
        var services = new ServiceCollection();
        var builder = services.AddAtradiusCover(Section("client-a", "secret-a"));
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Api(authorizations));
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => TokenEndpoint(tokenRequests));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var client = provider.GetRequiredService<CoverClient>();
        Assert.Same(client, provider.GetRequiredService<ICoverClient>());
        Assert.Same(client, provider.GetRequiredService<ICoverClientFactory>().CreateClient(string.Empty));

        var options = provider.GetRequiredService<IOptionsMonitor<CoverClientOptions>>().Get(string.Empty);
        Assert.Equal(["cover:read"], options.Scopes);
        Assert.Equal(2, options.Resilience.MaxRetryAttempts);

        var http = provider.GetRequiredService<CoverClientFactory>().CreateHttpClient(string.Empty);
        Assert.Equal(TestSetup.ApiBase, http.BaseAddress!.AbsoluteUri);
        using var response = await http.GetAsync("buyers/1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Bearer token-for-client-a"], authorizations);
        Assert.Equal(["client-a"], tokenRequests);
    }

    [Fact]
    public async Task Named_clients_use_their_own_credentials()
    {
        var tokenRequests = new List<string>();
        var authorizations = new List<string>();
        var services = new ServiceCollection();
        foreach (var (name, id) in new[] { ("customer-a", "client-a"), ("customer-b", "client-b") })
        {
            var builder = services.AddAtradiusCover(name, Section(id, "secret-" + id));
            builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Api(authorizations));
            builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => TokenEndpoint(tokenRequests));
        }

        using var provider = services.BuildServiceProvider(validateScopes: true);
        var factory = provider.GetRequiredService<CoverClientFactory>();
        var ct = TestContext.Current.CancellationToken;

        Assert.NotSame(provider.GetRequiredService<ICoverClientFactory>().CreateClient("customer-a"), provider.GetRequiredService<ICoverClientFactory>().CreateClient("customer-b"));
        (await factory.CreateHttpClient("customer-a").GetAsync("buyers/1", ct)).Dispose();
        (await factory.CreateHttpClient("customer-b").GetAsync("buyers/1", ct)).Dispose();
        (await factory.CreateHttpClient("customer-a").GetAsync("buyers/2", ct)).Dispose();

        Assert.Equal(["Bearer token-for-client-a", "Bearer token-for-client-b", "Bearer token-for-client-a"], authorizations);
        Assert.Equal(["client-a", "client-b"], tokenRequests);
        Assert.Null(provider.GetService<CoverClient>());
    }

    [Fact]
    public void Invalid_options_fail_at_start_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddAtradiusCover(o =>
        {
            o.BaseAddress = new Uri("http://api.cover.test/");
            o.TokenEndpoint = new Uri(TestSetup.OAuth2TokenUrl);
            o.ClientId = "c";
            o.ClientSecret = "s";
        });
        using var provider = services.BuildServiceProvider();

        // The standard resilience handler validates at start too and reads these options, so the same
        // failure may come twice, wrapped in an AggregateException.
        var thrown = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var failures = (thrown is AggregateException all ? all.InnerExceptions : [thrown])
            .Select(e => Assert.IsType<OptionsValidationException>(e))
            .SelectMany(e => e.Failures);

        Assert.Contains("CoverClientOptions.BaseAddress must use https (http is allowed only for loopback hosts).", failures);
    }

    [Fact]
    public void A_name_can_be_registered_once()
    {
        var services = new ServiceCollection();
        services.AddAtradiusCover("customer-a", o => { });

        var ex = Assert.Throws<InvalidOperationException>(() => services.AddAtradiusCover("customer-a", o => { }));

        Assert.Contains("customer-a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_name_fails_clearly()
    {
        var services = new ServiceCollection();
        services.AddAtradiusCover("customer-a", Section("client-a", "secret-a"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICoverClientFactory>().CreateClient("customer-x"));

        Assert.Contains("customer-x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsafe_methods_are_not_retried_on_the_DI_pipeline_either()
    {
        var calls = 0;
        var services = new ServiceCollection();
        var builder = services.AddAtradiusCover(Section("client-a", "secret-a"));
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() =>
        {
            var mock = new MockHttpMessageHandler();
            mock.When(TestSetup.ApiBase + "*").Respond(_ =>
            {
                Interlocked.Increment(ref calls);
                return TestSetup.Json(HttpStatusCode.ServiceUnavailable);
            });
            return mock;
        });
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => TokenEndpoint([]));
        using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<CoverClientFactory>().CreateHttpClient(string.Empty);

        (await http.PostAsync("applications", new StringContent("{}"), TestContext.Current.CancellationToken)).Dispose();
        Assert.Equal(1, calls);

        (await http.GetAsync("buyers/1", TestContext.Current.CancellationToken)).Dispose();
        Assert.Equal(1 + 3, calls); // the GET: first try plus MaxRetryAttempts = 2
    }
}
