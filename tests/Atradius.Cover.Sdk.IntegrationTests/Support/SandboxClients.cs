using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Support;

/// <summary>Client options and clients for a running sandbox, with either token style.</summary>
internal static class SandboxClients
{
    public static CoverClientOptions Options(CoverSandbox sandbox, CoverTokenEndpointStyle style = CoverTokenEndpointStyle.OAuth2, SandboxClient? credentials = null)
    {
        credentials ??= sandbox.ReadWriteClient;
        var options = new CoverClientOptions();
        Apply(options, sandbox, style, credentials);
        return options;
    }

    public static void Apply(CoverClientOptions options, CoverSandbox sandbox, CoverTokenEndpointStyle style, SandboxClient? credentials = null)
    {
        credentials ??= sandbox.ReadWriteClient;
        options.BaseAddress = sandbox.BaseAddress;
        options.TokenEndpointStyle = style;
        options.TokenEndpoint = style == CoverTokenEndpointStyle.OAuth2 ? sandbox.OAuth2TokenEndpoint : sandbox.AtradiusTokenEndpoint;
        options.ClientId = credentials.ClientId;
        options.ClientSecret = credentials.ClientSecret;
        options.AppKey = credentials.AppKey;
        options.Scopes.Clear();
        foreach (var scope in credentials.Scopes)
        {
            options.Scopes.Add(scope);
        }

        options.PollInterval = TimeSpan.FromMilliseconds(50);
        options.WaitTimeout = TimeSpan.FromSeconds(30);
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
    }

    /// <summary>Fast retries for fault tests: small back-off, a short attempt timeout, a breaker that does not open at 20 % faults.</summary>
    public static void ForFaults(CoverClientOptions options, int maxRetries = 3)
    {
        options.Resilience.MaxRetryAttempts = maxRetries;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(2);
        options.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        options.Resilience.CircuitBreakerFailureRatio = 0.9;
    }

    /// <summary>A client from dependency injection, the way a host gets it.</summary>
    public static ServiceProvider Services(CoverSandbox sandbox, CoverTokenEndpointStyle style, Action<IServiceCollection>? extra = null, Action<CoverClientOptions>? configure = null, Action<CoverClientBuilder>? build = null)
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
