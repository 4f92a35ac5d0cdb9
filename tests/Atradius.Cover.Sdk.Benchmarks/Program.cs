using Atradius.Cover.Sdk.Benchmarks.Runners;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*' --job short</c> runs the BenchmarkDotNet suite;
/// <c>turns</c> runs the contenders in turns and splits our client's cost by layer;
/// <c>split</c> times the pieces of reading covers without HTTP;
/// <c>memory</c> reads 10,000 and 100,000-cover lists in fresh processes and compares their peaks;
/// <c>coldstart</c> times the first answer of fresh processes.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var rest = args.Length > 1 ? args[1..] : [];
        switch (args.Length > 0 ? args[0] : string.Empty)
        {
            case "turns":
                return await InTurns.RunAsync(rest).ConfigureAwait(false);
            case "split":
                return await CostSplit.RunAsync(rest).ConfigureAwait(false);
            case "memory":
                return await MemoryFlatness.RunAsync(rest).ConfigureAwait(false);
            case "coldstart":
                return await ColdStart.RunAsync(rest).ConfigureAwait(false);
            case ColdStart.ChildMode:
                return await ColdStart.ChildAsync(rest).ConfigureAwait(false);
            default:
                // The generated benchmark project builds the SDK and the sandbox; on the shared cores that can take
                // longer than BenchmarkDotNet's default two minutes.
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
                return 0;
        }
    }
}
