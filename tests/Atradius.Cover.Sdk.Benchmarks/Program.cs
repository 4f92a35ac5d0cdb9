using Atradius.Cover.Sdk.Benchmarks.Runners;
using BenchmarkDotNet.Running;

namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*' --job short</c> runs the BenchmarkDotNet suite;
/// <c>turns</c> runs the contenders in turns and splits our client's cost by layer;
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
            case "memory":
                return await MemoryFlatness.RunAsync(rest).ConfigureAwait(false);
            case "coldstart":
                return await ColdStart.RunAsync(rest).ConfigureAwait(false);
            case ColdStart.ChildMode:
                return await ColdStart.ChildAsync(rest).ConfigureAwait(false);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
