namespace Atradius.Cover.Sdk.Sandbox.Faults;

/// <summary>
/// Fault injection settings, off by default. Change them at any time, from any thread: the next
/// request sees the new values. Which requests get a fault is drawn from a seeded random sequence,
/// so a sequential test sees the same faults on every run.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private Random _random;
    private int _seed = 20261124;
    private double _rateLimitedShare;
    private double _serviceUnavailableShare;
    private double _droppedResponseShare;
    private int _retryAfterSeconds = 1;
    private TimeSpan _minLatency;
    private TimeSpan _maxLatency;
    private bool _excludeTokenEndpoints = true;
    private bool _failEveryRequest;

    /// <summary>Creates settings with every fault off.</summary>
    public SandboxFaults() => _random = new Random(_seed);

    /// <summary>Seed of the random sequence that picks the requests to fault; setting it restarts the sequence.</summary>
    public int Seed
    {
        get { lock (_gate) { return _seed; } }
        set { lock (_gate) { _seed = value; _random = new Random(value); } }
    }

    /// <summary>Share of requests (0 to 1) answered 429 with <c>Retry-After</c>.</summary>
    public double RateLimitedShare
    {
        get { lock (_gate) { return _rateLimitedShare; } }
        set { lock (_gate) { _rateLimitedShare = Share(value); } }
    }

    /// <summary>Share of requests (0 to 1) answered 503 with <c>Retry-After</c>.</summary>
    public double ServiceUnavailableShare
    {
        get { lock (_gate) { return _serviceUnavailableShare; } }
        set { lock (_gate) { _serviceUnavailableShare = Share(value); } }
    }

    /// <summary>
    /// Share of requests (0 to 1) processed in full, state committed, whose response is then dropped
    /// by aborting the connection: the client cannot tell whether its change happened.
    /// </summary>
    public double DroppedResponseShare
    {
        get { lock (_gate) { return _droppedResponseShare; } }
        set { lock (_gate) { _droppedResponseShare = Share(value); } }
    }

    /// <summary>The <c>Retry-After</c> seconds sent with injected 429 and 503 answers; 0 is allowed.</summary>
    public int RetryAfterSeconds
    {
        get { lock (_gate) { return _retryAfterSeconds; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (_gate) { _retryAfterSeconds = value; } }
    }

    /// <summary>Least latency added to every request; zero for none.</summary>
    public TimeSpan MinLatency
    {
        get { lock (_gate) { return _minLatency; } }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (_gate) { _minLatency = value; } }
    }

    /// <summary>Most latency added to every request; the added latency is drawn between the two, equal values make it fixed.</summary>
    public TimeSpan MaxLatency
    {
        get { lock (_gate) { return _maxLatency; } }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (_gate) { _maxLatency = value; } }
    }

    /// <summary>Keeps the token endpoints free of faults (default true), so a test can fault the API alone.</summary>
    public bool ExcludeTokenEndpoints
    {
        get { lock (_gate) { return _excludeTokenEndpoints; } }
        set { lock (_gate) { _excludeTokenEndpoints = value; } }
    }

    /// <summary>Answers every request 503 (token endpoints too, unless excluded), for circuit-breaker tests.</summary>
    public bool FailEveryRequest
    {
        get { lock (_gate) { return _failEveryRequest; } }
        set { lock (_gate) { _failEveryRequest = value; } }
    }

    /// <summary>Sets a fixed added latency.</summary>
    /// <param name="latency">The latency added to every request.</param>
    public void SetLatency(TimeSpan latency)
    {
        MinLatency = latency;
        MaxLatency = latency;
    }

    /// <summary>Turns every fault off and restarts the random sequence.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rateLimitedShare = 0;
            _serviceUnavailableShare = 0;
            _droppedResponseShare = 0;
            _retryAfterSeconds = 1;
            _minLatency = TimeSpan.Zero;
            _maxLatency = TimeSpan.Zero;
            _failEveryRequest = false;
            _excludeTokenEndpoints = true;
            _random = new Random(_seed);
        }
    }

    internal void CopyFrom(SandboxFaults other)
    {
        lock (other._gate)
        {
            lock (_gate)
            {
                _seed = other._seed;
                _random = new Random(other._seed);
                _rateLimitedShare = other._rateLimitedShare;
                _serviceUnavailableShare = other._serviceUnavailableShare;
                _droppedResponseShare = other._droppedResponseShare;
                _retryAfterSeconds = other._retryAfterSeconds;
                _minLatency = other._minLatency;
                _maxLatency = other._maxLatency;
                _excludeTokenEndpoints = other._excludeTokenEndpoints;
                _failEveryRequest = other._failEveryRequest;
            }
        }
    }

    internal FaultDecision Decide(bool isTokenEndpoint)
    {
        lock (_gate)
        {
            if (isTokenEndpoint && _excludeTokenEndpoints)
            {
                return FaultDecision.None;
            }

            var latency = _maxLatency <= _minLatency
                ? _minLatency
                : _minLatency + TimeSpan.FromTicks((long)(_random.NextDouble() * (_maxLatency - _minLatency).Ticks));

            if (_failEveryRequest)
            {
                return new FaultDecision(FaultKind.ServiceUnavailable, latency, _retryAfterSeconds);
            }

            if (_rateLimitedShare + _serviceUnavailableShare + _droppedResponseShare <= 0)
            {
                return latency == TimeSpan.Zero ? FaultDecision.None : new FaultDecision(FaultKind.None, latency, 0);
            }

            var draw = _random.NextDouble();
            var kind = draw < _rateLimitedShare ? FaultKind.RateLimited
                : draw < _rateLimitedShare + _serviceUnavailableShare ? FaultKind.ServiceUnavailable
                : draw < _rateLimitedShare + _serviceUnavailableShare + _droppedResponseShare ? FaultKind.DroppedResponse
                : FaultKind.None;
            return new FaultDecision(kind, latency, _retryAfterSeconds);
        }
    }

    private static double Share(double value) =>
        double.IsNaN(value) || value < 0 || value > 1 ? throw new ArgumentOutOfRangeException(nameof(value), value, "A share is between 0 and 1.") : value;
}
