using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// What the bearer-token handler costs once its token is cached: our GET cover through the full pipeline,
/// against the same pipeline without the token handler (as if the API needed no authentication).
/// </summary>
[MemoryDiagnoser]
public class TokenCacheBenchmarks
{
    private CoverClient _cachedToken = null!;
    private CoverClient _noAuthentication = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cachedToken = Ours.Create(CoverEndpoint.Canned, CannedHandlers.Shared);
        _noAuthentication = Ours.CreateWithoutAuthentication(CoverEndpoint.Canned, CannedHandlers.Shared);
        await _cachedToken.Decisions.GetAsync(ContenderSet.CannedCoverId);
        await _noAuthentication.Decisions.GetAsync(ContenderSet.CannedCoverId);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cachedToken.Dispose();
        _noAuthentication.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<long> NoAuthentication() => (await _noAuthentication.Decisions.GetAsync(ContenderSet.CannedCoverId)).CoverId;

    [Benchmark]
    public async Task<long> CachedToken() => (await _cachedToken.Decisions.GetAsync(ContenderSet.CannedCoverId)).CoverId;
}
