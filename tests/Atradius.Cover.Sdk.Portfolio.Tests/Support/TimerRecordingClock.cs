using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// A fake clock that records the length of each timer asked of it, so a test moves it on only once the code under test
/// waits on it: however late a busy machine runs that code, the clock never moves past a wait that has not started yet.
/// </summary>
internal sealed class TimerRecordingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    /// <summary>The lengths of the timers asked for so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Enqueue(dueTime);
        return timer;
    }

    /// <summary>
    /// Waits, in real time, until <paramref name="count"/> timers of length <paramref name="dueTime"/> were asked for,
    /// counted in whole milliseconds as Task.Delay asks for them.
    /// </summary>
    public Task WaitForTimersAsync(TimeSpan dueTime, int count)
    {
        var milliseconds = (long)dueTime.TotalMilliseconds;
        return Eventually.WaitUntilAsync(() => _timers.Count(t => (long)t.TotalMilliseconds == milliseconds) >= count, $"{count} timers of {dueTime} were asked for");
    }
}
