using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>Reads an id sent as a number, a string holding one, or an empty string (null).</summary>
internal sealed class LenientInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary>Reads the value at the reader; <see cref="CoverDecisionConverter"/> reads its members through it too.</summary>
    public static long? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetInt64();
            case JsonTokenType.String:
                var text = LenientNumbers.Text(ref reader);
                if (text.IsEmpty)
                {
                    return null;
                }

                if (Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length)
                {
                    return value;
                }

                throw new JsonException("An id must be a whole number; '" + LenientNumbers.Show(text) + "' is not one.");
            default:
                throw new JsonException("An id must be a number or a string, not " + reader.TokenType + ".");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
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
