using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Parses the regular forms of dates and timestamps straight from a token's UTF-8 bytes, so that the common case
/// makes no string. It accepts what the string parsers accept with the same result, and fractions of a second of
/// 8 or 9 digits, which they refuse; whatever it does not recognise (escapes, padding, odd forms, edge years) it
/// leaves to them.
/// </summary>
internal static class Utf8DateParser
{
    // Servers on the JVM write up to nanoseconds; the service's precision is unknown, so all of them are read.
    private const int MaxFractionDigits = 9;

    /// <summary>The token's bytes when they can be read in place: not escaped and not split across buffers.</summary>
    public static bool TryGetPlainValue(ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            value = default;
            return false;
        }

        value = reader.ValueSpan;
        return true;
    }

    /// <summary>Reads <c>yyyy-MM-dd</c> from the first ten bytes as midnight UTC.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 10
            || text[4] != (byte)'-'
            || text[7] != (byte)'-'
            || !TryDigits(text, 0, 4, out var year)
            || !TryDigits(text, 5, 2, out var month)
            || !TryDigits(text, 8, 2, out var day)
            || year < 2 || year > 9998 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Reads <c>yyyy-MM-dd</c> (midnight UTC) or <c>yyyy-MM-ddTHH:mm[:ss[.fffffffff]]</c> followed by <c>Z</c>,
    /// <c>±HH:mm</c> or nothing (UTC).
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (!TryParseDate(text, out var date))
        {
            return false;
        }

        if (text.Length == 10)
        {
            value = date;
            return true;
        }

        if (text.Length < 16
            || text[10] != (byte)'T'
            || text[13] != (byte)':'
            || !TryDigits(text, 11, 2, out var hour)
            || !TryDigits(text, 14, 2, out var minute)
            || hour > 23 || minute > 59)
        {
            return false;
        }

        var position = 16;
        var second = 0;
        long ticks = 0;
        if (position < text.Length && text[position] == (byte)':')
        {
            if (!TryDigits(text, position + 1, 2, out second) || second > 59)
            {
                return false;
            }

            position += 3;
            if (position < text.Length && text[position] == (byte)'.')
            {
                position++;
                var digits = 0;
                while (position < text.Length && IsDigit(text[position]))
                {
                    if (++digits > MaxFractionDigits)
                    {
                        return false;
                    }

                    // Nanoseconds (8th and 9th digits) are finer than a tick: they are dropped, not rounded into the next second.
                    if (digits <= 7)
                    {
                        ticks = (ticks * 10) + (text[position] - (byte)'0');
                    }

                    position++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (; digits < 7; digits++)
                {
                    ticks *= 10;
                }
            }
        }

        var offset = TimeSpan.Zero;
        if (position < text.Length)
        {
            var sign = text[position];
            if (sign == (byte)'Z' && position + 1 == text.Length)
            {
                // Z: UTC, as the default.
            }
            else if ((sign == (byte)'+' || sign == (byte)'-')
                && position + 6 == text.Length
                && text[position + 3] == (byte)':'
                && TryDigits(text, position + 1, 2, out var offsetHours)
                && TryDigits(text, position + 4, 2, out var offsetMinutes)
                && offsetHours < 14 && offsetMinutes < 60)
            {
                offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                if (sign == (byte)'-')
                {
                    offset = -offset;
                }
            }
            else
            {
                return false;
            }
        }

        value = new DateTimeOffset(date.Year, date.Month, date.Day, hour, minute, second, offset).AddTicks(ticks);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - (byte)'0');
        }

        return true;
    }

    private static bool IsDigit(byte value) => value >= (byte)'0' && value <= (byte)'9';
}
