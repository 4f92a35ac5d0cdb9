using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;

namespace Atradius.Cover.Sdk.Benchmarks.Runners;

/// <summary>
/// <c>memory</c>: reads an unpaged list of 10,000 and of 100,000 covers (<c>GET /covers</c>, one <c>{data:[…]}</c>
/// answer, canned) as a stream, each read in a fresh process after a warm-up read of 100,000, and prints the peak
/// working set and GC heap sampled during the read and the largest live heap (after full collections). A reader
/// that streams holds one cover at a time, so 100,000 should cost what 10,000 does. Two controls show that the
/// measurement sees growth when there is some: our client with the caller keeping every cover in a list, and the
/// baseline, which deserializes the whole envelope as a hand-written client usually does.
/// </summary>
public static class MemoryFlatness
{
    private const int WarmUpCovers = 100_000;
    private static readonly int[] Sizes = [10_000, 100_000];
    private static readonly string[] Readers = ["ours-constructor", "ours-di", "ours-kept-in-a-list", "baseline-whole-envelope"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 3)
        {
            return await ReadAsync(args[0], int.Parse(args[1], CultureInfo.InvariantCulture), retained: args[2] == "retained").ConfigureAwait(false);
        }

        Console.WriteLine($"Unpaged list read as a stream, each read in its own process after a warm-up read of {WarmUpCovers:N0} ({Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {TurnTable.LoadAverage()})");
        Console.WriteLine();
        Console.WriteLine("| Reader | Covers | Peak working set (MB) | Peak GC heap (MB) | Largest live heap (MB) | Allocated per cover (B) | Time per cover (µs) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var reader in Readers)
        {
            var results = new List<double[]>();
            foreach (var size in Sizes)
            {
                var peak = (await ChildProcess.RunAsync("memory", reader, size.ToString(CultureInfo.InvariantCulture), "peak").ConfigureAwait(false)).Split('\t');
                var live = (await ChildProcess.RunAsync("memory", reader, size.ToString(CultureInfo.InvariantCulture), "retained").ConfigureAwait(false)).Split('\t')[1];
                results.Add([Parse(peak[0]), Parse(peak[1]), Parse(live)]);
                Console.WriteLine($"| {reader} | {size:N0} | {peak[0]} | {peak[1]} | {live} | {peak[2]} | {peak[3]} |");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| **{reader}: 100k / 10k** | | **{results[1][0] / results[0][0]:0.00} ×** | {results[1][1] / results[0][1]:0.00} × | **{results[1][2] / results[0][2]:0.00} ×** | | |"));
        }

        return 0;
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <param name="retained">
    /// Instead of peaks, force a full collection every 5,000 covers and report the largest live heap: what the
    /// read holds on to, apart from garbage the GC has not collected yet.
    /// </param>
    private static async Task<int> ReadAsync(string reader, int size, bool retained)
    {
        var canned = new CannedCoverApi { LargeListCount = WarmUpCovers };
        var endpoint = BenchEndpoint.Canned;
        await using var set = await ContenderSet.CreateAsync(endpoint, () => canned, disposeHandlers: false).ConfigureAwait(false);
        var kept = new List<object>();
        IAsyncEnumerable<long> Read() => reader switch
        {
            "ours-constructor" => Select(set.OursConstructor.Decisions.ListAsync(), c => c.CoverId),
            "ours-di" => Select(set.OursDependencyInjection.Decisions.ListAsync(), c => c.CoverId),
            "ours-kept-in-a-list" => Select(set.OursConstructor.Decisions.ListAsync(), c =>
            {
                kept.Add(c);
                return c.CoverId;
            }),
            "baseline-whole-envelope" => BaselineWhole(endpoint, canned),
            _ => throw new ArgumentException("Unknown reader " + reader, nameof(reader)),
        };

        // A warm-up read first: the GC sizes its young generation to the allocation rate over the first hundred
        // megabytes or so; without it a short read would look flatter than a long one for that reason alone.
        await foreach (var _ in Read().ConfigureAwait(false))
        {
        }

        kept.Clear();
        canned.LargeListCount = size;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakHeap = 0;
        long peakWorkingSet = 0;
        var count = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var id in Read().ConfigureAwait(false))
        {
            _ = id;
            if (++count % (retained ? 5000 : 500) == 0)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: retained));
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
            }
        }

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (count != size)
        {
            throw new InvalidOperationException($"Read {count} covers, expected {size}.");
        }

        const double MB = 1024 * 1024;
        Console.WriteLine(string.Join('\t',
            (peakWorkingSet / MB).ToString("0.0", CultureInfo.InvariantCulture),
            (peakHeap / MB).ToString("0.0", CultureInfo.InvariantCulture),
            (allocated / (double)size).ToString("0", CultureInfo.InvariantCulture),
            (clock.Elapsed.TotalMicroseconds / size).ToString("0.00", CultureInfo.InvariantCulture)));
        GC.KeepAlive(kept);
        return 0;
    }

    /// <summary>The baseline's way: GET /covers deserialized whole into a list, then walked.</summary>
    private static async IAsyncEnumerable<long> BaselineWhole(BenchEndpoint endpoint, HttpMessageHandler canned)
    {
        using var http = new HttpClient(canned, disposeHandler: false) { BaseAddress = endpoint.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "credit-insurance/cover-management/v1/covers?policyId=" + endpoint.PolicyId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var list = await System.Text.Json.JsonSerializer.DeserializeAsync(stream, BaselineJsonContext.Default.CoverListDto).ConfigureAwait(false);
        foreach (var cover in list!.Data)
        {
            yield return cover.CoverId;
        }
    }

    private static async IAsyncEnumerable<long> Select<T>(IAsyncEnumerable<T> source, Func<T, long> selector)
    {
        await foreach (var item in source.ConfigureAwait(false))
        {
            yield return selector(item);
        }
    }
}
