using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Builds the Cover HTTP pipeline without dependency injection, with the same handlers in the same order
/// as the DI path: telemetry and correlation id, resilience, GET body buffering, bearer token, socket.
/// </summary>
internal static class CoverHttpClientFactory
{
    /// <summary>How long a pooled connection lives, so that DNS changes are seen by long-lived clients.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Creates an <see cref="HttpClient"/> that owns its whole pipeline; disposing it closes its connections.
    /// Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming each invalid setting.
    /// </summary>
    public static HttpClient CreateStandalone(CoverClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        CreateStandalone(options, loggerFactory, timeProvider, CreatePrimaryHandler());

    /// <summary>Same as the other overload, over a given socket handler (tests pass a mock); the client disposes it.</summary>
    public static HttpClient CreateStandalone(CoverClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, HttpMessageHandler primaryHandler)
    {
        CoverClientOptionsValidator.ThrowIfInvalid(options);
        _ = primaryHandler ?? throw new ArgumentNullException(nameof(primaryHandler));

        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        var logger = loggerFactory.CreateLogger(CoverDiagnostics.Name);

        // The token client shares the sockets but not the pipeline; the API client disposes them.
        var tokenHttpClient = new HttpClient(primaryHandler, disposeHandler: false) { Timeout = options.Resilience.AttemptTimeout };
        var tokens = new CoverTokenProvider(options, new CoverTokenClient(() => tokenHttpClient, options, timeProvider, logger), new CoverTokenCache(), null, timeProvider, logger);

        var bearer = new CoverBearerTokenHandler(options, tokens, logger) { InnerHandler = primaryHandler };
        var buffering = new CoverGetBufferingHandler(bearer);
        var resilience = new ResilienceHandler(CoverResilience.BuildStandalonePipeline(options, logger, timeProvider)) { InnerHandler = buffering };
        var telemetry = new CoverTelemetryHandler(options, logger, timeProvider) { InnerHandler = resilience };

        return new HttpClient(telemetry, disposeHandler: true)
        {
            BaseAddress = WithTrailingSlash(options.BaseAddress!),
            // The resilience pipeline's total timeout governs; HttpClient's own would cut retries short.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// The socket handler: pooled connections with a bounded lifetime where the platform has them, and no automatic
    /// redirects. The Cover API never redirects; a redirect followed by the socket handler would take the
    /// <c>Atradius-App-Key</c> header (only <c>Authorization</c> is dropped) to whatever host the <c>Location</c> names,
    /// below the bearer handler that keeps credentials on the API's origin. A 3xx is reported as an error instead.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler()
    {
#if NET8_0_OR_GREATER
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = PooledConnectionLifetime,
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
        };
#else
        return new HttpClientHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
        };
#endif
    }

    /// <summary>NSwag emits relative paths, which resolve under the base address only when it ends in '/'.</summary>
    public static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri[address.AbsoluteUri.Length - 1] == '/' ? address : new Uri(address.AbsoluteUri + "/");
}
