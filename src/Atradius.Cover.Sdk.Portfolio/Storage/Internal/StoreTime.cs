namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// One notion of time for every store: UTC with microsecond precision, which is what PostgreSQL's timestamptz keeps,
/// so a value reads back equal from any store.
/// </summary>
internal static class StoreTime
{
    private const long TicksPerMicrosecond = 10;
    private static readonly long UnixEpochTicks = DateTimeOffset.FromUnixTimeMilliseconds(0).UtcTicks;

    /// <summary>The moment a released lease is set to expire at: long past, so anyone may take it.</summary>
    public static readonly DateTimeOffset LongAgo = DateTimeOffset.FromUnixTimeMilliseconds(0);

    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static DateTimeOffset? Normalize(DateTimeOffset? value) => value is { } v ? Normalize(v) : null;

    /// <summary>
    /// A bound of a time range, as the first whole microsecond at or after it. Every kept time is a whole microsecond,
    /// so "at or after" and "before" that microsecond select exactly what they select of the bound as given; rounded
    /// down, a bound a fraction of a microsecond after a kept time would take that time for one inside the range.
    /// </summary>
    public static DateTimeOffset? Bound(DateTimeOffset? value)
    {
        if (value is not { } bound)
        {
            return null;
        }

        var below = Normalize(bound);
        return below.UtcTicks == bound.UtcTicks || below.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - TicksPerMicrosecond
            ? below
            : below.AddTicks(TicksPerMicrosecond);
    }

    // From the whole microsecond at or before the value, as every store keeps it: the division alone would round a
    // time before 1970 up, and SQLite would then keep a later time than memory and PostgreSQL.
    public static long ToUnixMicroseconds(DateTimeOffset value) => (Normalize(value).UtcTicks - UnixEpochTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long value) =>
        new(UnixEpochTicks + (value * TicksPerMicrosecond), TimeSpan.Zero);

    public static DateTimeOffset Now(TimeProvider timeProvider) => Normalize(timeProvider.GetUtcNow());
}
