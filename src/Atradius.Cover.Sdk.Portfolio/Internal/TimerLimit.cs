namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The longest pause a setting may ask a timer for. Task.Delay, PeriodicTimer and TimeProvider timers refuse more
/// than uint.MaxValue - 1 milliseconds (about 49.7 days), with an error that names no setting and only once the host
/// runs; the options that end up in a pause are checked against this when they are read, naming the setting.
/// </summary>
internal static class TimerLimit
{
    /// <summary>The longest pause accepted: 49 days, a round figure below the timers' limit.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(49);

    /// <summary>How <see cref="Longest"/> reads in an error message.</summary>
    public const string LongestText = "49 days";

    /// <summary>Whether <paramref name="delay"/> is no longer than <see cref="Longest"/>.</summary>
    public static bool Fits(TimeSpan delay) => delay <= Longest;
}
