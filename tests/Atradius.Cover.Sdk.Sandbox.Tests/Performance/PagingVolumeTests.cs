using System.Diagnostics;
using System.Text.Json;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Performance;

/// <summary>Measures, does not assert timings: the figures go to the test output and docs/sandbox.md.</summary>
public sealed class PagingVolumeTests
{
    [Fact]
    public async Task Hundred_thousand_covers_page_through_at_page_size_1000()
    {
        const int Count = 100_000;
        GC.Collect();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = 40_000, GeneratedCoverCount = Count }, Ct);
        var startup = watch.Elapsed;
        var memoryWorld = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        using var api = await CreateAsync(sandbox);

        watch.Restart();
        var seen = 0;
        var pages = 0;
        long bytes = 0;
        long peak = 0;
        string? cursor = null;
        do
        {
            using var response = await api.Http.GetAsync($"{Covers}?pageSize=1000{(cursor is null ? "" : "&cursor=" + cursor)}", HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync(Ct);
            bytes += body.Length;
            using var page = JsonDocument.Parse(body);
            seen += page.RootElement.GetProperty("data").GetArrayLength();
            cursor = page.RootElement.GetProperty("meta").GetProperty("nextCursor").GetString();
            pages++;
            peak = Math.Max(peak, GC.GetTotalMemory(false));
        }
        while (cursor is not null);
        var paging = watch.Elapsed;

        Assert.True(seen >= Count);
        var line = $"{seen} covers, {pages} pages of 1000: start {startup.TotalMilliseconds:0} ms (world {memoryWorld / 1048576.0:0} MB), " +
            $"paging {paging.TotalMilliseconds:0} ms ({seen / paging.TotalSeconds:0} covers/s, {bytes / 1048576.0:0} MB JSON), process heap peak {peak / 1048576.0:0} MB";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
    }

    [Fact]
    public async Task Start_and_stop_of_a_default_sandbox_is_quick()
    {
        var timings = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
            await sandbox.DisposeAsync();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        var line = $"start+stop of a default sandbox: first {timings[0]:0} ms, then {string.Join(", ", timings.Skip(1).Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(timings.Skip(1).Average() < 2000, line); // generous: only catches a regression to seconds
    }
}
