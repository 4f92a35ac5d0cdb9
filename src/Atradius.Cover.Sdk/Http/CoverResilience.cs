using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Applies <see cref="CoverResilienceOptions"/> to the standard resilience handler, and the one rule the
/// standard handler lacks: a request that changes something is retried only when it carries an
/// <c>Idempotency-Key</c>, so a retry can never create a second application or a second change.
/// </summary>
internal static class CoverResilience
{
    /// <summary>The header that makes a POST, PUT, PATCH or DELETE safe to retry.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly Random Jitter = new();

    public static void Configure(HttpStandardResilienceOptions standard, CoverClientOptions options, ILogger logger)
    {
        var r = options.Resilience;
        standard.TotalRequestTimeout.Timeout = r.TotalTimeout;
        standard.AttemptTimeout.Timeout = r.AttemptTimeout;

        var retriesEnabled = r.MaxRetryAttempts > 0;
        var retry = standard.Retry;
        retry.MaxRetryAttempts = Math.Max(1, r.MaxRetryAttempts);
        retry.Delay = r.BaseDelay;
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.ShouldHandle = args => new ValueTask<bool>(
            retriesEnabled
            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && IsSafeToRepeat(args.Context.GetRequestMessage()));

        // Set after ShouldRetryAfterHeader's own generator so that this one, which adds jitter, wins.
        retry.DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfterWithJitter(args.Outcome.Result));
        retry.OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage();
            var method = request?.Method.Method ?? "?";
            CoverDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("http.request.method", method));
            var outcome = args.Outcome.Result is { } response
                ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : args.Outcome.Exception?.GetType().Name ?? "failure";
            CoverLog.Retrying(logger, method, request?.RequestUri?.AbsolutePath ?? string.Empty, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, outcome);
            return default;
        };

        var breaker = standard.CircuitBreaker;
        breaker.FailureRatio = r.CircuitBreakerFailureRatio;
        breaker.SamplingDuration = r.CircuitBreakerSamplingDuration;
        breaker.MinimumThroughput = r.CircuitBreakerMinimumThroughput;
        breaker.BreakDuration = r.CircuitBreakerBreakDuration;
    }

    /// <summary>
    /// Builds, outside dependency injection, the same strategies in the same order as
    /// <c>AddStandardResilienceHandler</c>: rate limiter, total timeout, retry, circuit breaker, attempt timeout.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> BuildStandalonePipeline(CoverClientOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var standard = new HttpStandardResilienceOptions();
        Configure(standard, options, logger);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "Atradius.Cover.Sdk-standard", TimeProvider = timeProvider }
            .AddRateLimiter(standard.RateLimiter)
            .AddTimeout(standard.TotalRequestTimeout)
            .AddRetry(standard.Retry)
            .AddCircuitBreaker(standard.CircuitBreaker)
            .AddTimeout(standard.AttemptTimeout)
            .Build();
    }

    internal static bool IsSafeToRepeat(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }

        var method = request.Method.Method;
        if (method is "GET" or "HEAD" or "OPTIONS" or "TRACE")
        {
            return true;
        }

        return request.Headers.TryGetValues(IdempotencyKeyHeader, out var keys) && keys.Any(k => !string.IsNullOrWhiteSpace(k));
    }

    /// <summary>
    /// Waits what <c>Retry-After</c> asks plus up to a tenth more (at most one second), so that clients told
    /// the same moment do not all come back at once. Null falls back to exponential back-off with jitter.
    /// </summary>
    private static TimeSpan? RetryAfterWithJitter(HttpResponseMessage? response)
    {
        RetryConditionHeaderValue? retryAfter = response?.Headers.RetryAfter;
        TimeSpan? wait = retryAfter?.Delta;
        if (wait is null && retryAfter?.Date is { } date)
        {
            wait = date - DateTimeOffset.UtcNow;
        }

        if (wait is not { } delay || delay < TimeSpan.Zero)
        {
            return null;
        }

        double random;
        lock (Jitter)
        {
            random = Jitter.NextDouble();
        }

        var spread = Math.Min(delay.TotalMilliseconds * 0.1, 1000);
        return delay + TimeSpan.FromMilliseconds(spread * random);
    }
}
