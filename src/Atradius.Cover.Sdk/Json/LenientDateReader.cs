using System.Globalization;
using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads a calendar date as written: the first ten characters of <c>yyyy-MM-dd</c> or of a timestamp
/// (<c>2026-12-01T23:30:00+01:00</c> is 1 December), in the invariant culture, so neither the host's culture nor
/// a conversion between offsets moves the day. The generated models' date converter and
/// <see cref="CoverDecisionConverter"/> both read dates through it, so a date reads the same on every path.
/// </summary>
internal static class LenientDateReader
{
    /// <summary>The date at the reader as midnight UTC; an empty string is the default value (no date).</summary>
    /// <exception cref="JsonException">The token is not a string or not a date.</exception>
    public static DateTimeOffset Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A date must be a string, not " + reader.TokenType + ".");
        }

        if (Utf8DateParser.TryGetPlainValue(ref reader, out var bytes))
        {
            if (bytes.IsEmpty)
            {
                return default;
            }

            if (Utf8DateParser.TryParseDate(bytes, out var regular))
            {
                return regular;
            }
        }

        // Escaped, padded or unusual forms: the string parser decides.
        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        text = text!.Trim();
        if (text.Length >= 10
            && DateTime.TryParseExact(text.Substring(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date, TimeSpan.Zero);
        }

        throw new JsonException("'" + (text.Length > 40 ? text.Substring(0, 40) : text) + "' is not a date (yyyy-MM-dd).");
    }

    /// <summary>The date at the reader; null for a JSON null, an empty string or the default value.</summary>
    public static CoverDate? ReadCoverDate(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return CoverMapper.Date(Read(ref reader));
    }
}
