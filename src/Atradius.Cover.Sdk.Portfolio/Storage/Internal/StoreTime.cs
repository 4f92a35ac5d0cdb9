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

    public static long ToUnixMicroseconds(DateTimeOffset value) => (value.UtcTicks - UnixEpochTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long value) =>
        new(UnixEpochTicks + (value * TicksPerMicrosecond), TimeSpan.Zero);

    public static DateTimeOffset Now(TimeProvider timeProvider) => Normalize(timeProvider.GetUtcNow());
}
