using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// One GET cover against canned bytes: the client-side cost of a call (building the request, the handler
/// chain, reading and mapping the body), with nothing of the network in it.
/// </summary>
[MemoryDiagnoser]
public class GetCoverBenchmarks
{
    private const long CoverId = 70001240;
    private ContenderSet _set = null!;

    [GlobalSetup]
    public async Task SetupAsync() =>
        _set = await ContenderSet.CreateAsync(CoverEndpoint.Canned, static () => CannedHandlers.Shared, disposeHandlers: false);

    [GlobalCleanup]
    public void Cleanup() => _set.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<long> Baseline() => (await _set.Baseline.GetCoverAsync(CoverId)).CoverId;

    [Benchmark]
    public async Task<long> Refit() => (await _set.Refit.GetCoverAsync(CoverId, Guid.NewGuid().ToString())).CoverId;

    [Benchmark]
    public async Task<long> NSwag() => (await _set.NSwag.GetCoverAsync(Guid.NewGuid().ToString(), CoverId)).Result.CoverId;

    [Benchmark]
    public async Task<long> Ours() => (await _set.Ours.Decisions.GetAsync(CoverId)).CoverId;
}
