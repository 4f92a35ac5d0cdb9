using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Tests.Support;

/// <summary>
/// A fake clock moved on by the waits it is told to watch: an operation's wait between two polls, told apart from a
/// request's own time limits by its length. The clock moves only once such a wait has started, and then by exactly its
/// length, so a poll in flight never runs into its time limit or the wait's deadline, however late a busy machine runs it.
/// </summary>
internal sealed class WaitTimerClock(DateTimeOffset start, Func<TimeSpan, bool> isWait) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && isWait(dueTime))
        {
            _started.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Moves the clock past each watched wait as it starts, until <paramref name="task"/> ends; returns the waits.</summary>
    public async Task<IReadOnlyList<TimeSpan>> RunUntilDoneAsync(Task task, CancellationToken cancellationToken)
    {
        var waits = new List<TimeSpan>();
        while (true)
        {
            var started = _started.Reader.ReadAsync(cancellationToken).AsTask();
            // Bounded: a task that neither ends nor starts a wait again fails the test instead of holding the run.
            if (await Task.WhenAny(started, task).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false) == task)
            {
                await task.ConfigureAwait(false);
                return waits;
            }

            var due = await started.ConfigureAwait(false);
            waits.Add(due);
            Advance(due);
        }
    }

    /// <summary>Moves the clock past each watched wait as it starts, until <paramref name="task"/> ends; returns its result.</summary>
    public async Task<T> RunUntilDoneAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        await RunUntilDoneAsync((Task)task, cancellationToken).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }
}
