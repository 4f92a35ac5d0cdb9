using System.Diagnostics;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Performance;

/// <summary>A list of 100,000 covers streams in one answer; the figures go to the test output, timings are not asserted.</summary>
public sealed class VolumeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hundred_thousand_covers_stream_in_one_unpaged_answer()
    {
        const int Count = 100_000;
        var watch = Stopwatch.StartNew();
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = 34_000, GeneratedCoverCount = Count }, Ct);
        var startup = watch.Elapsed;
        using var api = await CreateAsync(sandbox);

        watch.Restart();
        using var response = await api.Http.GetAsync(Covers, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength); // streamed, not buffered into one string first
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        var seen = await CountCoversAsync(body);

        output.WriteLine($"start with {Count} covers: {startup.TotalMilliseconds:0} ms; list: {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(seen >= Count, $"saw {seen}");
        var ids = (await api.ListAsync($"{Covers}?buyerId={sandbox.World.Buyers[^1].BuyerId}")).Count;
        Assert.True(ids >= 1);
        Assert.True(sandbox.GetCovers().Count(c => c.IsCurrent && c.CustomerId == SandboxFixtures.EuroCustomerId) >= Count);
    }

    /// <summary>Counts the covers as the bytes arrive, without holding the answer.</summary>
    private static async Task<int> CountCoversAsync(Stream body)
    {
        var marker = "\"coverId\":"u8.ToArray();
        var buffer = new byte[64 * 1024];
        var carry = 0;
        var count = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(carry), Ct)) > 0)
        {
            var length = carry + read;
            var span = buffer.AsSpan(0, length);
            int index;
            var start = 0;
            while ((index = span[start..].IndexOf(marker)) >= 0)
            {
                count++;
                start += index + marker.Length;
            }

            carry = Math.Min(marker.Length - 1, length - start);
            span[(length - carry)..].CopyTo(buffer);
        }

        return count;
    }
}
