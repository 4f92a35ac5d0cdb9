namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// The sandbox's clock: another time provider (the system clock unless one is injected) plus an
/// offset that only grows. Advancing it lets a test see a 30-day notice take effect, a referred
/// application get decided or a token expire, without waiting and without background timers.
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private long _offsetTicks;

    /// <summary>Creates a clock on top of <paramref name="inner"/>.</summary>
    /// <param name="inner">The underlying time; <see cref="TimeProvider.System"/> when null.</param>
    public SandboxClock(TimeProvider? inner = null) => _inner = inner ?? System;

    /// <summary>How far the clock has been advanced beyond the underlying time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">
    /// How far; must not be negative, because time running backwards would break <c>fromDate</c> and scheduled events,
    /// and at most ten years at a time: a clock moved past the last date a <see cref="DateTimeOffset"/> holds would fail
    /// every request after it, and could not be moved back.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative or longer than ten years; the clock did not move.</exception>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(by, TenYears);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>The longest move of the clock, and the longest duration the sandbox adds to its dates.</summary>
    internal static TimeSpan TenYears { get; } = TimeSpan.FromDays(3650);
}
