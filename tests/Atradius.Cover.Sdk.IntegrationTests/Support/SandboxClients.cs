using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Support;

/// <summary>Client options and clients for a running sandbox, with either token style, built either way a user builds them.</summary>
internal static class SandboxClients
{
    public static CoverClientOptions Options(CoverSandbox sandbox, CoverTokenEndpointStyle style = CoverTokenEndpointStyle.Atradius, SandboxClient? credentials = null)
    {
        var options = new CoverClientOptions();
        Apply(options, sandbox, style, credentials);
        return options;
    }

    public static void Apply(CoverClientOptions options, CoverSandbox sandbox, CoverTokenEndpointStyle style, SandboxClient? credentials = null)
    {
        credentials ??= sandbox.ReadWriteClient;
        options.BaseAddress = sandbox.BaseAddress;
        options.TokenEndpointStyle = style;

        // The Atradius route is derived from the base address, as it is for a real customer; the RFC 6749 one is named.
        options.TokenEndpoint = style == CoverTokenEndpointStyle.OAuth2 ? sandbox.OAuth2TokenEndpoint : null;
        options.ClientId = credentials.ClientId;
        options.ClientSecret = credentials.ClientSecret;
        options.AppKey = credentials.AppKey;
        options.CustomerId = credentials.CustomerId;
        options.PollInterval = TimeSpan.FromMilliseconds(50);
        options.WaitTimeout = TimeSpan.FromSeconds(30);
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
    }

    /// <summary>Fast retries for fault tests: small back-off, a short attempt timeout, a breaker that does not open at 20 % faults.</summary>
    public static void ForFaults(CoverClientOptions options, int maxRetries = 3)
    {
        options.Resilience.MaxRetryAttempts = maxRetries;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(2);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        options.Resilience.CircuitBreakerFailureRatio = 0.9;
    }

    /// <summary>A client from dependency injection, the way a host gets it.</summary>
    public static ServiceProvider Services(CoverSandbox sandbox, CoverTokenEndpointStyle style = CoverTokenEndpointStyle.Atradius, Action<IServiceCollection>? extra = null, Action<CoverClientOptions>? configure = null, Action<CoverClientBuilder>? build = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddAtradiusCover(o =>
        {
            Apply(o, sandbox, style);
            configure?.Invoke(o);
        });
        build?.Invoke(builder);
        extra?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
