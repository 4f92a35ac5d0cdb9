using Atradius.Cover.Sdk.Sandbox.Endpoints;

namespace Atradius.Cover.Sdk.Sandbox.Faults;

/// <summary>
/// Fault injection, off by default. Two ways in: <see cref="ArmNext"/> injects one chosen fault into
/// the next matching request (what a test of one failure wants), and the shares inject faults at
/// random into a given part of all requests (what a soak test wants). Change them at any time, from
/// any thread: the next request sees the new values. The random draws come from a seeded sequence, so
/// a sequential test sees the same faults on every run.
/// </summary>
public sealed class SandboxFaults
{
    private readonly object _gate = new();
    private readonly List<ArmedFault> _armed = [];
    private Random _random;
    private int _seed = 20261124;
    private double _rateLimitedShare;
    private double _serviceUnavailableShare;
    private double _droppedResponseShare;
    private double _badGatewayShare;
    private double _cutBodyShare;
    private int? _retryAfterSeconds;
    private TimeSpan _minLatency;
    private TimeSpan _maxLatency;
    private TimeSpan _slowBodyChunkDelay = TimeSpan.FromMilliseconds(200);
    private bool _excludeTokenEndpoints = true;
    private bool _failEveryRequest;

    /// <summary>Creates settings with every fault off.</summary>
    public SandboxFaults() => _random = new Random(_seed);

    /// <summary>Whether the running sandbox serves <c>POST /oauth2/token</c>; unserved, the route is refused before faults are drawn.</summary>
    internal bool OAuth2TokenRouteServed { get; set; } = true;

    /// <summary>Seed of the random sequence that picks the requests to fault; setting it restarts the sequence.</summary>
    public int Seed
    {
        get { lock (_gate) { return _seed; } }
        set { lock (_gate) { _seed = value; _random = new Random(value); } }
    }

    /// <summary>Share of requests (0 to 1) answered 429 before they are processed.</summary>
    public double RateLimitedShare
    {
        get { lock (_gate) { return _rateLimitedShare; } }
        set { lock (_gate) { _rateLimitedShare = Share(value); } }
    }

    /// <summary>Share of requests (0 to 1) answered 503 before they are processed.</summary>
    public double ServiceUnavailableShare
    {
        get { lock (_gate) { return _serviceUnavailableShare; } }
        set { lock (_gate) { _serviceUnavailableShare = Share(value); } }
    }

    /// <summary>Share of requests (0 to 1) processed in full, state committed, whose connection is then cut without an answer.</summary>
    public double DroppedResponseShare
    {
        get { lock (_gate) { return _droppedResponseShare; } }
        set { lock (_gate) { _droppedResponseShare = Share(value); } }
    }

    /// <summary>Share of requests (0 to 1) processed in full, state committed, then answered 502 (half of them 504).</summary>
    public double BadGatewayAfterCommitShare
    {
        get { lock (_gate) { return _badGatewayShare; } }
        set { lock (_gate) { _badGatewayShare = Share(value); } }
    }

    /// <summary>Share of requests (0 to 1) processed in full, state committed, whose answer body is cut halfway.</summary>
    public double CutBodyShare
    {
        get { lock (_gate) { return _cutBodyShare; } }
        set { lock (_gate) { _cutBodyShare = Share(value); } }
    }

    /// <summary>A <c>Retry-After</c> in seconds for injected 429 and 503 answers; null (the default) sends none, as the real service is not known to.</summary>
    public int? RetryAfterSeconds
    {
        get { lock (_gate) { return _retryAfterSeconds; } }
        set { if (value is < 0) { throw new ArgumentOutOfRangeException(nameof(value), value, "Retry-After is not negative."); } lock (_gate) { _retryAfterSeconds = value; } }
    }

