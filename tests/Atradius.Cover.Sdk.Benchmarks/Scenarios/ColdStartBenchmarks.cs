using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// A new client's first call, token request included, against canned bytes: what a short-lived process
/// (a scheduled job, a function) pays per start. Code is already jitted; process start-up is not in it.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmarks
{
    private static readonly CoverEndpoint Endpoint = CoverEndpoint.Canned;

    [Benchmark(Baseline = true)]
    public async Task<long> Baseline()
    {
        using var http = new HttpClient(CannedHandlers.Shared, disposeHandler: false) { BaseAddress = Endpoint.BaseAddress };
        var token = await BaselineCoverClient.RequestTokenAsync(http, Endpoint.TokenEndpoint, Endpoint.ClientId, Endpoint.ClientSecret, Endpoint.Scope);
        BaselineCoverClient.Authorize(http, token, Endpoint.AppKey);
        return (await new BaselineCoverClient(http).GetCoverAsync(ContenderSet.CannedCoverId)).CoverId;
    }

    [Benchmark]
    public async Task<long> Ours()
    {
        using var client = Contenders.Ours.Create(Endpoint, CannedHandlers.Shared);
        return (await client.Decisions.GetAsync(ContenderSet.CannedCoverId)).CoverId;
    }
}
