using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Security;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>Options of a sandbox; every one has a default, so <c>new CoverSandboxOptions()</c> is a complete world.</summary>
/// <remarks>
/// <see cref="CoverSandbox.StartAsync"/> takes a copy of these options (the faults and the additional clients
/// included) before it looks at them: changing this object afterwards changes no running sandbox, and one
/// object can start several sandboxes. What a test may change while a sandbox runs is on the sandbox itself:
/// <see cref="CoverSandbox.Faults"/> (armed faults, shares, latency), <see cref="CoverSandbox.Irregularities"/>,
/// the clock (<see cref="CoverSandbox.AdvanceTime"/>), and the <c>/sandbox/</c> routes.
/// </remarks>
public sealed class CoverSandboxOptions
{
    /// <summary>
    /// Where to listen. Default <c>http://127.0.0.1:0</c>: a free port on the loopback interface. Only an http:// address
    /// on the loopback interface without a path is taken (127.0.0.1, [::1], or localhost with a port of its own, as the
    /// web server gives no free port on localhost); <see cref="CoverSandbox.StartAsync"/> refuses any other with an
    /// <see cref="ArgumentException"/>, since the credentials are published and the <c>/sandbox/</c> routes need no token.
    /// </summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>Seed of the generated world (buyers, generated covers); the fixtures do not depend on it.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Number of buyers (default 300, at least the fixtures).</summary>
    public int BuyerCount { get; set; } = 300;

    private const int DefaultGeneratedCoverCount = 40;

    // Null until set: the default is cut down to what a small world holds, a number set is not.
    private int? _generatedCoverCount;

    /// <summary>
    /// Number of generated covers of the read-write client's customer (default 40): at most one of each of the three
    /// types per buyer beyond the 11 fixed ones, so <see cref="BuyerCount"/> must be at least 11 plus a third of it,
    /// rounded up (33,345 for 100,000); <see cref="CoverSandbox.StartAsync"/> refuses more when set with an
    /// <see cref="ArgumentOutOfRangeException"/> naming the buyer count needed. Left at the default, it is as many as
    /// the buyers hold up to 40.
    /// </summary>
    public int GeneratedCoverCount
    {
        get => _generatedCoverCount ?? DefaultGeneratedCoverCount;
        set => _generatedCoverCount = value;
    }

    /// <summary>Whether <see cref="GeneratedCoverCount"/> was set rather than left at its default.</summary>
    internal bool IsGeneratedCoverCountSet => _generatedCoverCount is not null;

    /// <summary>
    /// Whether answers carry the real service's irregularities (default true): amounts sometimes as strings
    /// or <c>""</c>, some times with <c>+01:00</c>, ratings sometimes as strings, and a refused change
    /// answered 201 with "Action has been refused.". False gives plain answers: numbers, UTC, and a refused
    /// change answered 422 with that detail.
    /// </summary>
    public bool Irregularities { get; set; } = true;

    /// <summary>
    /// Lifetime of access tokens (default 1800 seconds, at least 1 second). A token is accepted for the whole lifetime, to
    /// the millisecond; <c>expires_in</c> answers its whole seconds.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>How long an underwriter takes on a referred application (default 3 seconds of sandbox time).</summary>
    public TimeSpan ReferralDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Notice period of insurer-initiated reductions and withdrawals (default 30 days). Zero makes a notice take effect
    /// on the next request; a negative period is refused by <see cref="CoverSandbox.StartAsync"/> with an
    /// <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public TimeSpan NoticePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long an indication's conversion into a credit limit takes (default zero: at once). When positive, the
    /// conversion is answered with the indication under pending process <c>V</c> ("Pending Indication Conversion"),
    /// and the credit limit replaces it once this much sandbox time has passed. The service lists <c>V</c> as a code;
    /// whether it converts at once or shows <c>V</c> first is not known. An indication under an insurer's notice is
    /// converted at once either way. Negative is refused by <see cref="CoverSandbox.StartAsync"/> with an
    /// <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public TimeSpan ConversionDelay { get; set; }

    /// <summary>
    /// How long a cancellation takes (default zero: at once). When positive, a cancelled cover stays in the portfolio
    /// under pending process <c>C</c> ("Pending Cancellation", a status the service is seen to send) until this much
    /// sandbox time has passed, and then ends (CCLD, CIND for an indication); a second cancellation, or another change,
    /// of a cover pending cancellation is refused. A referred application, or a cover under an insurer's notice, is
    /// cancelled at once either way. Negative is refused by <see cref="CoverSandbox.StartAsync"/> with an
    /// <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public TimeSpan CancellationDelay { get; set; }

