using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk;

/// <summary>
/// One token provider per registration name. Providers share the process-wide <see cref="CoverTokenCache"/>,
/// so registrations with the same credentials share a token and different customers never do.
/// </summary>
internal sealed class CoverTokenProviderRegistry
{
    /// <summary>Why a registration with a shared token cache cannot work: the services it needs, and how to register them.</summary>
    internal const string SharedCacheServicesMissing =
        "UseDistributedTokenCache() needs an IDistributedCache and an IDataProtectionProvider in the services, "
        + "e.g. services.AddStackExchangeRedisCache(...) and services.AddDataProtection().";

    private readonly ConcurrentDictionary<string, Lazy<CoverTokenProvider>> _providers = new(StringComparer.Ordinal);
    private readonly IServiceProvider _services;

    public CoverTokenProviderRegistry(IServiceProvider services) => _services = services;

    /// <summary>Whether the services hold what a shared token cache needs.</summary>
    internal static bool HasSharedCacheServices(IServiceProvider services) =>
        services.GetService<IDistributedCache>() is not null && services.GetService<IDataProtectionProvider>() is not null;

    public CoverTokenProvider Get(string name) =>
        _providers.GetOrAdd(name, n => new Lazy<CoverTokenProvider>(() => Create(n))).Value;

    private CoverTokenProvider Create(string name)
    {
        var options = _services.GetRequiredService<CoverOptionsSnapshots>().Get(name);
        var httpClientFactory = _services.GetRequiredService<IHttpClientFactory>();
        var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger(CoverDiagnostics.Name);
        var timeProvider = _services.GetRequiredService<TimeProvider>();

        // The registered clock paces the token endpoint's retries too, as it does without dependency injection.
        var tokenClient = new CoverTokenClient(() => httpClientFactory.CreateClient(CoverHttpClientNames.Token(name)), options, timeProvider, logger);

        CoverDistributedTokenCache? shared = null;
        if (_services.GetRequiredService<IOptionsMonitor<CoverTokenCacheSettings>>().Get(name).UseDistributedCache)
        {
            // Checked at host start as well (UseDistributedTokenCache); this covers a service provider never started as a host.
            var cache = _services.GetService<IDistributedCache>();
            var protection = _services.GetService<IDataProtectionProvider>();
            if (cache is null || protection is null)
            {
                throw new InvalidOperationException(SharedCacheServicesMissing);
            }

            shared = new CoverDistributedTokenCache(cache, protection);
        }

        return new CoverTokenProvider(options, tokenClient, _services.GetRequiredService<CoverTokenCache>(), shared, timeProvider, logger);
    }
}
