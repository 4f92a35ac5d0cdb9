using Atradius.Cover.Sdk.Benchmarks.Wire;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>
/// Our <see cref="CoverClient"/>, built the way its public constructor builds it (telemetry and correlation
/// id, resilience, bearer token with its cache, attempt counter), over a given socket handler.
/// </summary>
public static class Ours
{
    public static CoverClientOptions Options(CoverEndpoint endpoint)
    {
        var options = new CoverClientOptions
        {
            BaseAddress = endpoint.BaseAddress,
            TokenEndpoint = endpoint.TokenEndpoint,
            ClientId = endpoint.ClientId,
            ClientSecret = endpoint.ClientSecret,
            AppKey = endpoint.AppKey,
        };
        foreach (var scope in endpoint.Scope.Split(' '))
        {
            options.Scopes.Add(scope);
        }

        return options;
    }

    /// <summary>The full client; the socket handler is disposed with it (disposing the canned handler does nothing).</summary>
    public static CoverClient Create(CoverEndpoint endpoint, HttpMessageHandler socketHandler) =>
        new(Options(endpoint), socketHandler);

    /// <summary>
    /// The same pipeline without the bearer-token handler: what the client would cost if the API needed no
    /// authentication. Mirrors <c>CoverHttpClientFactory.CreateStandalone</c> minus one handler.
    /// </summary>
    public static CoverClient CreateWithoutAuthentication(CoverEndpoint endpoint, HttpMessageHandler socketHandler)
    {
        var options = Options(endpoint);
        var logger = NullLogger.Instance;
        var time = TimeProvider.System;
        var attempts = new CoverAttemptCountingHandler(socketHandler);
        var resilience = new ResilienceHandler(CoverResilience.BuildStandalonePipeline(options, logger, time)) { InnerHandler = attempts };
        var telemetry = new CoverTelemetryHandler(options, logger, time) { InnerHandler = resilience };
        var http = new HttpClient(telemetry, disposeHandler: true)
        {
            BaseAddress = endpoint.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new CoverClient(http, options, NullLoggerFactory.Instance, time, ownsHttpClient: true);
    }

    public static CoverApplication Application(CoverApplicationValues v) => new()
    {
        CustomerId = v.CustomerId,
        PolicyId = v.PolicyId,
        BuyerId = v.BuyerId,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = v.Amount,
        CurrencyCode = v.CurrencyCode,
        EffectFromDate = v.EffectFrom,
        CustomerReference = v.CustomerReference,
    };
}
