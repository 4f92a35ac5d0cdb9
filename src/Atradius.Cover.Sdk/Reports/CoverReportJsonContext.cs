using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>Source-generated (trim-safe) JSON for reports: camelCase, enums as strings, indented.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true, Converters = new[] { typeof(CoverReportDateConverter) })]
[JsonSerializable(typeof(CoverPortfolioReport))]
internal sealed partial class CoverReportJsonContext : JsonSerializerContext
{
}
