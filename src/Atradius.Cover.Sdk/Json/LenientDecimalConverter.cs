using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads an amount the way the real service sends it: a number, a string holding a number (<c>"50000"</c>) or an
/// empty string, which means "no amount" and reads as null. <c>AllowReadingFromString</c> alone would refuse
/// the empty string.
/// </summary>
internal sealed class LenientDecimalConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary>Reads the value at the reader; <see cref="CoverDecisionConverter"/> reads its members through it too.</summary>
    public static decimal? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String:
                var text = LenientNumbers.Text(ref reader);
                if (text.IsEmpty)
                {
                    return null;
                }

                if (Utf8Parser.TryParse(text, out decimal value, out var used) && used == text.Length)
                {
                    return value;
                }

                throw new JsonException("An amount must be a number; '" + LenientNumbers.Show(text) + "' is not one.");
            default:
                throw new JsonException("An amount must be a number or a string, not " + reader.TokenType + ".");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } amount)
        {
            writer.WriteNumberValue(amount);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