    /// <summary>
    /// Least latency added to every request; zero for none. It holds for answers that carry a fault too, armed
    /// with <see cref="ArmNext"/> or drawn at random: a 429, 503, 502 or 504 takes at least this long, like a
    /// plain answer. The latency comes before the request is processed, so for
    /// <see cref="SandboxFault.DropAfterCommit"/> and <see cref="SandboxFault.CutBodyAfterCommit"/>, which never
    /// answer in full, it only delays the cut; and <see cref="SandboxFault.SlowBody"/> adds its pauses after it.
    /// Token routes get no latency while <see cref="ExcludeTokenEndpoints"/> is true, faulted or not.
    /// </summary>
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

    /// <summary>Pause between the pieces of a <see cref="SandboxFault.SlowBody"/> answer (default 200 ms).</summary>
    public TimeSpan SlowBodyChunkDelay
    {
        get { lock (_gate) { return _slowBodyChunkDelay; } }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (_gate) { _slowBodyChunkDelay = value; } }
    }

    /// <summary>Keeps the token endpoints free of random faults (default true), so a test can fault the API alone; armed faults naming a token path still apply.</summary>
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

    /// <summary>Faults armed with <see cref="ArmNext"/> and not yet used up.</summary>
    public int ArmedCount
    {
        get { lock (_gate) { return _armed.Sum(a => a.Remaining); } }
    }

    /// <summary>Sets a fixed added latency.</summary>
    /// <param name="latency">The latency added to every request.</param>
    public void SetLatency(TimeSpan latency)
    {
        MinLatency = latency;
        MaxLatency = latency;
    }

    /// <summary>
    /// Injects <paramref name="fault"/> into the next <paramref name="times"/> requests that match; faults
    /// armed earlier are used first. Example: <c>ArmNext("POST", "/credit-insurance/cover-management/v1/covers", SandboxFault.BadGatewayAfterCommit)</c>.
    /// </summary>
    /// <param name="method">The HTTP method to match, any when null.</param>
    /// <param name="path">
    /// The absolute path to match exactly, without query string; any API path when null, and the token routes too when
    /// <see cref="ExcludeTokenEndpoints"/> is off.
    /// </param>
    /// <param name="fault">The fault to inject.</param>
    /// <param name="times">How many matching requests get it (default 1).</param>
    /// <remarks>
    /// A request takes an armed fault by its method and path alone, before its credentials are looked at: a request
    /// that would have been refused (401, 403) takes it as well.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="path"/> can match no request (no leading '/', a query string, a trailing '/'), or <paramref name="method"/> and <paramref name="path"/> make no route of the contract (the gateway refuses those before faults are drawn).</exception>
    public void ArmNext(string? method, string? path, SandboxFault fault, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);

        // A path that no request's path can equal would stay armed for ever, and the fault it was meant for never come.
        if (path is not null && (!path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal) || (path.Length > 1 && path.EndsWith('/'))))
        {
            throw new ArgumentException($"The path '{path}' can match no request: give the absolute path as a request has it, starting with '/', without query string or trailing '/'.", nameof(path));
        }

        // The gateway refuses a route the contract lacks with 403 before any fault is drawn: armed for one, the fault
        // would never be taken, and the test meant to meet it would pass without doing so.
        if (!RouteTable.AnyKnown(method, path, OAuth2TokenRouteServed))
        {
            throw new ArgumentException(
                $"{method ?? "Any method"} {path ?? "on any path"} is no route of the contract: the gateway answers such a request 403 before faults are drawn, so the fault would never be taken.",
                path is null ? nameof(method) : nameof(path));
        }

        if (!Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, "Not a sandbox fault.");
        }

        lock (_gate)
        {
            _armed.Add(new ArmedFault(method, path, fault, times));
        }
    }

    /// <summary>
    /// The first armed fault that names a route a sandbox serving <paramref name="oauth2TokenRoute"/> or not would refuse
    /// before faults are drawn, as "METHOD path"; null when every armed fault can be taken. Faults armed on options,
    /// before the sandbox's routes are known, are checked against them with this at the start.
    /// </summary>
    internal string? ArmedForUnservedRoute(bool oauth2TokenRoute)
    {
        lock (_gate)
        {
            return _armed.FirstOrDefault(a => !RouteTable.AnyKnown(a.Method, a.Path, oauth2TokenRoute)) is { } unserved
                ? $"{unserved.Method ?? "any method"} {unserved.Path ?? "on any path"}"
                : null;
        }
    }

    /// <summary>Turns every fault off, drops armed faults and restarts the random sequence.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _armed.Clear();
            _rateLimitedShare = 0;
            _serviceUnavailableShare = 0;
            _droppedResponseShare = 0;
            _badGatewayShare = 0;
            _cutBodyShare = 0;
            _retryAfterSeconds = null;
            _minLatency = TimeSpan.Zero;
            _maxLatency = TimeSpan.Zero;
            _slowBodyChunkDelay = TimeSpan.FromMilliseconds(200);
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
                // Copies, not the same objects: a fault armed in the options counts down in each sandbox on its own,
                // so a sandbox that uses it up neither takes it from another started from the same options nor
                // leaves that one with a fault stuck below zero that never runs out.
                _armed.AddRange(other._armed.Select(a => new ArmedFault(a.Method, a.Path, a.Fault, a.Remaining)));
                _rateLimitedShare = other._rateLimitedShare;
                _serviceUnavailableShare = other._serviceUnavailableShare;
                _droppedResponseShare = other._droppedResponseShare;
                _badGatewayShare = other._badGatewayShare;
                _cutBodyShare = other._cutBodyShare;
                _retryAfterSeconds = other._retryAfterSeconds;
                _minLatency = other._minLatency;
                _maxLatency = other._maxLatency;
                _slowBodyChunkDelay = other._slowBodyChunkDelay;
                _excludeTokenEndpoints = other._excludeTokenEndpoints;
                _failEveryRequest = other._failEveryRequest;
            }
        }
    }

    internal FaultDecision Decide(string method, string path, bool isTokenEndpoint)
    {
        lock (_gate)
        {
            var spared = isTokenEndpoint && _excludeTokenEndpoints;
            var armed = _armed.FirstOrDefault(a => a.Matches(method, path) && (a.Path is not null || !spared));
            if (armed is not null)
            {
                if (--armed.Remaining == 0)
                {
                    _armed.Remove(armed);
                }

                // An armed fault answers no sooner than the request would have been answered without it: a test that
                // sets a latency to simulate a slow service sees a slow 503 too, not a fast one that flatters its timeouts.
                return new FaultDecision(armed.Fault, spared ? TimeSpan.Zero : DrawLatency());
            }

            if (spared)
            {
                return FaultDecision.None;
            }

            var latency = DrawLatency();
            if (_failEveryRequest)
            {
                return new FaultDecision(SandboxFault.ServiceUnavailable, latency);
            }

            var total = _rateLimitedShare + _serviceUnavailableShare + _droppedResponseShare + _badGatewayShare + _cutBodyShare;
            if (total <= 0)
            {
                return new FaultDecision(null, latency);
            }

            var draw = _random.NextDouble();
            SandboxFault? fault =
                (draw -= _rateLimitedShare) < 0 ? SandboxFault.RateLimited
                : (draw -= _serviceUnavailableShare) < 0 ? SandboxFault.ServiceUnavailable
                : (draw -= _droppedResponseShare) < 0 ? SandboxFault.DropAfterCommit
                : (draw -= _badGatewayShare) < 0 ? (_random.Next(2) == 0 ? SandboxFault.BadGatewayAfterCommit : SandboxFault.GatewayTimeoutAfterCommit)
                : (draw -= _cutBodyShare) < 0 ? SandboxFault.CutBodyAfterCommit
                : null;
            return new FaultDecision(fault, latency);
        }
    }

    /// <summary>The latency to add to one request, between <see cref="MinLatency"/> and <see cref="MaxLatency"/>; call under the lock.</summary>
    private TimeSpan DrawLatency() =>
        _maxLatency <= _minLatency
            ? _minLatency
            : _minLatency + TimeSpan.FromTicks((long)(_random.NextDouble() * (_maxLatency - _minLatency).Ticks));

    private static double Share(double value) =>
        double.IsNaN(value) || value < 0 || value > 1 ? throw new ArgumentOutOfRangeException(nameof(value), value, "A share is between 0 and 1.") : value;
}
