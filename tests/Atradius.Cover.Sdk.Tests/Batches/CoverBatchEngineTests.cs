using System.Diagnostics;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Sdk.Tests.Batches;

public sealed class CoverBatchEngineTests
{
    private sealed class Answer(bool referred)
    {
        public bool Referred { get; } = referred;
    }

    private sealed class SyncProgress(Action<CoverBatchProgress> report) : IProgress<CoverBatchProgress>
    {
        public void Report(CoverBatchProgress value) => report(value);
    }

    private static CoverBatchEngine<int, Answer> Engine(Func<int, string, CancellationToken, Task<Answer>> submit, int concurrency = 4, IProgress<CoverBatchProgress>? progress = null, Func<int, IReadOnlyList<string>>? validate = null) =>
        new(validate ?? (_ => Array.Empty<string>()), i => "key-" + i, submit, a => a.Referred, null, concurrency, progress);

    [Fact]
    public async Task Never_runs_more_requests_at_once_than_the_concurrency_allows()
    {
        var inFlight = 0;
        var peak = 0;
        var engine = Engine(async (_, _, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref inFlight);
            return new Answer(false);
        }, concurrency: 3);

        var run = await engine.RunAsync(Enumerable.Range(0, 60), null, 60, TestContext.Current.CancellationToken);

        Assert.Equal(60, run.Slots.Count);
        Assert.InRange(peak, 2, 3);
        Assert.Equal(Enumerable.Range(0, 60).ToArray(), run.Slots.Select(s => s.Index).ToArray());
    }

    [Fact]
    public async Task Cancellation_leaves_a_record_of_every_item_sent_or_not()
    {
        using var cts = new CancellationTokenSource();
        var sent = 0;
        var engine = Engine(async (_, _, ct) =>
        {
            if (Interlocked.Increment(ref sent) == 10)
            {
                await cts.CancelAsync();
            }

            await Task.Yield();
            return new Answer(false);
        }, concurrency: 2);

        var run = await engine.RunAsync(Enumerable.Range(0, 100), null, 100, cts.Token);

        Assert.True(run.WasCancelled);
        Assert.True(run.InputReadToEnd);
        Assert.Equal(100, run.Slots.Count);
        Assert.All(run.Slots, s => Assert.Equal("key-" + s.Index, s.IdempotencyKey));
        Assert.Equal(sent, run.Slots.Count(s => s.Outcome != CoverBatchOutcome.NotSubmitted));
        Assert.True(run.Slots.Count(s => s.Outcome == CoverBatchOutcome.NotSubmitted) >= 80);
    }

    [Fact]
    public async Task Invalid_items_are_not_sent_and_do_not_stop_the_batch()
    {
        var sent = new System.Collections.Concurrent.ConcurrentBag<int>();
        var engine = Engine((i, _, _) => { sent.Add(i); return Task.FromResult(new Answer(i % 2 == 0)); }, validate: i => i % 3 == 0 ? new[] { "bad" } : Array.Empty<string>());

        var run = await engine.RunAsync(Enumerable.Range(1, 9), null, 9, TestContext.Current.CancellationToken);

        Assert.Equal(new[] { 1, 2, 4, 5, 7, 8 }, sent.OrderBy(i => i).ToArray());
        Assert.Equal(new[] { 3, 6, 9 }, run.Slots.Where(s => s.Outcome == CoverBatchOutcome.Invalid).Select(s => s.Item).ToArray());
        Assert.Equal(new[] { 2, 4, 8 }, run.Slots.Where(s => s.Outcome == CoverBatchOutcome.Referred).Select(s => s.Item).ToArray());
    }

    [Fact]
    public async Task Errors_become_rejected_or_failed_and_say_whether_the_item_may_exist()
    {
        var engine = Engine((i, _, _) => i switch
        {
            0 => throw new CoverApiException("exists", 409, "COVER_EXISTS"),
            1 => throw new CoverApiException("boom", 503),
            2 => throw new HttpRequestException("reset"),
            3 => throw new CoverApiException("slow down", 429),
            _ => Task.FromResult(new Answer(false)),
        });

        var run = await engine.RunAsync(Enumerable.Range(0, 5), null, 5, TestContext.Current.CancellationToken);

        Assert.Equal(
            new[] { CoverBatchOutcome.Rejected, CoverBatchOutcome.Failed, CoverBatchOutcome.Failed, CoverBatchOutcome.Failed, CoverBatchOutcome.Decided },
            run.Slots.Select(s => s.Outcome).ToArray());
        Assert.Equal(new[] { false, true, true, false, false }, run.Slots.Select(s => s.MayHaveBeenCreated).ToArray());
    }

    [Fact]
    public async Task A_transport_failure_says_whether_the_request_may_have_been_processed()
    {
        var engine = Engine((i, key, _) => throw new CoverTransportException("reset", key, requestMayHaveBeenProcessed: i == 1, null));

        var run = await engine.RunAsync(new[] { 0, 1 }, null, 2, TestContext.Current.CancellationToken);

        Assert.All(run.Slots, s => Assert.Equal(CoverBatchOutcome.Failed, s.Outcome));
        Assert.Equal(new[] { false, true }, run.Slots.Select(s => s.MayHaveBeenCreated).ToArray());
    }

    [Fact]
    public async Task A_failing_input_surfaces_its_error_after_the_items_in_flight_finish()
    {
        var finished = 0;
        var engine = Engine(async (_, _, ct) => { await Task.Delay(20, ct); Interlocked.Increment(ref finished); return new Answer(false); }, concurrency: 2);

        await Assert.ThrowsAsync<IOException>(() => engine.RunAsync(null, Broken(), null, TestContext.Current.CancellationToken));
        Assert.Equal(3, finished);

        static async IAsyncEnumerable<int> Broken()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                yield return i;
            }

            throw new IOException("file truncated");
        }
    }

    [Fact]
    public async Task Progress_is_reported_for_every_item()
    {
        var reports = new System.Collections.Concurrent.ConcurrentBag<CoverBatchProgress>();
        var engine = Engine((_, _, _) => Task.FromResult(new Answer(false)), progress: new SyncProgress(reports.Add));

        await engine.RunAsync(null, Source(25), null, TestContext.Current.CancellationToken);

        Assert.Equal(25, reports.Count);
        Assert.Equal(25, reports.Max(r => r.Completed));
        Assert.Equal(25, reports.Max(r => r.Decided));
        Assert.All(reports, r => Assert.Null(r.Total));
    }

    [Fact]
    public async Task A_thousand_items_at_fifty_milliseconds_with_sixteen_workers_finish_near_the_ideal()
    {
        var engine = Engine(async (_, _, ct) => { await Task.Delay(50, ct); return new Answer(false); }, concurrency: 16);

        var watch = Stopwatch.StartNew();
        var run = await engine.RunAsync(Enumerable.Range(0, 1000), null, 1000, TestContext.Current.CancellationToken);
        watch.Stop();

        Assert.Equal(1000, run.Slots.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3 * 1000 * 0.05 / 16), $"took {watch.Elapsed}");
    }

    private static async IAsyncEnumerable<int> Source(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
