using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The SDK's resilience pipeline, the same with and without dependency injection: total timeout, retry, circuit
/// breaker, attempt timeout, configured from <see cref="CoverResilienceOptions"/>. Two rules differ from the
/// standard handler of <c>Microsoft.Extensions.Http.Resilience</c>:
/// <list type="bullet">
/// <item>Only GET is retried here. POST, PUT and PATCH are never repeated blindly (the real service has no
/// idempotency key); the clients resolve an ambiguous attempt by reading the buyer's covers first.</item>
/// <item>No rate limiter: the standard one rejects the 1,001st concurrent call at once, before sending it, and
/// that failure looked like an unanswered call. Concurrency is bounded only by the socket handler's connection
/// pool, which queues requests instead of failing them.</item>
/// </list>
/// </summary>
internal static class CoverResilience
{
    public const string PipelineName = "Atradius.Cover.Sdk";

    /// <summary>Adds the strategies, outermost first, to a builder (the DI handler's or a standalone one).</summary>
    public static void Build(ResiliencePipelineBuilder<HttpResponseMessage> builder, CoverClientOptions options, ILogger logger)
    {
        var r = options.Resilience;
        builder
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = r.TotalTimeout, Name = "total" })
            .AddRetry(Retry(r, logger))
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = r.CircuitBreakerFailureRatio,
                SamplingDuration = r.CircuitBreakerSamplingDuration,
                MinimumThroughput = r.CircuitBreakerMinimumThroughput,
                BreakDuration = r.CircuitBreakerBreakDuration,
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = r.AttemptTimeout, Name = "attempt" });
    }

    /// <summary>Builds the pipeline for the path without dependency injection.</summary>
    public static ResiliencePipeline<HttpResponseMessage> BuildStandalonePipeline(CoverClientOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = PipelineName, TimeProvider = timeProvider };
        Build(builder, options, logger);
        return builder.Build();
    }

    internal static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head);

    private static HttpRetryStrategyOptions Retry(CoverResilienceOptions r, ILogger logger)
    {
        var retriesEnabled = r.MaxRetryAttempts > 0;
        return new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, r.MaxRetryAttempts),
            Delay = r.BaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,

            // Whether the real service sends Retry-After is not known; a read sent again early costs only another 429,
            // and exponential back-off with jitter spreads clients out. Writes honour it (CoverLookups.RetryAsync).
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => new ValueTask<bool>(
                retriesEnabled
                && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                && IsSafeToRepeat(args.Context.GetRequestMessage())),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                var outcome = args.Outcome.Result is { } response
                    ? CoverDiagnostics.StatusCodeText((int)response.StatusCode)
                    : args.Outcome.Exception?.GetType().Name ?? "failure";
                Retrying(logger, request?.Method.Method ?? "?", request?.RequestUri, args.AttemptNumber + 1, args.RetryDelay, outcome);
                return default;
            },
        };
    }

    /// <summary>
    /// Records a request about to be sent again after a transient failure, whoever repeats it (this pipeline, a list
    /// read again after its body broke off, a write sent again after a 429, a token request): one
    /// <c>atradius.cover.client.retries</c> and the <c>Retrying</c> warning, with the path and no query.
    /// </summary>
    /// <param name="logger">The SDK's logger.</param>
    /// <param name="method">The request's method.</param>
    /// <param name="uri">The request's address; only its path is logged.</param>
    /// <param name="retry">Which retry this is: 1 for the second attempt.</param>
    /// <param name="delay">The wait before it.</param>
    /// <param name="outcome">What the attempt before it got: a status code, or the exception's type name.</param>
    public static void Retrying(ILogger logger, string method, Uri? uri, int retry, TimeSpan delay, string outcome)
    {
        CoverDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("http.request.method", method));
        if (logger.IsEnabled(LogLevel.Warning))
        {
            CoverLog.Retrying(logger, method, uri is null ? string.Empty : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0], retry, delay.TotalMilliseconds, outcome);
        }
    }

    /// <summary>
    /// The wait before the SDK's own attempt <paramref name="failedAttempt"/> + 1 (a write after a 429, a token request):
    /// exponential from <paramref name="baseDelay"/>, at most a minute; none when the base delay is none.
    /// </summary>
    public static TimeSpan BackOff(TimeSpan baseDelay, int failedAttempt) =>
        baseDelay <= TimeSpan.Zero
            ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(baseDelay.Ticks * (1L << Math.Min(failedAttempt - 1, 10)), TimeSpan.FromMinutes(1).Ticks));

    /// <summary>The outcome a <see cref="Retrying"/> event names for a failed attempt: its status code, else the failure's type name.</summary>
    public static string Outcome(Exception failure) =>
        failure is CoverApiException { Status: > 0 } answered
            ? CoverDiagnostics.StatusCodeText(answered.Status)
            : (failure is CoverApiException { InnerException: { } inner } ? inner : failure).GetType().Name;
}
