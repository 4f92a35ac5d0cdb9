using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;

namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>
/// <c>memory</c> mode: walks 10,000 and then 100,000 covers (pages of 1,000, canned) through
/// <see cref="CoverClient"/> and through the baseline, each walk in a fresh process after a warm-up walk, and
/// prints the peak working set and GC heap sampled during the walk, and the largest live heap. A walk that streams holds one page at a time, so 100,000 should
/// cost what 10,000 does. The baseline, which plainly holds one page at a time, shows what the runtime does on its own.
/// </summary>
public static class MemoryFlatness
{
    private const int PageSize = 1000;
    private const int WarmUpCovers = 100_000;
    private static readonly int[] Sizes = [10_000, 100_000];
    private static readonly string[] Walkers = ["ours", "baseline"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 3)
        {
            return await WalkAsync(args[0], int.Parse(args[1], CultureInfo.InvariantCulture), retained: args[2] == "retained").ConfigureAwait(false);
        }

        Console.WriteLine($"Page walk memory, pages of {PageSize}, each walk in its own process ({Environment.ProcessorCount} cores, .NET {Environment.Version}, workstation GC)");
        Console.WriteLine("| Client | Covers | Peak working set (MB) | Peak GC heap (MB) | Largest live heap (MB) | Allocated per cover (B) | Time per cover (µs) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var failed = false;
        foreach (var walker in Walkers)
        {
            var results = new List<string[]>();
            foreach (var size in Sizes)
            {
                var fields = (await RunChildAsync(walker, size, "peak").ConfigureAwait(false)).Split('\t');
                var liveHeap = (await RunChildAsync(walker, size, "retained").ConfigureAwait(false)).Split('\t')[1];
                results.Add([fields[0], fields[1], liveHeap]);
                Console.WriteLine($"| {walker} | {size:N0} | {fields[0]} | {fields[1]} | {liveHeap} | {fields[2]} | {fields[3]} |");
            }

            var ws = Ratio(results[1][0], results[0][0]);
            var heap = Ratio(results[1][1], results[0][1]);
            var live = Ratio(results[1][2], results[0][2]);
            Console.WriteLine($"| {walker}: 100k / 10k | | {ws:0.00}× | {heap:0.00}× | {live:0.00}× | | |");
            failed |= walker == "ours" && ws > 1.10;
        }

        Console.WriteLine(failed ? "Target missed: CoverClient's peak working set grows with the walk." : "Target met: CoverClient's peak working set at 100k is within 10% of 10k.");
        return 0;
    }

    private static double Ratio(string a, string b) =>
        double.Parse(a, CultureInfo.InvariantCulture) / double.Parse(b, CultureInfo.InvariantCulture);

    private static async Task<string> RunChildAsync(string walker, int size, string mode)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryFlatness).Assembly.Location);
        }

        start.ArgumentList.Add("memory");
        start.ArgumentList.Add(walker);
        start.ArgumentList.Add(size.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(mode);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"The {walker} walk of {size} exited with {child.ExitCode}: {output}");
    }

    /// <param name="retained">
    /// Instead of peaks, force a full collection every 5,000 covers and report the largest live heap: what the
    /// walk holds on to, apart from garbage the GC has not collected yet.
    /// </param>
    private static async Task<int> WalkAsync(string walker, int size, bool retained)
    {
        var handler = new CannedCoverApiHandler(totalItems: Math.Max(size, WarmUpCovers), pageSize: PageSize);
        using var set = await ContenderSet.CreateAsync(CoverEndpoint.Canned, () => handler, disposeHandlers: false).ConfigureAwait(false);
        IAsyncEnumerable<long> Walk() => walker == "ours"
            ? Select(set.Ours.Decisions.ListAsync(new DecisionQuery { PageSize = PageSize }), c => c.Version)
            : Select(set.Baseline.ListAsync(PageSize), c => c.Version);

        // A warm-up walk first: the GC sizes its young generation to the allocation rate over the first hundred
        // megabytes or so, and without it a short walk would look flatter than a long one for that reason alone.
        var warmUp = 0;
        await foreach (var _ in Walk().ConfigureAwait(false))
        {
            if (++warmUp == WarmUpCovers)
            {
                break;
            }
        }

        var versions = Walk();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakHeap = 0;
        long peakWorkingSet = 0;
        var count = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var version in versions.ConfigureAwait(false))
        {
            _ = version;
            if (++count % (retained ? 5000 : 500) == 0)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: retained));
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
            }

            if (count == size)
            {
                break;
            }
        }

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (count != size)
        {
            throw new InvalidOperationException($"Walked {count} covers, expected {size}.");
        }

        const double MB = 1024 * 1024;
        Console.WriteLine(string.Join('\t',
            (peakWorkingSet / MB).ToString("0.0", CultureInfo.InvariantCulture),
            (peakHeap / MB).ToString("0.0", CultureInfo.InvariantCulture),
            (allocated / (double)size).ToString("0", CultureInfo.InvariantCulture),
            (clock.Elapsed.TotalMicroseconds / size).ToString("0.00", CultureInfo.InvariantCulture)));
        return 0;
    }

    private static async IAsyncEnumerable<long> Select<T>(IAsyncEnumerable<T> source, Func<T, long> selector)
    {
        await foreach (var item in source.ConfigureAwait(false))
        {
            yield return selector(item);
        }
    }
}
