using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>Everything one running sandbox shares between its endpoints and its public face.</summary>
internal sealed class SandboxRuntime
{
    private volatile bool _irregularities;

    public SandboxRuntime(CoverSandboxOptions options, SandboxWorld world, SandboxClock clock, IReadOnlyList<SandboxClient> clients)
    {
        Options = options;
        World = world;
        Clock = clock;
        Clients = clients;
        Statistics = new SandboxStatistics();
        // The options are this sandbox's own copy (CoverSandboxOptions.Snapshot), faults included.
        Faults = options.Faults;
        Faults.OAuth2TokenRouteServed = options.OAuth2TokenRoute;
        Tokens = new TokenService(clock, options.TokenLifetime);
        Store = new CoverStore(world, clock, Statistics, options.ReferralDelay, options.NoticePeriod, options.ConversionDelay, options.CancellationDelay);
        _irregularities = options.Irregularities;
        Wire = new WireContext(world, Store.Ratings, () => _irregularities);
    }

    public CoverSandboxOptions Options { get; }

    public SandboxWorld World { get; }

    public SandboxClock Clock { get; }

    public IReadOnlyList<SandboxClient> Clients { get; }

    public SandboxStatistics Statistics { get; }

    public SandboxFaults Faults { get; }

    public TokenService Tokens { get; }

    public CoverStore Store { get; }

    public WireContext Wire { get; }

    public bool Irregularities { get => _irregularities; set => _irregularities = value; }

    public SandboxClient? FindClient(string clientId) => Clients.FirstOrDefault(c => c.ClientId == clientId);
}
