using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// Reading a buyer's covers over real HTTP on 127.0.0.1 against the in-process sandbox (Kestrel, the real
/// routes), each contender over its own <see cref="SocketsHttpHandler"/>. The sandbox shares the two cores with
/// the client, so this measures the pair; no target is set for it.
/// </summary>
[MemoryDiagnoser]
public class LoopbackReadBenchmarks
{
    private CoverSandbox _sandbox = null!;
    private ContenderSet _set = null!;
    private long _buyerId;
    private CoverQuery _query = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_sandbox, _set, _buyerId) = await StartAsync();
        _query = new CoverQuery { BuyerId = _buyerId };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _set.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<decimal> Baseline() => Calls.BaselineReadAsync(_set.Baseline, _buyerId);

    [Benchmark]
    public Task<decimal> Ours_Constructor() => Calls.OursReadAsync(_set.OursConstructor, _query, check: false);

    [Benchmark]
    public Task<decimal> Ours_DI() => Calls.OursReadAsync(_set.OursDependencyInjection, _query, check: false);

    /// <summary>A sandbox, the contenders pointed at it, and the buyer of the read-write client with the most current covers (at most 5).</summary>
    public static async Task<(CoverSandbox Sandbox, ContenderSet Set, long BuyerId)> StartAsync()
    {
        var sandbox = await CoverSandbox.StartAsync();
        var client = sandbox.ReadWriteClient;
        var endpoint = new BenchEndpoint(sandbox.BaseAddress, client.ClientId, client.ClientSecret, client.AppKey ?? string.Empty, client.CustomerId, client.PolicyId);
        var buyerId = sandbox.GetCovers()
            .Where(c => c.PolicyId == client.PolicyId && c.IsCurrent)
            .GroupBy(c => c.BuyerId)
            .Select(g => (BuyerId: g.Key, Count: g.Count()))
            .Where(g => g.Count <= 5)
            .OrderByDescending(g => g.Count)
            .First().BuyerId;
        var set = await ContenderSet.CreateAsync(endpoint, static () => new SocketsHttpHandler(), disposeHandlers: true, buyerId);
        return (sandbox, set, buyerId);
    }
}
