using BenchmarkDotNet.Running;

namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*'</c> runs the BenchmarkDotNet suite (add <c>--job short</c> for a
/// quick pass); <c>dotnet run -c Release -- memory</c> measures peak memory of long page walks;
/// <c>dotnet run -c Release -- layers</c> splits one call's cost by SDK layer; <c>dotnet run -c Release -- batch</c>
/// measures batch throughput against the sandbox.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory")
        {
            return await MemoryFlatness.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "layers")
        {
            return await LayerCosts.RunAsync().ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "batch")
        {
            return await BatchThroughput.RunAsync().ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
