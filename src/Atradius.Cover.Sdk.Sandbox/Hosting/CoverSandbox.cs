using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Endpoints;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Persistence;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// A running Cover API sandbox on the loopback interface: start one per test class (or per test;
/// starting takes milliseconds), point a client at <see cref="BaseAddress"/> with
/// <see cref="ReadWriteClient"/>, and drive insurer events, time and faults from the test.
/// </summary>
public sealed class CoverSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxRuntime _runtime;
    private int _disposed;

    private CoverSandbox(WebApplication app, SandboxRuntime runtime, Uri baseAddress)
    {
        _app = app;
        _runtime = runtime;
        BaseAddress = baseAddress;
        OAuth2TokenEndpoint = new Uri(baseAddress, "oauth2/token");
        AtradiusTokenEndpoint = new Uri(baseAddress, "authenticate/v2/tokens");
    }

    /// <summary>Root of the API, ending in <c>/</c>; the contract's paths are relative to it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The OAuth 2.0 client credentials token endpoint.</summary>
    public Uri OAuth2TokenEndpoint { get; }

    /// <summary>The Atradius-style token endpoint (HTTP Basic, app key, JSON body).</summary>
    public Uri AtradiusTokenEndpoint { get; }

    /// <summary>A client with <c>cover:read cover:write</c> and an app key.</summary>
    public SandboxClient ReadWriteClient => _runtime.Clients[0];

    /// <summary>A client with <c>cover:read</c> only and an app key; POST and PUT answer 403.</summary>
    public SandboxClient ReadOnlyClient => _runtime.Clients[1];

    /// <summary>Every accepted client, the two ready-made ones first.</summary>
    public IReadOnlyList<SandboxClient> Clients => _runtime.Clients;

    /// <summary>The seeded reference data: customers, policies, buyers.</summary>
    public SandboxWorld World => _runtime.World;

    /// <summary>Counters of token requests, applications and injected faults.</summary>
    public SandboxStatistics Statistics => _runtime.Statistics;

    /// <summary>Fault injection, changeable while the sandbox runs.</summary>
    public SandboxFaults Faults => _runtime.Faults;

    /// <summary>The sandbox's clock (real time plus an offset).</summary>
    public SandboxClock Clock => _runtime.Clock;

    /// <summary>Whether <c>Idempotency-Key</c> is honoured; switch off to mimic a service that ignores it.</summary>
    public bool IdempotencyEnabled
    {
        get => _runtime.IdempotencyEnabled;
        set => _runtime.IdempotencyEnabled = value;
    }

    /// <summary>Starts a sandbox.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox; dispose it to stop it.</returns>
    public static async Task<CoverSandbox> StartAsync(CoverSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CoverSandboxOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBodyBytes, 1024, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenLifetime, TimeSpan.FromSeconds(1), nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReferralDelay, TimeSpan.Zero, nameof(options));

        PersistedState? persisted = null;
        if (options.StatePath is { } path && File.Exists(path))
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                persisted = await JsonSerializer.DeserializeAsync(stream, SandboxJsonContext.Default.PersistedState, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"The state file {path} is empty.");
            }
        }

        var seed = persisted?.Seed ?? options.Seed;
        var buyerCount = persisted?.BuyerCount ?? options.BuyerCount;
        var world = WorldGenerator.Create(seed, buyerCount);
        var clients = new List<SandboxClient>
        {
            new(SandboxFixtures.ReadWriteClientId, SandboxFixtures.ReadWriteClientSecret, SandboxFixtures.ReadWriteAppKey, [SandboxClient.ReadScope, SandboxClient.WriteScope]),
            new(SandboxFixtures.ReadOnlyClientId, SandboxFixtures.ReadOnlyClientSecret, SandboxFixtures.ReadOnlyAppKey, [SandboxClient.ReadScope]),
        };
        clients.AddRange(options.AdditionalClients);
        var runtime = new SandboxRuntime(options, world, new SandboxClock(options.TimeProvider), clients);
        if (persisted is not null)
        {
            runtime.Store.Import(persisted);
        }
        else
        {
            runtime.Store.Seed(options.GeneratedCoverCount);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(CoverSandbox).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Url);
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
        BuyerEndpoints.Map(app, runtime);
        CoverEndpoints.Map(app, runtime);
        AdminEndpoints.Map(app, runtime);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        SandboxLog.Started(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Atradius.Cover.Sdk.Sandbox"), baseAddress);
        return new CoverSandbox(app, runtime, baseAddress);
    }

    /// <summary>Moves the sandbox clock forward; referred applications and notices due by then take effect on the next request.</summary>
    /// <param name="by">How far.</param>
    public void AdvanceTime(TimeSpan by) => _runtime.Clock.Advance(by);

    /// <summary>Has the underwriters decide every referred application now, whatever the clock says.</summary>
    /// <returns>How many applications were decided.</returns>
    public int DecideReferredApplications() => _runtime.Store.DecideAllReferred();

    /// <summary>The insurer notifies a reduction (DC21, pending indicator F); it takes effect (DC09) after the notice period.</summary>
    /// <param name="coverId">The cover.</param>
    /// <param name="newAmount">The amount it will be reduced to: a positive multiple of 1000 below the current decision.</param>
    /// <param name="cancellationToken">Not used; kept for a uniform async surface.</param>
    /// <returns>The cover after the notice.</returns>
    public Task<SandboxCover> NotifyReductionAsync(long coverId, decimal newAmount, CancellationToken cancellationToken = default) =>
        Task.FromResult(Unwrap(_runtime.Store.NotifyReduction(coverId, newAmount)));

    /// <summary>The insurer notifies a withdrawal (DC21, pending indicator F); it takes effect (DC08, amount 0, historic WCLD) after the notice period.</summary>
    /// <param name="coverId">The cover.</param>
    /// <param name="cancellationToken">Not used; kept for a uniform async surface.</param>
    /// <returns>The cover after the notice.</returns>
    public Task<SandboxCover> NotifyWithdrawalAsync(long coverId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Unwrap(_runtime.Store.NotifyWithdrawal(coverId)));

    /// <summary>A snapshot of every cover, historic ones included, in id order.</summary>
    /// <returns>The covers as they are now.</returns>
    public IReadOnlyList<SandboxCover> GetCovers() => _runtime.Store.Snapshot().Select(SandboxCover.From).ToList();

    /// <summary>One cover as it is now, or null.</summary>
    /// <param name="coverId">The cover.</param>
    /// <returns>The cover, or null when unknown.</returns>
    public SandboxCover? GetCover(long coverId) => _runtime.Store.Get(coverId).Cover is { } cover ? SandboxCover.From(cover) : null;

    /// <summary>Writes the covers and their history to a JSON file that <see cref="CoverSandboxOptions.StatePath"/> can load.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var state = _runtime.Store.Export(_runtime.World.Seed, _runtime.World.Buyers.Count);
        var temporary = path + ".tmp";
        var stream = File.Create(temporary);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, state, SandboxJsonContext.Default.PersistedState, cancellationToken).ConfigureAwait(false);
        }

        // Replace in one step, so a crash mid-write never leaves a truncated state file behind.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Waits until the host stops (Ctrl+C for the standalone sandbox).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the host shuts down.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the sandbox, saving its state first when <see cref="CoverSandboxOptions.StatePath"/> is set.</summary>
    /// <returns>A task that completes when the sandbox has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_runtime.Options.StatePath is { } path)
        {
            await SaveAsync(path).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static SandboxCover Unwrap(State.StoreResult result) => result switch
    {
        { Error: { Status: 404 } error } => throw new KeyNotFoundException(error.Detail),
        { Error: { } error } => throw new InvalidOperationException(error.Detail),
        _ => SandboxCover.From(result.Cover!),
    };
}
