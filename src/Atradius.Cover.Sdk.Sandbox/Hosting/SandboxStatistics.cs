namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// Counters for reliability tests: how many token requests and applications the sandbox saw and how
/// many faults it injected. Thread-safe; read them at any time, <see cref="Reset"/> between phases.
/// </summary>
public sealed class SandboxStatistics
{
    private long _oauth2TokenRequests;
    private long _atradiusTokenRequests;
    private long _applicationsCreated;
    private long _requests;
    private long _rateLimited;
    private long _serviceUnavailable;
    private long _droppedResponses;
    private long _delayedRequests;
    private long _afterCommitFaults;

    /// <summary>Token requests on both endpoints, failed ones included.</summary>
    public long TokenRequests => OAuth2TokenRequests + AtradiusTokenRequests;

    /// <summary>Requests to <c>POST /oauth2/token</c>.</summary>
    public long OAuth2TokenRequests => Interlocked.Read(ref _oauth2TokenRequests);

    /// <summary>Requests to <c>POST /authenticate/v2/tokens</c>.</summary>
    public long AtradiusTokenRequests => Interlocked.Read(ref _atradiusTokenRequests);

    /// <summary>New applications that created a cover (201 or 202).</summary>
    public long ApplicationsCreated => Interlocked.Read(ref _applicationsCreated);

    /// <summary>Every request received, admin endpoints excluded.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests answered 429 by fault injection.</summary>
    public long RateLimitedResponses => Interlocked.Read(ref _rateLimited);

    /// <summary>Requests answered 503 by fault injection (including "fail every request").</summary>
    public long ServiceUnavailableResponses => Interlocked.Read(ref _serviceUnavailable);

    /// <summary>Requests processed in full whose connection was then cut without an answer.</summary>
    public long DroppedResponses => Interlocked.Read(ref _droppedResponses);

    /// <summary>Requests slowed down by injected latency.</summary>
    public long DelayedRequests => Interlocked.Read(ref _delayedRequests);

    /// <summary>Requests processed in full whose answer was then replaced by a 502 or 504, cut halfway or sent slowly.</summary>
    public long AfterCommitFaults => Interlocked.Read(ref _afterCommitFaults);

    /// <summary>Faults injected, all kinds together (latency excluded).</summary>
    public long FaultsInjected => RateLimitedResponses + ServiceUnavailableResponses + DroppedResponses + AfterCommitFaults;

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _oauth2TokenRequests, 0);
        Interlocked.Exchange(ref _atradiusTokenRequests, 0);
        Interlocked.Exchange(ref _applicationsCreated, 0);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _serviceUnavailable, 0);
        Interlocked.Exchange(ref _droppedResponses, 0);
        Interlocked.Exchange(ref _delayedRequests, 0);
        Interlocked.Exchange(ref _afterCommitFaults, 0);
    }

    internal void CountOAuth2TokenRequest() => Interlocked.Increment(ref _oauth2TokenRequests);

    internal void CountAtradiusTokenRequest() => Interlocked.Increment(ref _atradiusTokenRequests);

    internal void CountApplicationCreated() => Interlocked.Increment(ref _applicationsCreated);

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void CountServiceUnavailable() => Interlocked.Increment(ref _serviceUnavailable);

    internal void CountDroppedResponse() => Interlocked.Increment(ref _droppedResponses);

    internal void CountDelayedRequest() => Interlocked.Increment(ref _delayedRequests);

    internal void CountAfterCommitFault() => Interlocked.Increment(ref _afterCommitFaults);
}
