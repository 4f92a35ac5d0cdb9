using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;

namespace Atradius.Cover.Sdk.Benchmarks.Runners;

/// <summary>
/// <c>coldstart [runs]</c>: the first call in a fresh process. Each run starts one process per contender (in a
/// different order each run); the process builds its client, fetches a token and reads a buyer's covers from
/// the canned API, prints when it has the answer and exits. Reported per contender, median over runs: the
/// parent's time from starting the process to reading that line (runtime start-up, JIT and all), the child's
/// time from the OS's process start to the answer, and the child's time from <c>Main</c> to the answer.
/// </summary>
public static class ColdStart
{
    public const string ChildMode = "coldstart-child";
    private static readonly string[] Contenders = ["baseline", "ours-constructor", "ours-di"];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
        var parent = Contenders.ToDictionary(c => c, _ => new List<double>());
        var sinceStart = Contenders.ToDictionary(c => c, _ => new List<double>());
        var fromMain = Contenders.ToDictionary(c => c, _ => new List<double>());
        for (var run = 0; run < runs; run++)
        {
            for (var turn = 0; turn < Contenders.Length; turn++)
            {
                var contender = Contenders[(turn + run) % Contenders.Length];
                var clock = Stopwatch.StartNew();
                using var child = ChildProcess.Start(ChildMode, contender);
                var line = await child.StandardOutput.ReadLineAsync().ConfigureAwait(false);
                clock.Stop();
                await child.WaitForExitAsync().ConfigureAwait(false);
                var fields = line?.Split('\t');
                if (child.ExitCode != 0 || fields is not { Length: 2 })
                {
                    throw new InvalidOperationException($"The {contender} child failed ({child.ExitCode}): {line}");
                }

                parent[contender].Add(clock.Elapsed.TotalMilliseconds);
                sinceStart[contender].Add(double.Parse(fields[0], CultureInfo.InvariantCulture));
                fromMain[contender].Add(double.Parse(fields[1], CultureInfo.InvariantCulture));
            }
        }

        Console.WriteLine($"First call in a fresh process (token + a buyer's covers, canned), {runs} processes per contender, medians (load average {TurnTable.LoadAverage()})");
        Console.WriteLine();
        Console.WriteLine("| Contender | Process start to answer, parent's clock (ms) | Ratio | Process start to answer, child's clock (ms) | Main to answer (ms) | Ratio | Fastest, parent's clock (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var baseParent = TurnTable.Median(parent["baseline"]);
        var baseMain = TurnTable.Median(fromMain["baseline"]);
        foreach (var contender in Contenders)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {contender} | {TurnTable.Median(parent[contender]):0} | {TurnTable.Median(parent[contender]) / baseParent:0.00} | {TurnTable.Median(sinceStart[contender]):0} | {TurnTable.Median(fromMain[contender]):0} | {TurnTable.Median(fromMain[contender]) / baseMain:0.00} | {parent[contender].Min():0} |"));
        }

        return 0;
    }

    /// <summary>The child: one first call, then the two times on one line.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var main = Stopwatch.StartNew();
        var endpoint = BenchEndpoint.Canned;
        var canned = new CannedCoverApi();
        decimal total;
        TimeSpan answered;
        switch (args[0])
        {
            case "baseline":
                using (var baseline = await BaselineCoverClient.CreateAsync(canned, disposeHandler: true, endpoint).ConfigureAwait(false))
                {
                    total = await Calls.BaselineReadAsync(baseline).ConfigureAwait(false);
                    answered = main.Elapsed;
                }

                break;
            case "ours-constructor":
                using (var client = Ours.WithConstructor(endpoint, canned))
                {
                    total = await Calls.OursReadAsync(client, new CoverQuery { BuyerId = CannedBodies.BuyerId }).ConfigureAwait(false);
                    answered = main.Elapsed;
                }

                break;
            case "ours-di":
                var (services, di) = Ours.WithDependencyInjection(endpoint, () => canned);
                await using (services.ConfigureAwait(false))
                {
                    total = await Calls.OursReadAsync(di, new CoverQuery { BuyerId = CannedBodies.BuyerId }).ConfigureAwait(false);
                    answered = main.Elapsed;
                }

                break;
            default:
                throw new ArgumentException("Unknown contender " + args[0], nameof(args));
        }

        // Measured to the answer; disposing the client is not part of it.
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime - (main.Elapsed - answered)).TotalMilliseconds;
        GC.KeepAlive(total);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sinceStart:0.0}\t{answered.TotalMilliseconds:0.0}"));
        return 0;
    }
}
