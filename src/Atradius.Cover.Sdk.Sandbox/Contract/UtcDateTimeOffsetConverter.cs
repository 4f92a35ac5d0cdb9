using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>Writes instants in UTC with a <c>Z</c>, as the contract's examples do; reads any ISO 8601 offset.</summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value.UtcDateTime);
}
