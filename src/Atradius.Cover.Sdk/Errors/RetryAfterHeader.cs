using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads an answer's <c>Retry-After</c> header (RFC 9110): a number of seconds, or a date, taken against the answer's own
/// <c>Date</c> so that the two clocks need not agree. Whether the real service sends it is not known.
/// </summary>
internal static class RetryAfterHeader
{
    private const string Name = "Retry-After";

    // Longer waits are read as this: a TimeSpan holds them, and no caller waits that long anyway.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>The wait the headers ask for; null when they name none, or one that cannot be read.</summary>
    /// <param name="headers">An answer's headers, names compared case-insensitively.</param>
    /// <param name="now">The time a date is taken against when the answer has no <c>Date</c>.</param>
    public static TimeSpan? Read(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, DateTimeOffset now)
    {
        if (!headers.TryGetValue(Name, out var values) || values.Count == 0 || values[0] is not { } text)
        {
            return null;
        }

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
        }

        if (!TryReadDate(text, out var until))
        {
            return null;
        }

        var from = headers.TryGetValue("Date", out var dates) && dates.Count > 0 && dates[0] is { } date && TryReadDate(date.Trim(), out var sent) ? sent : now;
        var wait = until - from;
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait >= Longest ? Longest : wait;
    }

    private static bool TryReadDate(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
}
