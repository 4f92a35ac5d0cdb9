using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// One POST of a credit-limit application against canned bytes (201 with the decided cover): serializing
/// the body, an idempotency key, reading the answer. Each contender builds its request model from the same values.
/// </summary>
[MemoryDiagnoser]
public class SubmitApplicationBenchmarks
{
    private static readonly CoverApplicationValues Values = CannedCovers.Application;
    private ContenderSet _set = null!;

    [GlobalSetup]
    public async Task SetupAsync() =>
        _set = await ContenderSet.CreateAsync(CoverEndpoint.Canned, static () => CannedHandlers.Shared, disposeHandlers: false);

    [GlobalCleanup]
    public void Cleanup() => _set.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<long> Baseline() => (await _set.Baseline.SubmitAsync(ContenderSet.ApplicationDto(Values))).CoverId;

    [Benchmark]
    public async Task<long> Refit() =>
        (await _set.Refit.SubmitAsync(ContenderSet.ApplicationDto(Values), Guid.NewGuid().ToString(), Guid.NewGuid().ToString())).CoverId;

    [Benchmark]
    public async Task<long> NSwag() =>
        (await _set.NSwag.SubmitCoverApplicationAsync(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), ContenderSet.GeneratedApplication(Values))).Result.CoverId;

    [Benchmark]
    public async Task<long> Ours() => (await _set.Ours.Applications.SubmitAsync(Contenders.Ours.Application(Values))).Cover.CoverId;
}
