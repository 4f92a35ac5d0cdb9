using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>Reads a whole number (a rating) sent as a number, a string holding one, or an empty string (null).</summary>
internal sealed class LenientInt32Converter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary>Reads the value at the reader; <see cref="CoverDecisionConverter"/> reads its members through it too.</summary>
    public static int? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetInt32();
            case JsonTokenType.String:
                var text = LenientNumbers.Text(ref reader);
                if (text.IsEmpty)
                {
                    return null;
                }

                if (Utf8Parser.TryParse(text, out int value, out var used) && used == text.Length)
                {
                    return value;
                }

                throw new JsonException("A whole number was expected; '" + LenientNumbers.Show(text) + "' is not one.");
            default:
                throw new JsonException("A whole number must be a number or a string, not " + reader.TokenType + ".");
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
