using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Writes a <see cref="CoverDate"/> in a JSON report as the service and the other formats write it (<c>yyyy-MM-dd</c>),
/// not as an object of its parts.
/// </summary>
internal sealed class CoverReportDateConverter : JsonConverter<CoverDate>
{
    public override CoverDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CoverDate.TryParse(reader.GetString(), out var date) ? date : throw new JsonException("A date is written yyyy-MM-dd.");

    public override void Write(Utf8JsonWriter writer, CoverDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
