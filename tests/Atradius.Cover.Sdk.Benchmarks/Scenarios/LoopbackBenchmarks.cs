using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Sandbox;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// GET cover over real loopback HTTP against the sandbox, one call at a time and 32 at once. Figures are
/// per call (BDN divides by <see cref="Calls"/>); requests per second = 1 / mean. The sandbox shares the
/// two cores with the client, so this measures the pair, not the client alone.
/// </summary>
[MemoryDiagnoser]
public class LoopbackBenchmarks
{
    public const int Calls = 64;
    private CoverSandbox _sandbox = null!;
    private ContenderSet _set = null!;

    [Params(1, 32)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sandbox = await CoverSandbox.StartAsync();
        var client = _sandbox.ReadWriteClient;
        var endpoint = new CoverEndpoint(_sandbox.BaseAddress, _sandbox.OAuth2TokenEndpoint, client.ClientId, client.ClientSecret, client.AppKey, client.Scope);
        _set = await ContenderSet.CreateAsync(endpoint, static () => new SocketsHttpHandler(), disposeHandlers: true);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _set.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task Baseline() => RunAsync(() => _set.Baseline.GetCoverAsync(ContenderSet.CannedCoverId));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task Refit() => RunAsync(() => _set.Refit.GetCoverAsync(ContenderSet.CannedCoverId, Guid.NewGuid().ToString()));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task NSwag() => RunAsync(() => _set.NSwag.GetCoverAsync(Guid.NewGuid().ToString(), ContenderSet.CannedCoverId));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task Ours() => RunAsync(() => _set.Ours.Decisions.GetAsync(ContenderSet.CannedCoverId));

    /// <summary><see cref="Concurrency"/> workers take calls from one counter until <see cref="Calls"/> are made.</summary>
    private async Task RunAsync(Func<Task> call)
    {
        var next = -1;
        var workers = new Task[Concurrency];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < Calls)
                {
                    await call().ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
    }
}
