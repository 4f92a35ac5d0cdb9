namespace Atradius.Cover.Sdk;

/// <summary>What a failed attempt of a POST or PUT proves about whether the service acted.</summary>
internal static class CoverAttemptOutcome
{
    /// <summary>
    /// Whether the attempt may have reached the service and acted: no answer after sending (timeout, reset), or a
    /// 5xx or 408, which a gateway may answer after the service committed, or a redirect (3xx), which the service never
    /// answers and proves nothing. 429 and a request the circuit breaker kept back prove that this attempt did not act;
    /// so do 4xx refusals.
    /// </summary>
    public static bool MayHaveActed(CoverApiException failure) =>
        failure switch
        {
            CoverTransportException transport => transport.RequestWasSent,
            _ => failure.Status is 408 or >= 500 or (>= 300 and < 400),
        };

    /// <summary>
    /// Whether a success answer to a POST or PUT says the service refused the action all the same: its response text
    /// is "Action has been refused." instead of "Action successful". Nothing was created or changed.
    /// </summary>
    public static bool Refused(Generated.CoverActionResult? answer) => CoverText.Contains(answer?.Response, "refused");

    /// <summary>
    /// Whether a failure proves the attempt did not act and is worth another one (a 429, or a request the circuit breaker
    /// kept back), and attempt number <paramref name="attempt"/> leaves one within <see cref="CoverResilienceOptions.MaxRetryAttempts"/>.
    /// </summary>
    public static bool WorthAnotherAttempt(CoverApiException failure, int attempt, CoverResilienceOptions resilience) =>
        (failure is CoverRateLimitedException || failure is CoverTransportException { RequestWasSent: false })
        && attempt <= resilience.MaxRetryAttempts;
}