    /// <summary>Largest request body accepted (default 64 KB); larger ones answer 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a request body may take to arrive (default 10 seconds); a slower one answers 408.</summary>
    public TimeSpan RequestBodyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether <c>POST /oauth2/token</c> (RFC 6749 client credentials) is served, as a gateway in front of the API that
    /// speaks standard OAuth 2.0 would (default false). The Atradius gateway answers that route 403 as an unknown
    /// route, and so does the sandbox unless this is set: a client configured for OAuth 2.0 by mistake fails here as
    /// it would against the service, not only once it meets it.
    /// </summary>
    public bool OAuth2TokenRoute { get; set; }

    /// <summary>
    /// Whether <c>GET …/policies/details</c> needs <c>?policyId=</c> and answers 400 without it (default false: without it,
    /// the caller's live policy). The public integrations of the service disagree: one reads the route without a policy
    /// id, another records that the service requires one and refuses <c>customerId</c>. Set this to see a client find its
    /// policy when the service requires the id.
    /// </summary>
    public bool PolicyDetailsNeedPolicyId { get; set; }

    /// <summary>Whether the test controls under <c>/sandbox/</c> are served (default true); the real service has no such routes.</summary>
    public bool AdminEndpoints { get; set; } = true;

    /// <summary>The underlying time; the system clock when null. The sandbox wraps it in a <see cref="SandboxClock"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// A state file: loaded at start when it exists, written when the sandbox is disposed. One running sandbox holds it
    /// at a time (through a <c>.lock</c> file beside it); a second one started on it fails with an <see cref="IOException"/>.
    /// A blank path, or a folder's, is refused with an <see cref="ArgumentException"/> before any lock is taken.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>
    /// Fault injection at start; the running sandbox copies these into <see cref="CoverSandbox.Faults"/>, where they can be
    /// changed and faults armed while it runs. A fault armed here for a route the sandbox will not serve
    /// (<c>POST /oauth2/token</c> without <see cref="OAuth2TokenRoute"/>) is refused by <see cref="CoverSandbox.StartAsync"/>
    /// with an <see cref="ArgumentException"/>.
    /// </summary>
    public SandboxFaults Faults { get; } = new();

    /// <summary>
    /// Clients accepted besides the ready-made ones (for example one without an app key, or one of customer 200419). A
    /// client id must not hold ':', which HTTP Basic cannot carry in a user id (RFC 7617).
    /// </summary>
    public IList<SandboxClient> AdditionalClients { get; } = [];

    /// <summary>Logging set-up; by default an in-process sandbox logs nothing, so test output stays readable.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>
    /// The copy a sandbox runs on: every setting, the faults copied as <see cref="SandboxFaults"/> copies them
    /// (an armed fault counts down in each sandbox on its own), and the list of additional clients, each with its own
    /// copy of <see cref="SandboxClient.OtherCustomerIds"/>. Every settable property must be copied here; a test sets
    /// each one by reflection and checks the copy.
    /// </summary>
    /// <returns>The copy.</returns>
    internal CoverSandboxOptions Snapshot()
    {
        var copy = new CoverSandboxOptions
        {
            Url = Url,
            Seed = Seed,
            BuyerCount = BuyerCount,
            _generatedCoverCount = _generatedCoverCount,
            Irregularities = Irregularities,
            TokenLifetime = TokenLifetime,
            ReferralDelay = ReferralDelay,
            NoticePeriod = NoticePeriod,
            ConversionDelay = ConversionDelay,
            CancellationDelay = CancellationDelay,
            MaxRequestBodyBytes = MaxRequestBodyBytes,
            RequestBodyTimeout = RequestBodyTimeout,
            AdminEndpoints = AdminEndpoints,
            OAuth2TokenRoute = OAuth2TokenRoute,
            PolicyDetailsNeedPolicyId = PolicyDetailsNeedPolicyId,
            TimeProvider = TimeProvider,
            StatePath = StatePath,
            ConfigureLogging = ConfigureLogging,
        };
        copy.Faults.CopyFrom(Faults);
        foreach (var client in AdditionalClients)
        {
            copy.AdditionalClients.Add(Copy(client));
        }

        return copy;
    }

    // A client's other customers may be a list the caller still holds and changes later: the running sandbox gets
    // its own read-only copy, so that a later change does not widen or narrow whom the client may act for.
    // (A null entry stays null, as it did before the copy.)
    private static SandboxClient Copy(SandboxClient? client) =>
        client is null ? null! : client with { OtherCustomerIds = Array.AsReadOnly(client.OtherCustomerIds.ToArray()) };
}
