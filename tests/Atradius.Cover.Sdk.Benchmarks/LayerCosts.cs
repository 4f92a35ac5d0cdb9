using Polly;
using System.Diagnostics;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Scenarios;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>
/// <c>layers</c> mode: a quick, noise-resistant comparison for a shared machine. Contenders run in turns
/// (round robin, many rounds), and each reports its fastest round and its median round, so a burst of
/// someone else's build slows every contender alike instead of whichever BDN happened to be running.
/// Also splits one GET cover by SDK layer. Rough (one thread, no confidence intervals); BDN is the reference.
/// </summary>
public static class LayerCosts
{
    public static async Task<int> RunAsync()
    {
        var endpoint = CoverEndpoint.Canned;
        var canned = CannedHandlers.Shared;
        using var set = await ContenderSet.CreateAsync(endpoint, () => canned, disposeHandlers: false).ConfigureAwait(false);
        using var bare = new HttpClient(canned, disposeHandler: false) { BaseAddress = endpoint.BaseAddress };
        BaselineCoverClient.Authorize(bare, CannedCovers.AccessToken, endpoint.AppKey);
        using var facadeOnly = new CoverClient(bare, Ours.Options(endpoint), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: false);
        using var noAuth = Ours.CreateWithoutAuthentication(endpoint, canned);
        var serviceClient = new CoverServiceClient(bare, new CoverResilienceOptions().TotalTimeout);
        const long id = ContenderSet.CannedCoverId;
        var walk = new PageWalkBenchmarks();
        await walk.SetupAsync().ConfigureAwait(false);

        Console.WriteLine("GET cover, 1,000 calls a round, 40 rounds in turns");
        await InTurnsAsync(1000, 40, new()
        {
            ["Baseline"] = async () => (await set.Baseline.GetCoverAsync(id).ConfigureAwait(false)).CoverId,
            ["Refit"] = async () => (await set.Refit.GetCoverAsync(id, Guid.NewGuid().ToString()).ConfigureAwait(false)).CoverId,
            ["NSwag (generated client, no handlers)"] = async () => (await set.NSwag.GetCoverAsync(Guid.NewGuid().ToString(), id).ConfigureAwait(false)).Result.CoverId,
            ["SDK generated-client subclass, no handlers"] = async () => (await serviceClient.GetCoverAsync(null, id).ConfigureAwait(false)).Result.CoverId,
            ["facade (mapping), no handlers"] = async () => (await facadeOnly.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId,
            ["facade + telemetry + resilience + attempts"] = async () => (await noAuth.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId,
            ["Ours (CoverClient, full pipeline)"] = async () => (await set.Ours.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId,
        }).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine("GET cover through one resilience strategy at a time (facade, no other handler), 1,000 calls a round, 30 rounds in turns");
        var strategies = new Dictionary<string, Func<Task<long>>>();
        var strategyClients = new List<CoverClient>();
        foreach (var (name, build) in StrategyPipelines())
        {
            var client = OverPipeline(endpoint, canned, build);
            strategyClients.Add(client);
            strategies[name] = async () => (await client.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId;
        }

        await InTurnsAsync(1000, 30, strategies).ConfigureAwait(false);
        strategyClients.ForEach(c => c.Dispose());

        Console.WriteLine();
        Console.WriteLine($"Page walk, {PageWalkBenchmarks.Items:N0} covers a round, 15 rounds in turns, per cover");
        await InTurnsAsync(PageWalkBenchmarks.Items, 15, new()
        {
            ["Baseline"] = Once(walk.Baseline),
            ["Refit"] = Once(walk.Refit),
            ["NSwag"] = Once(walk.NSwag),
            ["Ours"] = Once(walk.Ours),
        }).ConfigureAwait(false);
        walk.Cleanup();

        await LoopbackLayersAsync().ConfigureAwait(false);

        foreach (var concurrency in new[] { 1, 32 })
        {
            Console.WriteLine();
            Console.WriteLine($"GET cover over loopback HTTP against the sandbox, concurrency {concurrency}, {LoopbackBenchmarks.Calls} calls a round, 25 rounds in turns, per call");
            var loopback = new LoopbackBenchmarks { Concurrency = concurrency };
            await loopback.SetupAsync().ConfigureAwait(false);
            await InTurnsAsync(LoopbackBenchmarks.Calls, 25, new()
            {
                ["Baseline"] = Calls(loopback.Baseline),
                ["Refit"] = Calls(loopback.Refit),
                ["NSwag"] = Calls(loopback.NSwag),
                ["Ours"] = Calls(loopback.Ours),
            }, callsPerRound: 1, warmups: 20).ConfigureAwait(false);
            await loopback.CleanupAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static IEnumerable<(string Name, Func<Polly.ResiliencePipelineBuilder<HttpResponseMessage>, Polly.ResiliencePipelineBuilder<HttpResponseMessage>>? Build)> StrategyPipelines()
    {
        var standard = new Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions();
        CoverResilience.Configure(standard, Ours.Options(CoverEndpoint.Canned), NullLogger.Instance);
        yield return ("Baseline", null);
        yield return ("no strategy (ResilienceHandler, empty pipeline)", b => b);
        yield return ("rate limiter", b => b.AddRateLimiter(standard.RateLimiter));
        yield return ("total timeout", b => b.AddTimeout(standard.TotalRequestTimeout));
        yield return ("retry", b => b.AddRetry(standard.Retry));
        yield return ("circuit breaker", b => b.AddCircuitBreaker(standard.CircuitBreaker));
        yield return ("all five (the SDK's pipeline)", b => b.AddRateLimiter(standard.RateLimiter).AddTimeout(standard.TotalRequestTimeout).AddRetry(standard.Retry).AddCircuitBreaker(standard.CircuitBreaker).AddTimeout(standard.AttemptTimeout));
    }

    private static CoverClient OverPipeline(CoverEndpoint endpoint, HttpMessageHandler canned, Func<Polly.ResiliencePipelineBuilder<HttpResponseMessage>, Polly.ResiliencePipelineBuilder<HttpResponseMessage>>? build, string token = CannedCovers.AccessToken, bool disposeHandler = false)
    {
        HttpMessageHandler handler = canned;
        if (build is not null)
        {
            handler = new Microsoft.Extensions.Http.Resilience.ResilienceHandler(build(new Polly.ResiliencePipelineBuilder<HttpResponseMessage>()).Build()) { InnerHandler = canned };
        }

        var http = new HttpClient(handler, disposeHandler) { BaseAddress = endpoint.BaseAddress };
        BaselineCoverClient.Authorize(http, token, endpoint.AppKey);
        return new CoverClient(http, Ours.Options(endpoint), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true);
    }

    /// <summary>One GET cover at a time over loopback, peeling the SDK's handlers one at a time.</summary>
    private static async Task LoopbackLayersAsync()
    {
        await using var sandbox = await Sandbox.Hosting.CoverSandbox.StartAsync().ConfigureAwait(false);
        var rw = sandbox.ReadWriteClient;
        var endpoint = new CoverEndpoint(sandbox.BaseAddress, sandbox.OAuth2TokenEndpoint, rw.ClientId, rw.ClientSecret, rw.AppKey, rw.Scope);
        using var tokenHttp = new HttpClient();
        var token = await BaselineCoverClient.RequestTokenAsync(tokenHttp, endpoint.TokenEndpoint, endpoint.ClientId, endpoint.ClientSecret, endpoint.Scope).ConfigureAwait(false);
        var options = Ours.Options(endpoint);
        var logger = NullLogger.Instance;

        CoverClient Over(HttpMessageHandler handler)
        {
            var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = endpoint.BaseAddress };
            BaselineCoverClient.Authorize(http, token, endpoint.AppKey);
            return new CoverClient(http, options, NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true);
        }

        using var baselineHttp = new HttpClient(new SocketsHttpHandler()) { BaseAddress = endpoint.BaseAddress };
        BaselineCoverClient.Authorize(baselineHttp, token, endpoint.AppKey);
        var baseline = new BaselineCoverClient(baselineHttp);
        using var bare = Over(new SocketsHttpHandler());
        using var telemetry = Over(new CoverTelemetryHandler(options, logger, TimeProvider.System) { InnerHandler = new SocketsHttpHandler() });
        using var resilience = Over(new Microsoft.Extensions.Http.Resilience.ResilienceHandler(CoverResilience.BuildStandalonePipeline(options, logger, TimeProvider.System)) { InnerHandler = new SocketsHttpHandler() });
        using var full = Ours.Create(endpoint, new SocketsHttpHandler());
        const long id = ContenderSet.CannedCoverId;

        Console.WriteLine();
        Console.WriteLine("GET cover over loopback, one at a time, by SDK layer, 64 calls a round, 25 rounds in turns, per call");
        await InTurnsAsync(64, 25, new()
        {
            ["Baseline"] = async () => (await baseline.GetCoverAsync(id).ConfigureAwait(false)).CoverId,
            ["facade, no handlers"] = async () => (await bare.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId,
            ["facade + telemetry"] = async () => (await telemetry.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId,
            ["facade + resilience"] = async () => (await resilience.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId,
            ["Ours (full pipeline)"] = async () => (await full.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId,
        }, warmups: 200).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine("GET cover over loopback through one resilience strategy at a time, 64 calls a round, 25 rounds in turns, per call");
        var strategies = new Dictionary<string, Func<Task<long>>>();
        var clients = new List<CoverClient>();
        foreach (var (name, build) in StrategyPipelines())
        {
            var client = OverPipeline(endpoint, new SocketsHttpHandler(), build, token, disposeHandler: true);
            clients.Add(client);
            strategies[name] = async () => (await client.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId;
        }

        await InTurnsAsync(64, 25, strategies, warmups: 200).ConfigureAwait(false);
        clients.ForEach(c => c.Dispose());
    }

    private static Func<Task<long>> Calls(Func<Task> run) => async () =>
    {
        await run().ConfigureAwait(false);
        return 0;
    };

    /// <summary>Runs a whole walk once per round; <paramref name="walk"/> covers all items.</summary>
    private static Func<Task<long>> Once(Func<Task<long>> walk) => walk;

    /// <param name="perRound">Operations a round, the divisor of its time.</param>
    /// <param name="callsPerRound">Invocations a round, when one invocation makes several operations (a walk, a burst).</param>
    private static async Task InTurnsAsync(int perRound, int rounds, Dictionary<string, Func<Task<long>>> contenders, int? callsPerRound = null, int? warmups = null)
    {
        var walks = perRound == PageWalkBenchmarks.Items && contenders.ContainsKey("Ours") && contenders.Count == 4;
        var invocations = callsPerRound ?? (walks ? 1 : perRound);
        var times = contenders.Keys.ToDictionary(k => k, _ => new List<double>());
        var bytes = contenders.Keys.ToDictionary(k => k, _ => 0.0);
        foreach (var call in contenders.Values)
        {
            for (var i = 0; i < (warmups ?? (walks ? 3 : 3000)); i++)
            {
                await call().ConfigureAwait(false);
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, call) in contenders)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < invocations; i++)
                {
                    await call().ConfigureAwait(false);
                }

                clock.Stop();
                times[name].Add(clock.Elapsed.TotalMicroseconds / perRound);
                bytes[name] = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)perRound;
            }
        }

        var baseline = (times.TryGetValue("Baseline", out var first) ? first : times.Values.First()).Min();
        Console.WriteLine("| Contender | Fastest round (µs) | Median round (µs) | Fastest / baseline's fastest | Bytes |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine($"| {name} | {list[0]:0.00} | {list[list.Count / 2]:0.00} | {list[0] / baseline:0.00} | {bytes[name]:0} |");
        }
    }
}
