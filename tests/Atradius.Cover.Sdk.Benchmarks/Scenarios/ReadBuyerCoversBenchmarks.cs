using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// Reading a buyer's covers: GET /covers?policyId&amp;customerId&amp;buyerId answered with five covers
/// (conditions, amounts as numbers, "250000" and "", ratings as numbers and strings, +01:00), in process.
/// Targets: Ours ≤ 1.15 × the baseline's time and ≤ 1.5 × its allocations.
/// </summary>
[MemoryDiagnoser]
public class ReadBuyerCoversBenchmarks
{
    private static readonly CoverQuery Query = new() { BuyerId = CannedBodies.BuyerId };
    private ContenderSet _set = null!;

    [GlobalSetup]
    public async Task SetupAsync() =>
        _set = await ContenderSet.CreateAsync(BenchEndpoint.Canned, static () => CannedCoverApi.Shared, disposeHandlers: false);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _set.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<decimal> Baseline() => Calls.BaselineReadAsync(_set.Baseline);

    [Benchmark]
    public Task<decimal> Ours_Constructor() => Calls.OursReadAsync(_set.OursConstructor, Query);

    [Benchmark]
    public Task<decimal> Ours_DI() => Calls.OursReadAsync(_set.OursDependencyInjection, Query);
}
