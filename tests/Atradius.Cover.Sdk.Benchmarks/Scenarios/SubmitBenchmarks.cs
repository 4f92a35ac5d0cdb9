using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// Submitting an application including the read-back: POST /covers answered 201 with
/// <c>{data:[{coverId,response}]}</c>, then GET /covers/decisions?buyerId= to read the new cover. The baseline
/// makes the same two calls. Target: Ours ≤ 1.3 × the baseline's time.
/// </summary>
[MemoryDiagnoser]
public class SubmitBenchmarks
{
    private ContenderSet _set = null!;
    private CoverApplication _application = null!;
    private CoverApplicationDto _baselineApplication = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _set = await ContenderSet.CreateAsync(BenchEndpoint.Canned, static () => CannedCoverApi.Shared, disposeHandlers: false);
        _application = Contenders.Ours.Application(DateTime.UtcNow.Date);
        _baselineApplication = Contenders.Ours.BaselineApplication(BenchEndpoint.Canned, DateTime.UtcNow.Date);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _set.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<long> Baseline() => Calls.BaselineSubmitAsync(_set.Baseline, _baselineApplication);

    [Benchmark]
    public Task<long> Ours_Constructor() => Calls.OursSubmitAsync(_set.OursConstructor, _application);

    [Benchmark]
    public Task<long> Ours_DI() => Calls.OursSubmitAsync(_set.OursDependencyInjection, _application);
}
