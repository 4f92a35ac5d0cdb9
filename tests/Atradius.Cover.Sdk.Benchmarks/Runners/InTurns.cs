using System.Globalization;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Atradius.Cover.Sdk.Benchmarks.Runners;

/// <summary>
/// <c>turns [rounds]</c>: the read and submit scenarios with the contenders in turns, then our client's cost
/// split by layer (the facade alone, then each handler of the public constructor's pipeline added in turn)
/// and by resilience strategy, to show where a gap to the baseline comes from.
/// </summary>
public static class InTurns
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var endpoint = BenchEndpoint.Canned;
        var canned = CannedCoverApi.Shared;
        await using var set = await ContenderSet.CreateAsync(endpoint, () => canned, disposeHandlers: false).ConfigureAwait(false);
        var query = new CoverQuery { BuyerId = CannedBodies.BuyerId };
        var application = Ours.Application(DateTime.UtcNow.Date);
        var baselineApplication = Ours.BaselineApplication(endpoint, DateTime.UtcNow.Date);
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");

        await TurnTable.RunAsync("Reading a buyer's covers (5 covers)", 1000, rounds,
        [
            ("Baseline", () => Calls.BaselineReadAsync(set.Baseline)),
            ("Ours (constructor)", () => Calls.OursReadAsync(set.OursConstructor, query)),
            ("Ours (DI)", () => Calls.OursReadAsync(set.OursDependencyInjection, query)),
        ]).ConfigureAwait(false);

        await TurnTable.RunAsync("Submit with the read-back (POST + GET decisions)", 500, rounds,
        [
            ("Baseline", () => Calls.BaselineSubmitAsync(set.Baseline, baselineApplication)),
            ("Ours (constructor)", () => Calls.OursSubmitAsync(set.OursConstructor, application)),
            ("Ours (DI)", () => Calls.OursSubmitAsync(set.OursDependencyInjection, application)),
        ]).ConfigureAwait(false);

        var layers = Layers(endpoint, canned);
        try
        {
            await TurnTable.RunAsync("Reading a buyer's covers, our client by layer (outermost first: telemetry, resilience, GET buffering, bearer token)", 1000, rounds,
                [("Baseline", () => Calls.BaselineReadAsync(set.Baseline)), .. layers.Select(l => (l.Name, (Func<Task>)(() => Calls.OursReadAsync(l.Client, query))))]).ConfigureAwait(false);
            await TurnTable.RunAsync("Submit with the read-back, our client by layer", 500, rounds,
                [("Baseline", () => Calls.BaselineSubmitAsync(set.Baseline, baselineApplication)), .. layers.Select(l => (l.Name, (Func<Task>)(() => Calls.OursSubmitAsync(l.Client, application))))]).ConfigureAwait(false);
        }
        finally
        {
            layers.ForEach(l => l.Client.Dispose());
        }

        var strategies = Strategies(endpoint, canned);
        try
        {
            await TurnTable.RunAsync("Reading a buyer's covers through one resilience strategy at a time (facade, no other handler)", 1000, rounds,
                [("Baseline", () => Calls.BaselineReadAsync(set.Baseline)), .. strategies.Select(l => (l.Name, (Func<Task>)(() => Calls.OursReadAsync(l.Client, query))))]).ConfigureAwait(false);
        }
        finally
        {
            strategies.ForEach(l => l.Client.Dispose());
        }

        await LoopbackAsync(rounds).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Reading a buyer's covers over 127.0.0.1 against the in-process sandbox, in turns.</summary>
    private static async Task LoopbackAsync(int rounds)
    {
        var (sandbox, set, buyerId) = await Scenarios.LoopbackReadBenchmarks.StartAsync().ConfigureAwait(false);
        await using (sandbox.ConfigureAwait(false))
        await using (set.ConfigureAwait(false))
        {
            var query = new CoverQuery { BuyerId = buyerId };
            await TurnTable.RunAsync("Reading a buyer's covers over loopback HTTP against the sandbox", 200, rounds,
            [
                ("Baseline", () => Calls.BaselineReadAsync(set.Baseline, buyerId)),
                ("Ours (constructor)", () => Calls.OursReadAsync(set.OursConstructor, query, check: false)),
                ("Ours (DI)", () => Calls.OursReadAsync(set.OursDependencyInjection, query, check: false)),
            ], warmUpCalls: 500).ConfigureAwait(false);
        }
    }

    /// <summary>The public constructor's pipeline built up one handler at a time, innermost last.</summary>
    private static List<(string Name, CoverClient Client)> Layers(BenchEndpoint endpoint, HttpMessageHandler canned)
    {
        var options = Ours.Options(endpoint);
        var logger = NullLogger.Instance;
        var time = TimeProvider.System;
        HttpMessageHandler Telemetry(HttpMessageHandler inner) => new CoverTelemetryHandler(options, logger, time) { InnerHandler = inner };
        HttpMessageHandler Resilience(HttpMessageHandler inner) => new ResilienceHandler(CoverResilience.BuildStandalonePipeline(options, logger, time)) { InnerHandler = inner };
        return
        [
            ("facade, no handler (token in default headers)", OverHandler(endpoint, canned)),
            ("+ telemetry", OverHandler(endpoint, Telemetry(canned))),
            ("+ telemetry + resilience", OverHandler(endpoint, Telemetry(Resilience(canned)))),
            ("+ telemetry + resilience + GET buffering", OverHandler(endpoint, Telemetry(Resilience(new CoverGetBufferingHandler(canned))))),
            ("full pipeline (+ bearer token) = Ours (constructor)", Ours.WithConstructor(endpoint, canned)),
        ];
    }

    /// <summary>The facade over one resilience strategy each, configured as the SDK configures it.</summary>
    private static List<(string Name, CoverClient Client)> Strategies(BenchEndpoint endpoint, HttpMessageHandler canned)
    {
        var r = new CoverResilienceOptions();
        var logger = NullLogger.Instance;
        CoverClient Over(Func<ResiliencePipelineBuilder<HttpResponseMessage>, ResiliencePipelineBuilder<HttpResponseMessage>> build) =>
            OverHandler(endpoint, new ResilienceHandler(build(new ResiliencePipelineBuilder<HttpResponseMessage>()).Build()) { InnerHandler = canned });
        return
        [
            ("ResilienceHandler, empty pipeline", Over(b => b)),
            ("total timeout", Over(b => b.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = r.TotalTimeout }))),
            ("retry", Over(b => b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = r.MaxRetryAttempts }))),
            ("circuit breaker", Over(b => b.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()))),
            ("attempt timeout", Over(b => b.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = r.AttemptTimeout }))),
            ("all four (the SDK's pipeline)", Over(b =>
            {
                CoverResilience.Build(b, Ours.Options(endpoint), logger);
                return b;
            })),
        ];
    }

    /// <summary>A facade over a hand-made pipeline, the token and app key sent as the baseline sends them.</summary>
    private static CoverClient OverHandler(BenchEndpoint endpoint, HttpMessageHandler handler)
    {
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = endpoint.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", CannedBodies.AccessToken);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Atradius-App-Key", endpoint.AppKey);
        return new CoverClient(http, Ours.Options(endpoint), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true);
    }
}
