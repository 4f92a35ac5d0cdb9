using System.Diagnostics;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>
/// <c>layers</c> mode: a quick decomposition of one GET cover, bytes and time per call, peeling the SDK one
/// layer at a time (facade mapping, generated client, each handler). Rough (one thread, no statistics), for
/// finding where the cost is; the BDN suite gives the figures to quote.
/// </summary>
public static class LayerCosts
{
    private const int Calls = 100_000;

    public static async Task<int> RunAsync()
    {
        var endpoint = CoverEndpoint.Canned;
        var canned = CannedHandlers.Shared;
        using var set = await ContenderSet.CreateAsync(endpoint, () => canned, disposeHandlers: false).ConfigureAwait(false);
        using var bare = new HttpClient(canned, disposeHandler: false) { BaseAddress = endpoint.BaseAddress };
        BaselineCoverClient.Authorize(bare, CannedCovers.AccessToken, endpoint.AppKey);
        using var facadeOnly = new CoverClient(bare, Ours.Options(endpoint), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: false);
        using var noAuth = Ours.CreateWithoutAuthentication(endpoint, canned);
        var serviceClient = new CoverServiceClient(bare);
        const long id = ContenderSet.CannedCoverId;

        Console.WriteLine("| Layers | Bytes per call | µs per call |");
        Console.WriteLine("|---|---:|---:|");
        await MeasureAsync("baseline (HttpClient + STJ source gen)", async () => (await set.Baseline.GetCoverAsync(id).ConfigureAwait(false)).CoverId).ConfigureAwait(false);
        await MeasureAsync("generated client, no handlers", async () => (await set.NSwag.GetCoverAsync(Guid.NewGuid().ToString(), id).ConfigureAwait(false)).Result.CoverId).ConfigureAwait(false);
        await MeasureAsync("SDK's generated-client subclass, no handlers", async () => (await serviceClient.GetCoverAsync(null, id).ConfigureAwait(false)).Result.CoverId).ConfigureAwait(false);
        await MeasureAsync("facade (mapping), no handlers", async () => (await facadeOnly.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId).ConfigureAwait(false);
        await MeasureAsync("facade + telemetry + resilience + attempts", async () => (await noAuth.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId).ConfigureAwait(false);
        await MeasureAsync("facade + full pipeline (CoverClient)", async () => (await set.Ours.Decisions.GetAsync(id).ConfigureAwait(false)).CoverId).ConfigureAwait(false);
        return 0;
    }

    private static async Task MeasureAsync(string name, Func<Task<long>> call)
    {
        for (var i = 0; i < 2000; i++)
        {
            await call().ConfigureAwait(false);
        }

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        clock.Stop();
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Calls;
        Console.WriteLine($"| {name} | {bytes:0} | {clock.Elapsed.TotalMicroseconds / Calls:0.00} |");
    }
}
