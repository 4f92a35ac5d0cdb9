namespace Atradius.Cover.Sdk;

/// <summary>
/// Retry, timeout and circuit-breaker settings of the HTTP pipeline. The defaults are those of the
/// standard resilience handler of <c>Microsoft.Extensions.Http.Resilience</c>.
/// </summary>
/// <remarks>
/// GET requests are retried by the pipeline, body included. POST, PUT and PATCH never are: the real service has
/// no idempotency key, so after an attempt that may have acted the clients first read the buyer's covers, and
/// send again (at most <see cref="MaxRetryAttempts"/> times) only when those do not show the action. An attempt
/// refused with 429, or kept back by the open circuit breaker, did nothing, and is sent again after the back-off
/// within the same count. The token
/// endpoint is retried on 429, 5xx and transport failures with the same count and back-off, within the attempt of the
/// call that needs the token: a call whose time runs out while it waits names the token endpoint's last failure. There is no
/// client-side rate limiter: no call fails without being sent because too many are in flight.
/// </remarks>
public sealed class CoverResilienceOptions
{
    /// <summary>Gets or sets how many times a failed read (or token request) is retried, and how many times an application, a change or a conversion is re-sent after its buyer's covers showed it not made or a 429 showed it not acted on. Zero turns retries off. Default: 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets the base of the exponential back-off between retries: with jitter for the reads the pipeline
    /// retries; doubling exactly, at most a minute, for the SDK's own re-sends (a write after a 429 or after its
    /// covers showed it not made, a token request). Default: 2 seconds.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the time one attempt may take. Default: 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the time one request may take, the pipeline's retries of a read included. A write is not bounded
    /// by it as a whole: each attempt of an application, change or conversion, and each look at the buyer's covers
    /// between attempts, is a request of its own; a cancellation token bounds the whole call. Default: 30 seconds.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the share of failed calls (0 to 1) that opens the circuit. Default: 0.1.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    /// <summary>Gets or sets the window over which the failure ratio is measured. Default: 30 seconds.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many calls the window must hold before the circuit may open. Default: 100.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 100;

    /// <summary>Gets or sets how long an open circuit rejects calls before it lets one through. Default: 5 seconds.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Copies every setting into <paramref name="target"/> (see <see cref="CoverClientOptions.Clone"/>).</summary>
    /// <param name="target">The settings to overwrite.</param>
    internal void CopyTo(CoverResilienceOptions target)
    {
        target.MaxRetryAttempts = MaxRetryAttempts;
        target.BaseDelay = BaseDelay;
        target.AttemptTimeout = AttemptTimeout;
        target.TotalTimeout = TotalTimeout;
        target.CircuitBreakerFailureRatio = CircuitBreakerFailureRatio;
        target.CircuitBreakerSamplingDuration = CircuitBreakerSamplingDuration;
        target.CircuitBreakerMinimumThroughput = CircuitBreakerMinimumThroughput;
        target.CircuitBreakerBreakDuration = CircuitBreakerBreakDuration;
    }
}
