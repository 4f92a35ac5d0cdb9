using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads a timestamp with any offset (<c>Z</c>, <c>+01:00</c>), without one (read as UTC) or as a bare date
/// (midnight UTC); fractions of a second finer than a tick (8 or 9 digits) are dropped; an empty string is null.
/// Anything else is a <see cref="JsonException"/>.
/// </summary>
internal sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary>Reads the value at the reader; <see cref="CoverDecisionConverter"/> reads its members through it too.</summary>
    public static DateTimeOffset? ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A timestamp must be a string, not " + reader.TokenType + ".");
        }

        if (Utf8DateParser.TryGetPlainValue(ref reader, out var bytes))
        {
            if (bytes.IsEmpty)
            {
                return null;
            }

            if (Utf8DateParser.TryParseTimestamp(bytes, out var regular))
            {
                return regular;
            }
        }

        // Escaped, padded or unusual forms: the string parsers decide.
        var text = reader.GetString()?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
        {
            return value;
        }

        // Padded or escaped, a timestamp with 8 or 9 digits of fraction is refused by the string parsers but not by the byte parser.
        if (Utf8DateParser.TryParseTimestamp(System.Text.Encoding.UTF8.GetBytes(text), out var fine))
        {
            return fine;
        }

        throw new JsonException("'" + (text!.Length > 40 ? text.Substring(0, 40) : text) + "' is not a timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } timestamp)
        {
            writer.WriteStringValue(timestamp.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
