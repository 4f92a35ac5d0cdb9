using System.Net;
using System.Text;
using Atradius.Cover.Sdk.Tests.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.DependencyInjection;

public sealed class SharedTokenCacheTests
{
    [Fact]
    public async Task A_second_host_reuses_the_token_and_the_shared_cache_never_holds_it_in_clear()
    {
        var setup = new TestSetup();
        setup.Mock.When(TestSetup.ApiBase + "*").Respond(_ => TestSetup.Json(HttpStatusCode.OK));
        var shared = new RecordingCache();

        // Two hosts: separate service providers (separate memory caches), one distributed cache.
        using var first = Host(setup, shared, setup.Options.ClientId!);
        using var second = Host(setup, shared, setup.Options.ClientId!);
        var ct = TestContext.Current.CancellationToken;
        (await first.GetRequiredService<CoverClientFactory>().CreateHttpClient(string.Empty).GetAsync("buyers/1", ct)).Dispose();
        (await second.GetRequiredService<CoverClientFactory>().CreateHttpClient(string.Empty).GetAsync("buyers/1", ct)).Dispose();

        Assert.Equal(1, setup.TokenRequests);
        var token = Assert.Single(setup.IssuedTokens);
        var (key, stored) = Assert.Single(shared.Writes);
        Assert.DoesNotContain(token, Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain(TestSetup.ClientId, key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_copied_under_another_clients_key_is_not_taken_for_that_clients_token()
    {
        // Anyone who can write to the shared cache could copy one customer's protected entry under another's key:
        // before, the second client then called the API with the first one's token.
        var setup = new TestSetup();
        var tokensSent = new List<string>();
        setup.Mock.When(TestSetup.ApiBase + "*").Respond(request =>
        {
            lock (tokensSent)
            {
                tokensSent.Add(request.Headers.Authorization!.Parameter!);
            }

            return TestSetup.Json(HttpStatusCode.OK);
        });
        var shared = new RecordingCache();
        ServiceProvider Host(string clientId) => SharedTokenCacheTests.Host(setup, shared, clientId);

        var ct = TestContext.Current.CancellationToken;
        async Task CallAsync(ServiceProvider host) => (await host.GetRequiredService<CoverClientFactory>().CreateHttpClient(string.Empty).GetAsync("buyers/1", ct)).Dispose();
        using var customerA = Host("client-a");
        await CallAsync(customerA);
        using var customerB = Host("client-b");
        await CallAsync(customerB);
        var (keyOfA, entryOfA) = shared.Writes[0];
        var (keyOfB, _) = shared.Writes[1];
        Assert.NotEqual(keyOfA, keyOfB);
        await shared.SetAsync(keyOfB, entryOfA, new DistributedCacheEntryOptions(), ct);

        // Another host of customer B, which finds B's key in the shared cache.
        using var customerBElsewhere = Host("client-b");
        await CallAsync(customerBElsewhere);

        Assert.Equal(3, setup.TokenRequests);
        Assert.NotEqual(tokensSent[0], tokensSent[2]);
    }

    [Fact]
    public void Shared_cache_without_data_protection_fails_clearly()
    {
        using var provider = SharedCacheWithoutDataProtection();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CoverTokenProviderRegistry>().Get(string.Empty));

        Assert.Contains("IDataProtectionProvider", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_host_a_shared_cache_missing_data_protection_fails_the_resolution_of_the_client_not_its_first_call()
    {
        // Before, once the client took an HttpClient from the factory per request, the pipeline was built by the first
        // call, which failed with the set-up's error where callers (the batch runner) read it as "nothing sent".
        using var provider = SharedCacheWithoutDataProtection();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICoverClient>());

        Assert.Contains("IDataProtectionProvider", ex.Message, StringComparison.Ordinal);
    }

    // A container no host started, with a shared cache registered and no data protection.
    private static ServiceProvider SharedCacheWithoutDataProtection()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedCache>(new RecordingCache());
        services.AddAtradiusCover(o =>
        {
            var defaults = TestSetup.CreateOptions();
            o.BaseAddress = defaults.BaseAddress;
            o.TokenEndpoint = defaults.TokenEndpoint;
            o.ClientId = defaults.ClientId;
            o.ClientSecret = defaults.ClientSecret;
            o.AppKey = defaults.AppKey;
            o.CustomerId = defaults.CustomerId;
        }).UseDistributedTokenCache();
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Shared_cache_without_its_services_fails_host_start_naming_what_to_register(bool cache, bool protection)
    {
        // Before, the host started and the first resolution of the client failed, a failure IHttpClientFactory then kept.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        if (cache)
        {
            builder.Services.AddSingleton<IDistributedCache>(new RecordingCache());
        }

        if (protection)
        {
            builder.Services.AddSingleton<IDataProtectionProvider>(new XorProtectionProvider());
        }

        var defaults = TestSetup.CreateOptions();
        builder.Services.AddAtradiusCover(o =>
        {
            o.BaseAddress = defaults.BaseAddress;
            o.TokenEndpoint = defaults.TokenEndpoint;
            o.ClientId = defaults.ClientId;
            o.ClientSecret = defaults.ClientSecret;
            o.AppKey = defaults.AppKey;
            o.CustomerId = defaults.CustomerId;
        }).UseDistributedTokenCache();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("IDistributedCache", failure, StringComparison.Ordinal);
        Assert.Contains("IDataProtectionProvider", failure, StringComparison.Ordinal);
        Assert.Contains("AddDataProtection()", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shared_cache_with_its_services_lets_the_host_start()
    {
        var setup = new TestSetup();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IDistributedCache>(new RecordingCache());
        builder.Services.AddSingleton<IDataProtectionProvider>(new XorProtectionProvider());
        builder.Services.AddAtradiusCover(o =>
        {
            o.BaseAddress = setup.Options.BaseAddress;
            o.TokenEndpoint = setup.Options.TokenEndpoint;
            o.ClientId = setup.Options.ClientId;
            o.ClientSecret = setup.Options.ClientSecret;
            o.AppKey = setup.Options.AppKey;
            o.CustomerId = setup.Options.CustomerId;
        }).UseDistributedTokenCache();
        using var host = builder.Build();
        var ct = TestContext.Current.CancellationToken;

        await host.StartAsync(ct);
        await host.StopAsync(ct);
    }

    // A host of its own (its own memory cache) on the one shared cache, with the client id given.
    private static ServiceProvider Host(TestSetup setup, IDistributedCache shared, string clientId)
    {
        var services = new ServiceCollection();
        services.AddSingleton(shared);
        services.AddSingleton<IDataProtectionProvider>(new XorProtectionProvider());
        var builder = services.AddAtradiusCover(o =>
        {
            o.BaseAddress = setup.Options.BaseAddress;
            o.TokenEndpoint = setup.Options.TokenEndpoint;
            o.ClientId = clientId;
            o.ClientSecret = setup.Options.ClientSecret;
            o.TokenEndpointStyle = setup.Options.TokenEndpointStyle;
            o.CustomerId = setup.Options.CustomerId;
        }).UseDistributedTokenCache();
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => setup.Mock);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => setup.Mock);
        return services.BuildServiceProvider();
    }

    private sealed class RecordingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));

        public List<(string Key, byte[] Value)> Writes { get; } = [];

        public byte[]? Get(string key) => _inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            Writes.Add((key, value));
            _inner.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Writes.Add((key, value));
            return _inner.SetAsync(key, value, options, token);
        }
    }

    /// <summary>Stands in for ASP.NET Core Data Protection: reversible, and not clear text.</summary>
    private sealed class XorProtectionProvider : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => plaintext.Select(b => (byte)(b ^ 0x5A)).ToArray();

        public byte[] Unprotect(byte[] protectedData) => Protect(protectedData);
    }
}
