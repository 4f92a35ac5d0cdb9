using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Security;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>Options of a sandbox; every one has a default, so <c>new CoverSandboxOptions()</c> is a complete world.</summary>
public sealed class CoverSandboxOptions
{
    /// <summary>Where to listen. Default <c>http://127.0.0.1:0</c>: a free port on the loopback interface.</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>Seed of the generated world (buyers, generated covers); the fixtures do not depend on it.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Number of buyers (default 300, at least the fixtures).</summary>
    public int BuyerCount { get; set; } = 300;

    /// <summary>Number of generated covers spread over the policies (default 40); set 100,000 for volume tests.</summary>
    public int GeneratedCoverCount { get; set; } = 40;

    /// <summary>Lifetime of access tokens (default 1800 seconds).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>How long an underwriter takes on a referred application (default 3 seconds of sandbox time).</summary>
    public TimeSpan ReferralDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Notice period of insurer-initiated reductions and withdrawals (default 30 days).</summary>
    public TimeSpan NoticePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Largest request body accepted (default 64 KB); larger ones answer 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Whether <c>Idempotency-Key</c> is honoured (default true); turn off to mimic a service that ignores it.</summary>
    public bool IdempotencyEnabled { get; set; } = true;

    /// <summary>The underlying time; the system clock when null. The sandbox wraps it in a <see cref="SandboxClock"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>A state file: loaded at start when it exists, written when the sandbox is disposed.</summary>
    public string? StatePath { get; set; }

    /// <summary>Fault injection at start; the running sandbox copies these into <see cref="CoverSandbox.Faults"/>.</summary>
    public SandboxFaults Faults { get; } = new();

    /// <summary>Clients accepted besides the ready-made read-write and read-only ones (for example one without an app key).</summary>
    public IList<SandboxClient> AdditionalClients { get; } = [];

    /// <summary>Logging set-up; by default an in-process sandbox logs nothing, so test output stays readable.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
