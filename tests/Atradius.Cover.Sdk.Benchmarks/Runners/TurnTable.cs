using System.Diagnostics;
using System.Globalization;

namespace Atradius.Cover.Sdk.Benchmarks.Runners;

/// <summary>
/// Runs contenders in turns: every round runs each contender's batch of calls back to back (starting with a
/// different contender each round), so a burst of someone else's load on the shared cores slows the
/// contenders of that round alike. Reports each contender's median and fastest round and, the figure to trust
/// on a noisy machine, the median over rounds of its time divided by the baseline's time in the same round.
/// </summary>
public static class TurnTable
{
    /// <param name="title">What is measured, printed above the table.</param>
    /// <param name="callsPerRound">Calls each contender makes in a round; times and bytes are per call.</param>
    /// <param name="rounds">Rounds.</param>
    /// <param name="contenders">Name and call, the first one the baseline.</param>
    /// <param name="warmUpCalls">Calls each contender makes before measuring (tiered JIT needs a few thousand).</param>
    public static async Task RunAsync(string title, int callsPerRound, int rounds, IReadOnlyList<(string Name, Func<Task> Call)> contenders, int warmUpCalls = 4000)
    {
        foreach (var (_, call) in contenders)
        {
            for (var i = 0; i < warmUpCalls; i++)
            {
                await call().ConfigureAwait(false);
            }
        }

        var times = contenders.Select(_ => new List<double>()).ToArray();
        var bytes = contenders.Select(_ => new List<double>()).ToArray();
        var ratios = contenders.Select(_ => new List<double>()).ToArray();
        var roundTimes = new double[contenders.Count];
        for (var round = 0; round < rounds; round++)
        {
            for (var turn = 0; turn < contenders.Count; turn++)
            {
                var c = (turn + round) % contenders.Count;
                var call = contenders[c].Call;
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < callsPerRound; i++)
                {
                    await call().ConfigureAwait(false);
                }

                clock.Stop();
                bytes[c].Add((GC.GetTotalAllocatedBytes(precise: true) - before) / (double)callsPerRound);
                roundTimes[c] = clock.Elapsed.TotalMicroseconds / callsPerRound;
                times[c].Add(roundTimes[c]);
            }

            for (var c = 0; c < contenders.Count; c++)
            {
                ratios[c].Add(roundTimes[c] / roundTimes[0]);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{title}: {rounds} rounds of {callsPerRound:N0} calls in turns, per call (load average {LoadAverage()})");
        Console.WriteLine();
        Console.WriteLine("| Contender | Median round (µs) | Fastest round (µs) | Median of per-round ratios | Ratio of medians | Bytes | Bytes ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var baseTime = Median(times[0]);
        var baseBytes = Median(bytes[0]);
        for (var c = 0; c < contenders.Count; c++)
        {
            var median = Median(times[c]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {contenders[c].Name} | {median:0.00} | {times[c].Min():0.00} | **{Median(ratios[c]):0.00}** | {median / baseTime:0.00} | {Median(bytes[c]):N0} | {Median(bytes[c]) / baseBytes:0.00} |"));
        }
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1-minute load average, to show how busy the shared cores were.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
