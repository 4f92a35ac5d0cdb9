using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Returned by <c>AddAtradiusCover</c> to refine one registration: add your own HTTP handlers, configure
/// the token endpoint's HTTP client (e.g. a proxy), or share tokens across hosts.
/// </summary>
public sealed class CoverClientBuilder
{
    internal CoverClientBuilder(string name, IServiceCollection services, IHttpClientBuilder httpClientBuilder, IHttpClientBuilder tokenHttpClientBuilder)
    {
        Name = name;
        Services = services;
        HttpClientBuilder = httpClientBuilder;
        TokenHttpClientBuilder = tokenHttpClientBuilder;
    }

    /// <summary>Gets the registration name (empty for the unnamed registration).</summary>
    public string Name { get; }

    /// <summary>Gets the service collection the registration belongs to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Gets the builder of the HTTP client that calls the Cover API. Handlers added through it run after the
    /// SDK's own (telemetry, resilience, bearer token), next to the socket, once per attempt.
    /// Do not add a second resilience handler: the SDK's already retries what is safe to retry.
    /// </summary>
    public IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>Gets the builder of the HTTP client that calls the token endpoint (e.g. to set a proxy).</summary>
    public IHttpClientBuilder TokenHttpClientBuilder { get; }

    /// <summary>
    /// Shares access tokens across every host of a fleet through the registered
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>, so that the fleet asks the
    /// token endpoint once rather than once per host. Tokens are stored protected with
    /// <see cref="Microsoft.AspNetCore.DataProtection.IDataProtector"/>: register both, e.g. with
    /// <c>AddStackExchangeRedisCache</c> and <c>AddDataProtection</c> (with keys shared across the fleet). Without
    /// either, the host fails to start with an <see cref="OptionsValidationException"/> naming both.
    /// </summary>
    /// <returns>This builder.</returns>
    public CoverClientBuilder UseDistributedTokenCache()
    {
        Services.Configure<CoverTokenCacheSettings>(Name, settings => settings.UseDistributedCache = true);

        // Checked when the host starts: found at the client's first resolution instead, the failure came after the host
        // was up, and IHttpClientFactory kept the handler that failed to build for the handler's lifetime.
        Services.AddOptions<CoverTokenCacheServices>(Name)
            .Validate<IServiceProvider>((_, services) => CoverTokenProviderRegistry.HasSharedCacheServices(services), CoverTokenProviderRegistry.SharedCacheServicesMissing)
            .ValidateOnStart();
        return this;
    }
}
