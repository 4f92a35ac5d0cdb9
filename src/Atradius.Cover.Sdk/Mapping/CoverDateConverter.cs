using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads the contract's calendar dates (<c>yyyy-MM-dd</c>) straight from the UTF-8 bytes. The generated
/// converter it replaces made a string of every date and ran the general-purpose
/// <see cref="DateTimeOffset.Parse(string, IFormatProvider, DateTimeStyles)"/> on it, up to five times per cover.
/// Anything other than a plain date still goes through that parser, so what was accepted (or refused with a
/// <see cref="FormatException"/>) before is accepted (or refused) now, with the same value.
/// </summary>
internal sealed class CoverDateConverter : JsonConverter<DateTimeOffset>
{
    public static readonly CoverDateConverter Instance = new();

    /// <summary>The same for optional dates; System.Text.Json answers a JSON null itself.</summary>
    public static readonly JsonConverter<DateTimeOffset?> Nullable = new NullableDate();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && TryParseDate(reader.ValueSpan, out var date))
        {
            // The value the generated converter's parse gives a date without a time: midnight UTC.
            return new DateTimeOffset(date, TimeSpan.Zero);
        }

        var text = reader.GetString() ?? throw new JsonException("Unexpected JsonTokenType.Null");
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static bool TryParseDate(ReadOnlySpan<byte> s, out DateTime date)
    {
        date = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = s[i] - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private sealed class NullableDate : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Instance.Read(ref reader, typeof(DateTimeOffset), options);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is { } date)
            {
                Instance.Write(writer, date, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
