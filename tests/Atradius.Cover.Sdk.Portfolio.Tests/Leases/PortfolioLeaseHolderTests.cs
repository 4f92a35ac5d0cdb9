using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Leases;

public sealed class PortfolioLeaseHolderTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Third = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task One_failed_renewal_is_tolerated_but_stops_new_work_once_less_than_half_is_left_and_a_second_one_loses_the_lease()
    {
        var clock = new TimerCountingClock();
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock.Fake));
        var failures = 0;
        using var holder = (await PortfolioLeaseHolder.TryAcquireAsync(store, "work", "a", Duration, clock, _ => Interlocked.Increment(ref failures), null, TestContext.Current.CancellationToken))!;
        await clock.WaitForTimersAsync(1);

        store.Kill();
        clock.Fake.Advance(Third);
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref failures) == 1, "the first renewal failed");
        await clock.WaitForTimersAsync(3);
        Assert.False(holder.IsLost);
        Assert.True(holder.MayStartWork());

        // Less than half the lease is left since the last grant was asked for: nothing new starts, the lease is still held.
        clock.Fake.Advance(TimeSpan.FromSeconds(6));
        Assert.False(holder.MayStartWork());
        Assert.False(holder.IsLost);

        clock.Fake.Advance(TimeSpan.FromSeconds(4));
        await Eventually.WaitUntilAsync(() => holder.IsLost, "the second failed renewal counted the lease lost");
        Assert.True(holder.LostToken.IsCancellationRequested);
        Assert.Equal(2, Volatile.Read(ref failures));
        await holder.ReleaseAsync();
    }

    [Fact]
    public async Task Giving_up_the_lease_waits_a_few_seconds_at_most_for_a_store_that_stopped_answering()
    {
        var clock = new TimerCountingClock();
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock.Fake)) { BeforeRelease = ct => Task.Delay(Timeout.Infinite, ct) };
        var failures = new List<Exception>();
        using var holder = (await PortfolioLeaseHolder.TryAcquireAsync(store, "work", "a", Duration, clock, e => { lock (failures) { failures.Add(e); } }, null, TestContext.Current.CancellationToken))!;
        await clock.WaitForTimersAsync(1);

        var releasing = holder.ReleaseAsync();
        await clock.WaitForTimersAsync(2);
        Assert.False(releasing.IsCompleted);
        clock.Fake.Advance(TimeSpan.FromSeconds(5));

        await releasing.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.IsType<TimeoutException>(Assert.Single(failures));
    }

    [Fact]
    public async Task A_lease_taken_over_is_reported_lost_at_the_next_renewal_and_is_not_released_from_its_new_holder()
    {
        var holderClock = new TimerCountingClock();
        var storeClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryCoverPortfolioStore(storeClock);
        var lost = 0;
        using var holder = (await PortfolioLeaseHolder.TryAcquireAsync(store, "work", "a", Duration, holderClock, null, () => Interlocked.Increment(ref lost), TestContext.Current.CancellationToken))!;
        await holderClock.WaitForTimersAsync(1);

        // The holder was paused past its lease (as the store's clock tells), and another took it over.
        storeClock.Advance(Duration + Third);
        var other = await store.TryAcquireLeaseAsync("work", "b", Duration, TestContext.Current.CancellationToken);
        Assert.NotNull(other);
        Assert.True(other.FencingToken > holder.Lease.FencingToken);

        holderClock.Fake.Advance(Third);
        await Eventually.WaitUntilAsync(() => holder.LostToken.IsCancellationRequested, "the refused renewal cancelled the work");
        Assert.True(holder.IsLost);
        Assert.False(holder.MayStartWork());
        Assert.Equal(1, Volatile.Read(ref lost));

        await holder.ReleaseAsync();
        Assert.NotNull(await store.RenewLeaseAsync(other, Duration, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_lease_lost_while_work_on_its_token_throws_when_cancelled_is_still_released_without_an_error()
    {
        // Before, the throwing registration failed the renewal, and releasing the lease threw it: a monitor stopped for good.
        var holderClock = new TimerCountingClock();
        var storeClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryCoverPortfolioStore(storeClock);
        using var holder = (await PortfolioLeaseHolder.TryAcquireAsync(store, "work", "a", Duration, holderClock, null, null, TestContext.Current.CancellationToken))!;
        await holderClock.WaitForTimersAsync(1);
        var others = 0;
        using var throwing = holder.LostToken.Register(() => throw new InvalidOperationException("the handler's clean-up failed"));
        using var counting = holder.LostToken.Register(() => Interlocked.Increment(ref others));
        storeClock.Advance(Duration + Third);
        Assert.NotNull(await store.TryAcquireLeaseAsync("work", "b", Duration, TestContext.Current.CancellationToken));

        holderClock.Fake.Advance(Third);
        await Eventually.WaitUntilAsync(() => holder.IsLost, "the refused renewal counted the lease lost");

        await holder.ReleaseAsync();
        Assert.True(holder.LostToken.IsCancellationRequested);
        Assert.Equal(1, Volatile.Read(ref others));
    }

    [Fact]
    public async Task A_renewal_the_store_does_not_answer_counts_the_lease_lost_once_it_may_have_lapsed()
    {
        // Before, a renewal that hung (a database that stopped answering) kept the lease counted held until the call
        // gave up, long after it had lapsed and another instance could have taken it over.
        var clock = new TimerCountingClock();
        var renewing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock.Fake))
        {
            BeforeRenewal = async token =>
            {
                renewing.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
        };
        using var holder = (await PortfolioLeaseHolder.TryAcquireAsync(store, "work", "a", Duration, clock, null, null, TestContext.Current.CancellationToken))!;
        await clock.WaitForTimersAsync(1);

        clock.Fake.Advance(Third);
        await renewing.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        clock.Fake.Advance(Duration - Third - TimeSpan.FromSeconds(1));
        Assert.False(holder.IsLost);

        clock.Fake.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => holder.LostToken.IsCancellationRequested, "the lease was counted lost once it may have lapsed", seconds: 30);
        Assert.True(holder.IsLost);
        await holder.ReleaseAsync();
    }

    [Fact]
    public async Task A_renewal_answered_late_is_followed_by_the_next_at_once_not_a_whole_third_after_the_answer()
    {
        // Before, the next renewal came a third of the lease after a late answer: with two thirds gone waiting for the
        // store, the lease ran out before it, while the work went on.
        var ct = TestContext.Current.CancellationToken;
        var clock = new TimerCountingClock();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var renewals = 0;
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock.Fake))
        {
            BeforeRenewal = async token =>
            {
                if (Interlocked.Increment(ref renewals) == 1)
                {
                    await answer.Task.WaitAsync(token);
                }
                else
                {
                    second.TrySetResult();
                }
            },
        };
        using var holder = (await PortfolioLeaseHolder.TryAcquireAsync(store, "work", "a", Duration, clock, null, null, ct))!;
        await clock.WaitForTimersAsync(1);

        clock.Fake.Advance(Third);
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref renewals) == 1, "the first renewal was asked for");
        clock.Fake.Advance(Duration - Third - TimeSpan.FromSeconds(1));
        answer.SetResult();

        // A second of the lease is left: the next renewal is asked for now, with no wait on the clock.
        await second.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.False(holder.IsLost);
        await holder.ReleaseAsync();
    }

    [Fact]
    public async Task Renewals_every_third_of_the_duration_keep_the_lease_and_new_work_allowed()
    {
        var clock = new TimerCountingClock();
        var store = new InMemoryCoverPortfolioStore(clock.Fake);
        using var holder = (await PortfolioLeaseHolder.TryAcquireAsync(store, "work", "a", Duration, clock, null, null, TestContext.Current.CancellationToken))!;
        var token = holder.Lease.FencingToken;
        // Each renewal asks for two timers: the one that gives it up when the store does not answer, and the pause after it.
        for (var renewal = 1; renewal <= 6; renewal++)
        {
            await clock.WaitForTimersAsync((2 * renewal) - 1);
            clock.Fake.Advance(Third);
        }

        await clock.WaitForTimersAsync(13);
        Assert.True(holder.MayStartWork());
        Assert.False(holder.IsLost);
        Assert.Equal(token, holder.Lease.FencingToken);
        Assert.Equal(clock.Fake.GetUtcNow() + Duration, holder.Lease.ExpiresAt, TimeSpan.FromMilliseconds(1));

        await holder.ReleaseAsync();
        Assert.NotNull(await store.TryAcquireLeaseAsync("work", "b", Duration, TestContext.Current.CancellationToken));
    }

    /// <summary>A fake clock that counts the timers asked of it, so a test advances it only once the holder waits on it again.</summary>
    private sealed class TimerCountingClock : TimeProvider
    {
        private int timers;

        public FakeTimeProvider Fake { get; } = new(DateTimeOffset.UtcNow);

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref timers);
            return timer;
        }

        public Task WaitForTimersAsync(int count) => Eventually.WaitUntilAsync(() => Volatile.Read(ref timers) >= count, count + " timers were asked for");
    }
}
