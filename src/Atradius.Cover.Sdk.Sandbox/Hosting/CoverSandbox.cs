using System.Globalization;
using System.Net;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Endpoints;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Persistence;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// A running Cover API sandbox on the loopback interface that answers as the real Atradius service
/// does: start one per test class (or per test; starting takes milliseconds), point a client at
/// <see cref="BaseAddress"/> with <see cref="ReadWriteClient"/>, and drive time, underwriters, insurer
/// events and faults from the test.
/// </summary>
public sealed class CoverSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxRuntime _runtime;
    private readonly StateFileLock? _stateLock;
    private int _disposed;

    private CoverSandbox(WebApplication app, SandboxRuntime runtime, Uri baseAddress, StateFileLock? stateLock)
    {
        _app = app;
        _runtime = runtime;
        _stateLock = stateLock;
        BaseAddress = baseAddress;
        AtradiusTokenEndpoint = new Uri(baseAddress, "authenticate/v2/tokens");
        OAuth2TokenEndpoint = new Uri(baseAddress, "oauth2/token");
    }

    /// <summary>The host root, ending in <c>/</c>, like <c>https://api.atradius.com/</c>: every route of the contract is an absolute path from it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Atradius token route, <c>POST /authenticate/v2/tokens</c> (HTTP Basic, <c>Atradius-App-Key</c>).</summary>
    public Uri AtradiusTokenEndpoint { get; }

    /// <summary>
    /// The standard OAuth 2.0 client credentials route, <c>POST /oauth2/token</c>: not an Atradius route, served only with
    /// <see cref="CoverSandboxOptions.OAuth2TokenRoute"/> (for clients configured for gateways that speak it); 403 otherwise.
    /// </summary>
    public Uri OAuth2TokenEndpoint { get; }

    /// <summary>A read-write client of customer 200417 (policy 5012345, EUR), with an app key.</summary>
    public SandboxClient ReadWriteClient => _runtime.Clients[0];

    /// <summary>The state and services the pipeline works on, for the sandbox's own tests.</summary>
    internal SandboxRuntime Runtime => _runtime;

    /// <summary>A read-only client of customer 200417; its POST, PUT and PATCH answer 403.</summary>
    public SandboxClient ReadOnlyClient => _runtime.Clients[1];

    /// <summary>A read-write client of another customer, 200418 (policy 5012346, GBP): it sees none of customer 200417's covers.</summary>
    public SandboxClient OtherCustomerClient => _runtime.Clients[2];

    /// <summary>
    /// A broker's read-write client: its own customer is 200417 (policy 5012345, EUR), and it may also act
    /// for customer 200418 (policy 5012346, GBP) by naming it; customer 200419 stays out of its reach.
    /// </summary>
    public SandboxClient BrokerClient => _runtime.Clients[3];

    /// <summary>Whether answers carry the real service's irregularities; starts as <see cref="CoverSandboxOptions.Irregularities"/>, changeable while running.</summary>
    public bool Irregularities
    {
        get => _runtime.Irregularities;
        set => _runtime.Irregularities = value;
    }

    /// <summary>Every accepted client: the ready-made ones first, then <see cref="CoverSandboxOptions.AdditionalClients"/>.</summary>
    public IReadOnlyList<SandboxClient> Clients => _runtime.Clients;

    /// <summary>The seeded reference data: customers, policies, buyers.</summary>
    public SandboxWorld World => _runtime.World;

    /// <summary>Counters of token requests, applications and injected faults.</summary>
    public SandboxStatistics Statistics => _runtime.Statistics;

    /// <summary>Fault injection, changeable while the sandbox runs.</summary>
    public SandboxFaults Faults => _runtime.Faults;

    /// <summary>The sandbox's clock (real time plus an offset).</summary>
    public SandboxClock Clock => _runtime.Clock;

    /// <summary>
    /// The configuration section the SDK's <c>services.AddAtradiusCover(configuration)</c> reads its client options
    /// from, and <see cref="ClientSettings"/> writes them under by default.
    /// </summary>
    public const string ClientSectionPath = "Atradius:Cover";

    /// <summary>
    /// The settings that point a client at this sandbox, as configuration keys: the base address and the credentials,
    /// customer and policy of <paramref name="client"/>, named as the SDK's client options are. Add them to a
    /// configuration (<c>configuration.AddInMemoryCollection(sandbox.ClientSettings())</c>) and register the client
    /// from it as against a real environment, so that a host or a test runs the same configuration path either way.
    /// The token route is not among them: the client derives the Atradius route from the base address.
    /// </summary>
    /// <param name="client">Whose credentials; <see cref="ReadWriteClient"/> when null. Must be one of <see cref="Clients"/>.</param>
    /// <param name="sectionPath">The section the keys are written under, <see cref="ClientSectionPath"/> by default; empty for keys without a section.</param>
    /// <returns>The keys (for example <c>Atradius:Cover:BaseAddress</c>) and their values.</returns>
    /// <exception cref="ArgumentException"><paramref name="client"/> is not a client this sandbox accepts, or <paramref name="sectionPath"/> is blank but not empty or ends in <c>:</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="sectionPath"/> is null.</exception>
    public IReadOnlyDictionary<string, string?> ClientSettings(SandboxClient? client = null, string sectionPath = ClientSectionPath)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        if (sectionPath.Length > 0 && (string.IsNullOrWhiteSpace(sectionPath) || sectionPath.EndsWith(':')))
        {
            throw new ArgumentException($"sectionPath must name a configuration section such as \"{ClientSectionPath}\" (or be empty for keys without one); \"{sectionPath}\" does not.", nameof(sectionPath));
        }

        client ??= ReadWriteClient;
        if (!_runtime.Clients.Contains(client))
        {
            // Credentials the sandbox does not accept would only fail at the first token request, far from here.
            throw new ArgumentException($"client {client.ClientId} is not one this sandbox accepts: use one of its Clients, or add it with CoverSandboxOptions.AdditionalClients.", nameof(client));
        }

        var prefix = sectionPath.Length == 0 ? string.Empty : sectionPath + ":";
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [prefix + "BaseAddress"] = BaseAddress.AbsoluteUri,
            [prefix + "ClientId"] = client.ClientId,
            [prefix + "ClientSecret"] = client.ClientSecret,
            [prefix + "CustomerId"] = client.CustomerId.ToString(CultureInfo.InvariantCulture),
            [prefix + "PolicyId"] = client.PolicyId,
        };
        if (client.AppKey is { } appKey)
        {
            settings[prefix + "AppKey"] = appKey;
        }

        return settings;
    }

    /// <summary>Starts a sandbox.</summary>
    /// <param name="options">Options; defaults when null. The sandbox runs on a copy taken here: later changes to this object do not reach it.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox; dispose it to stop it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (a body limit under 1024 bytes, a token lifetime under a second, a negative referral delay, notice period or cover count, a duration longer than ten years, more generated covers than the buyers hold: the message names the buyer count needed).</exception>
    /// <exception cref="ArgumentException">
    /// <see cref="CoverSandboxOptions.Url"/> is not an http:// address on the loopback interface (127.0.0.1, [::1], or
    /// localhost with a port of its own) without a path; <see cref="CoverSandboxOptions.StatePath"/> is blank or a
    /// folder; a fault is armed in <see cref="CoverSandboxOptions.Faults"/> for a route the sandbox will not serve; or
    /// an additional client is null, has no id or secret, has a ':' in its id, takes an id already taken, or names a
    /// customer and policy the world does not hold together. Nothing is held then: no port, no state file.
    /// </exception>
    /// <exception cref="InvalidDataException">The state file cannot be read as a sandbox state (the message names it).</exception>
    /// <exception cref="IOException">Another running sandbox, in this process or another, holds the state file (the message names it).</exception>
    /// <exception cref="DirectoryNotFoundException">The state file's folder does not exist.</exception>
    public static async Task<CoverSandbox> StartAsync(CoverSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A copy, checked and used from here on: a test that reuses or changes its options object after the start
        // (admin routes, body limits, the state file) must not change a sandbox that is already running.
        options = options?.Snapshot() ?? new CoverSandboxOptions();
        if (options.MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRequestBodyBytes, $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.MaxRequestBodyBytes)} must be at least 1024.");
        }

        foreach (var (value, least, name) in new[]
        {
            (options.TokenLifetime, TimeSpan.FromSeconds(1), nameof(CoverSandboxOptions.TokenLifetime)),
            (options.ReferralDelay, TimeSpan.Zero, nameof(CoverSandboxOptions.ReferralDelay)),
            (options.RequestBodyTimeout, TimeSpan.FromMilliseconds(1), nameof(CoverSandboxOptions.RequestBodyTimeout)),
        })
        {
            if (value < least)
            {
                throw new ArgumentOutOfRangeException(nameof(options), value, $"{nameof(CoverSandboxOptions)}.{name} must be at least {least}.");
            }
        }

        if (options.NoticePeriod < TimeSpan.Zero)
        {
            // A negative period would put a notice's effect before the notice itself, and its withdrawal date in the past.
            throw new ArgumentOutOfRangeException(nameof(options), options.NoticePeriod, $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.NoticePeriod)} must not be negative; zero makes a notice take effect on the next request.");
        }

        if (options.ConversionDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ConversionDelay, $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.ConversionDelay)} must not be negative; zero converts at once.");
        }

        if (options.CancellationDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CancellationDelay, $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.CancellationDelay)} must not be negative; zero cancels at once.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.GeneratedCoverCount, nameof(options));
        if (options.IsGeneratedCoverCountSet && options.GeneratedCoverCount > CoverStore.GeneratedCoverCapacity(options.BuyerCount))
        {
            // The seeding gives each buyer at most one generated cover of each type; more asked for were cut down to
            // that without a word, and a test or benchmark counting on the number it set measured fewer. The default
            // is cut down in a small world, as nobody asked for that number.
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.GeneratedCoverCount,
                $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.GeneratedCoverCount)} {options.GeneratedCoverCount} needs a {nameof(CoverSandboxOptions.BuyerCount)} of at least {CoverStore.BuyersFor(options.GeneratedCoverCount)} (the standalone server's --buyers): each buyer but the {WorldGenerator.FixedBuyerCount} fixtures takes at most one generated cover of each type, so {options.BuyerCount} buyers hold {CoverStore.GeneratedCoverCapacity(options.BuyerCount)}.");
        }

        // Longer durations overflow the dates they are added to (a token's expiry, a decision's due time) or the
        // expires_in a token answer carries, and fail requests long after the start; "never" is ten years here.
        foreach (var (value, name) in new[]
        {
            (options.TokenLifetime, nameof(CoverSandboxOptions.TokenLifetime)),
            (options.ReferralDelay, nameof(CoverSandboxOptions.ReferralDelay)),
            (options.NoticePeriod, nameof(CoverSandboxOptions.NoticePeriod)),
            (options.ConversionDelay, nameof(CoverSandboxOptions.ConversionDelay)),
            (options.CancellationDelay, nameof(CoverSandboxOptions.CancellationDelay)),
            (options.RequestBodyTimeout, nameof(CoverSandboxOptions.RequestBodyTimeout)),
        })
        {
            if (value > SandboxClock.TenYears)
            {
                throw new ArgumentOutOfRangeException(nameof(options), value, $"{nameof(CoverSandboxOptions)}.{name} must be at most ten years.");
            }
        }

        if (ListenAddressProblem(options.Url) is { } addressProblem)
        {
            throw new ArgumentException(
                $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.Url)} must be an http:// address on the loopback interface (127.0.0.1, [::1], or localhost with a port of its own) without a path, such as http://127.0.0.1:0: {addressProblem}",
                nameof(options));
        }

        // The options' faults were armed against every route the sandbox can serve; this one may not serve them all.
        if (options.Faults.ArmedForUnservedRoute(options.OAuth2TokenRoute) is { } route)
        {
            throw new ArgumentException(
                $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.Faults)} holds a fault armed for {route}, which this sandbox does not serve (POST {Http.OAuth2TokenPath} is served only with {nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.OAuth2TokenRoute)}): the gateway answers it 403 before faults are drawn, so the fault would never be taken.",
                nameof(options));
        }

        // Checked before the lock is taken: a blank path took "./.lock", a folder's path a lock beside the folder, and
        // both failed only when the state was saved on dispose, the state then lost.
        if (options.StatePath is { } checkedPath && (string.IsNullOrWhiteSpace(checkedPath) || Directory.Exists(checkedPath)))
        {
            throw new ArgumentException(
                $"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.StatePath)} must name a file to load the state from and save it to; \"{checkedPath}\" {(string.IsNullOrWhiteSpace(checkedPath) ? "is blank" : "is a folder")}. Leave it null to keep the state in memory only.",
                nameof(options));
        }

        var stateLock = options.StatePath is { } statePath ? StateFileLock.Take(statePath) : null;
        try
        {
            return await StartHoldingStateAsync(options, stateLock, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stateLock?.Dispose();
            throw;
        }
    }

    /// <summary>Starts a sandbox on checked options, holding its state file when it has one.</summary>
    private static async Task<CoverSandbox> StartHoldingStateAsync(CoverSandboxOptions options, StateFileLock? stateLock, CancellationToken cancellationToken)
    {
        PersistedState? persisted = null;
        if (options.StatePath is { } path && File.Exists(path))
        {
            persisted = await LoadStateAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var seed = persisted?.Seed ?? options.Seed;
        var buyerCount = persisted?.BuyerCount ?? options.BuyerCount;
        var clock = new SandboxClock(options.TimeProvider);
        if (persisted is not null)
        {
            clock.Advance(persisted.ClockOffset);
        }

        // A saved world is made again on the day it was first made: made on the day of loading (the clock having moved
        // on by the saved offset, or the file being loaded months later), its policies would start and expire later
        // than the covers and the policy details a client saw, and an expired policy would be live again.
        var world = WorldGenerator.Create(seed, buyerCount, persisted?.WorldDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var clients = new List<SandboxClient>
        {
            new(SandboxFixtures.ReadWriteClientId, SandboxFixtures.ReadWriteClientSecret, SandboxFixtures.ReadWriteAppKey, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId),
            new(SandboxFixtures.ReadOnlyClientId, SandboxFixtures.ReadOnlyClientSecret, SandboxFixtures.ReadOnlyAppKey, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId, CanWrite: false),
            new(SandboxFixtures.OtherCustomerClientId, SandboxFixtures.OtherCustomerClientSecret, SandboxFixtures.OtherCustomerAppKey, SandboxFixtures.SterlingCustomerId, SandboxFixtures.SterlingPolicyId),
            new(SandboxFixtures.BrokerClientId, SandboxFixtures.BrokerClientSecret, SandboxFixtures.BrokerAppKey, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId)
            {
                OtherCustomerIds = [SandboxFixtures.SterlingCustomerId],
            },
        };
        foreach (var client in options.AdditionalClients)
        {
            if (AdditionalClientProblem(client, clients, world) is { } problem)
            {
                throw new ArgumentException($"{nameof(CoverSandboxOptions)}.{nameof(CoverSandboxOptions.AdditionalClients)}: {problem}", nameof(options));
            }

            clients.Add(client);
        }

        var runtime = new SandboxRuntime(options, world, clock, clients);
        if (persisted is not null)
        {
            runtime.Store.Import(persisted);
        }
        else
        {
            runtime.Store.Seed(options.GeneratedCoverCount);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(CoverSandbox).Assembly.GetName().Name });
        builder.WebHost.UseUrls(string.Join(';', ListenAddresses(options.Url)));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max(4L * options.MaxRequestBodyBytes, 1024 * 1024);
        });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);

        var app = builder.Build();
        SandboxPipeline.Use(app, runtime);
        TokenEndpoints.Map(app, runtime);
        PolicyEndpoints.Map(app, runtime);
        BuyerEndpoints.Map(app, runtime);
        CoverEndpoints.Map(app, runtime);
        if (options.AdminEndpoints)
        {
            AdminEndpoints.Map(app, runtime);
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A port already taken, or a cancelled start: nothing else holds the host to release it.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Urls.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        SandboxLog.Started(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Atradius.Cover.Sdk.Sandbox"), baseAddress);
        return new CoverSandbox(app, runtime, baseAddress, stateLock);
    }

    /// <summary>Moves the sandbox clock forward; referred applications and notices due by then take effect on the next request.</summary>
    /// <param name="by">How far: not negative, and at most ten years at a time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative or longer than ten years; the clock did not move.</exception>
    public void AdvanceTime(TimeSpan by) => _runtime.Clock.Advance(by);

    /// <summary>Reads a state file; one that cannot be read is named in the error, with what is wrong with it.</summary>
    private static async Task<PersistedState> LoadStateAsync(string path, CancellationToken cancellationToken)
    {
        PersistedState? persisted;
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                persisted = await JsonSerializer.DeserializeAsync(stream, SandboxJsonContext.Default.PersistedState, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The state file {path} is not a sandbox state the sandbox can read ({error.Message}). Delete it to start from a new world.", error);
        }

        if (persisted is null)
        {
            throw new InvalidDataException($"The state file {path} is empty. Delete it to start from a new world.");
        }

        if (persisted.FormatVersion > PersistedState.CurrentFormatVersion)
        {
            throw new InvalidDataException($"The state file {path} was written by a newer sandbox (format {persisted.FormatVersion}); this one reads format {PersistedState.CurrentFormatVersion} and older.");
        }

        // Every state the sandbox writes names its world's size and the next cover id: JSON without them (another
        // program's settings, say) would load as an empty world, and be written over when the sandbox stops.
        if (persisted.BuyerCount < 1 || persisted.NextCoverId < 1)
        {
            throw new InvalidDataException($"The state file {path} is not a sandbox state: it names no world (buyerCount) or next cover id (nextCoverId). Point StatePath at a file of its own, or delete this one if it is a sandbox's.");
        }

        // JSON's null is read into a list, or into an item of one, whatever the types say; loaded, it failed the start
        // with a NullReferenceException that named no file, or failed the reads after it.
        if (NullListIn(persisted) is { } list)
        {
            throw new InvalidDataException($"The state file {path} is not a sandbox state the sandbox can read: its \"{list}\" list is null or holds a null. Delete it to start from a new world.");
        }

        return persisted;
    }

    /// <summary>The first list of a state that is null or holds a null (a decision's conditions counted in its cover's list), if any.</summary>
    private static string? NullListIn(PersistedState state) =>
        state.Current is null || state.Current.Any(HoldsNull) ? "current"
        : state.Historic is null || state.Historic.Any(HoldsNull) ? "historic"
        : state.Events is null || state.Events.Any(e => e is null) ? "events"
        : state.Ratings is null || state.Ratings.Any(r => r is null) ? "ratings"
        : null;

    private static bool HoldsNull(CoverRecord? cover) =>
        cover is null
        || new[] { cover.TotalDecision, cover.FirstAmtDecision, cover.SecondAmtDecision }.Any(d => d is not null && (d.Conditions is null || d.Conditions.Any(c => c is null)));

    /// <summary>The addresses of <see cref="CoverSandboxOptions.Url"/>, which may list several separated by ';' as the web server reads it.</summary>
    private static string[] ListenAddresses(string? urls) =>
        urls is null ? [] : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Why the sandbox must not listen on <paramref name="urls"/>, if it must not. Its credentials are published and its
    /// <c>/sandbox/</c> routes need no token, so it listens on the loopback interface alone: the web server takes
    /// 0.0.0.0, <c>*</c>, <c>+</c> and any host name but localhost for every interface. And an address the web server
    /// refuses (a free port on localhost, a path) failed the start with an <see cref="InvalidOperationException"/>
    /// that the standalone server could only print as a stack trace.
    /// </summary>
    private static string? ListenAddressProblem(string? urls)
    {
        var addresses = ListenAddresses(urls);
        if (addresses.Length == 0)
        {
            return "it is empty.";
        }

        foreach (var address in addresses)
        {
            var scheme = address.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0 || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                // 0.0.0.0 parses; * and + do not, and they are every interface too.
                return scheme >= 0 && (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    ? $"'{address}' names no loopback host ('*' and '+' are every interface)."
                    : $"'{address}' is not an http:// address.";
            }

            // The host as the web server reads it from the text, not as Uri reads it: they must not disagree on it.
            var authority = address[(scheme + 3)..];
            authority = authority[..(authority.IndexOfAny(['/', '?', '#']) is var end and >= 0 ? end : authority.Length)];
            var host = authority.StartsWith('[') ? authority[..(authority.IndexOf(']', StringComparison.Ordinal) + 1)]
                : authority.LastIndexOf(':') is var colon and >= 0 ? authority[..colon]
                : authority;
            var localhost = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);
            if (!localhost && !(IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var ip) && IPAddress.IsLoopback(ip)))
            {
                return $"the host of '{address}' is not on the loopback interface, and the sandbox's published credentials and its /sandbox/ routes would be open to the network.";
            }

            if (localhost && uri.Port == 0)
            {
                return $"'{address}' asks for a free port on localhost, which the web server does not give (localhost is two addresses, 127.0.0.1 and [::1]); use http://127.0.0.1:0, or localhost with a port of its own.";
            }

            if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                return $"'{address}' has a path, query or user; the sandbox serves the contract's absolute routes from the host root.";
            }
        }

        return null;
    }

    /// <summary>
    /// What is wrong with an additional client, if anything: it must be one the sandbox can tell apart and serve, with a
    /// client id of its own (a second client under a ready-made id would never be found, and every call would be
    /// refused) and a customer and policy of the world.
    /// </summary>
    private static string? AdditionalClientProblem(SandboxClient? client, List<SandboxClient> clients, SandboxWorld world)
    {
        if (client is null)
        {
            return "the list holds a null client.";
        }

        if (string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrEmpty(client.ClientSecret))
        {
            return "every client needs a client id and a secret.";
        }

        if (client.ClientId.Contains(':', StringComparison.Ordinal))
        {
            return $"client id '{client.ClientId}' holds a ':', which HTTP Basic cannot carry in a user id (RFC 7617): the token route takes the id to end at the first ':', so the client could never get a token.";
        }

        if (clients.Any(c => string.Equals(c.ClientId, client.ClientId, StringComparison.Ordinal)))
        {
            return $"client id '{client.ClientId}' is taken (by a ready-made client, or an earlier one of the list); give each client an id of its own.";
        }

        return world.FindCustomer(client.CustomerId) is null || world.FindPolicy(client.PolicyId) is not { } policy || policy.CustomerId != client.CustomerId
            ? $"client '{client.ClientId}' names customer {client.CustomerId} and policy '{client.PolicyId}', which the sandbox's world does not hold together."
            : null;
    }

    /// <summary>
    /// Has the underwriters take the next step on every waiting application now, whatever the clock says:
    /// a referred application is decided (a large one on a weak buyer first gets a preliminary DC06 or DC07),
    /// and a preliminary decision becomes final (DC04 or DC03). Call it twice to reach the final decision.
    /// </summary>
    /// <returns>How many applications took a step.</returns>
    public int DecideReferredApplications() => _runtime.Store.DecideAllReferred();

    /// <summary>The insurer notifies a reduction (DC21, pending indicator F); it takes effect (DC09) after the notice period. The buyer's rating worsens by 15.</summary>
    /// <param name="coverId">The cover.</param>
    /// <param name="newAmount">The amount it will be reduced to: a positive multiple of 1000 below the current decision.</param>
    /// <param name="cancellationToken">Not used; kept for a uniform async surface.</param>
    /// <returns>The cover after the notice.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coverId"/> is not a current cover, or <paramref name="newAmount"/> is not a positive multiple of 1000 below its decision.</exception>
    /// <exception cref="InvalidOperationException">The cover has no positive decision to reduce (a referred application, a refusal), its decision is preliminary (DC06) with the final one still to come, it is already under an insurer's notice, or a cancellation or conversion of it is pending.</exception>
    public Task<SandboxCover> NotifyReductionAsync(long coverId, decimal newAmount, CancellationToken cancellationToken = default) =>
        Task.FromResult(SandboxCover.From(_runtime.Store.NotifyReduction(coverId, newAmount)));

    /// <summary>The insurer notifies a withdrawal (DC21, pending indicator W); it takes effect (DC08, amount 0, historic WCLD) after the notice period. The buyer's rating worsens by 15.</summary>
    /// <param name="coverId">The cover.</param>
    /// <param name="cancellationToken">Not used; kept for a uniform async surface.</param>
    /// <returns>The cover after the notice.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coverId"/> is not a current cover.</exception>
    /// <exception cref="InvalidOperationException">The cover has no positive decision to withdraw (a referred application, a refusal), its decision is preliminary (DC06) with the final one still to come, it is already under an insurer's notice, or a cancellation or conversion of it is pending.</exception>
    public Task<SandboxCover> NotifyWithdrawalAsync(long coverId, CancellationToken cancellationToken = default) =>
        Task.FromResult(SandboxCover.From(_runtime.Store.NotifyWithdrawal(coverId)));

    /// <summary>The insurer changes a buyer's rating now; my-buyers shows the previous rating and the direction of the change.</summary>
    /// <param name="buyerId">The buyer.</param>
    /// <param name="rating">The new rating, 1 (best) to 100 (worst).</param>
    public void ChangeBuyerRating(long buyerId, int rating)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 100);
        if (_runtime.World.FindBuyer(buyerId) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(buyerId), buyerId, "No such buyer in the sandbox world.");
        }

        _runtime.Store.ChangeRating(buyerId, rating);
    }

    /// <summary>A snapshot of every cover version of every customer, historic ones included, in cover id order (historic versions first).</summary>
    /// <returns>The covers as they are now.</returns>
    public IReadOnlyList<SandboxCover> GetCovers() => _runtime.Store.Snapshot().Select(SandboxCover.From).ToList();

    /// <summary>The current version of one cover (what <c>GET /covers</c> would list), or null when there is none.</summary>
    /// <param name="coverId">The cover.</param>
    /// <returns>The cover, or null.</returns>
    public SandboxCover? GetCover(long coverId) => GetCovers().FirstOrDefault(c => c.CoverId == coverId && c.IsCurrent);

    /// <summary>Writes the covers and their history to a JSON file that <see cref="CoverSandboxOptions.StatePath"/> can load.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var state = _runtime.Store.Export(_runtime.World.Seed, _runtime.World.Buyers.Count, _runtime.World.MadeOn, _runtime.Clock.Offset);
        // A temporary file of this save's own: two saves to one path at once (a test saving while its sandbox
        // is disposed, two sandboxes sharing a state file) must not collide on it; the last one to finish wins.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = File.Create(temporary);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, state, SandboxJsonContext.Default.PersistedState, cancellationToken).ConfigureAwait(false);

                // On the disk before the rename: after a power loss the file is then the old state or the new, never
                // an empty one the rename made visible before its bytes were written.
                stream.Flush(flushToDisk: true);
            }

            // Replace in one step, so a crash mid-write never leaves a truncated state file behind.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Waits until the host stops (Ctrl+C for the standalone sandbox).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the host shuts down.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Stops the sandbox, then saves its state when <see cref="CoverSandboxOptions.StatePath"/> is set, so that every
    /// request it answered is in the file. When the state cannot be written the sandbox still stops, and the error is
    /// thrown after it has.
    /// </summary>
    /// <returns>A task that completes when the sandbox has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // Stopped first: a request still running when the state was saved before could be answered (a cover made,
            // its id handed out) and then be missing from the file.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            // Saved even when the host did not stop cleanly: the state is in memory either way.
            try
            {
                if (_runtime.Options.StatePath is { } path)
                {
                    await SaveAsync(path).ConfigureAwait(false);
                }
            }
            finally
            {
                // Given up once the file holds this sandbox's last word, so that a sandbox started next loads it.
                _stateLock?.Dispose();
                await _app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
