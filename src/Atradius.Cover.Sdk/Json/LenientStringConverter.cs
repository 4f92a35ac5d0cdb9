using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads a text member sent as a string or as a number (its digits as written). Ids and references the service
/// holds as text look like numbers (policy <c>5012345</c>, SIREN <c>552100554</c>, a customer reference), and
/// whether every answer quotes them is not known: a bare number must not make a whole list unreadable. It reads
/// every text member of the generated models, and the ids and references of <see cref="CoverDecisionConverter"/>
/// (whose codes stay strict).
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary>Reads the value at the reader; <see cref="CoverDecisionConverter"/> reads its text members through it too.</summary>
    public static string? ReadValue(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
            _ => throw new JsonException("A text member must be a string, not " + reader.TokenType + "."),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
