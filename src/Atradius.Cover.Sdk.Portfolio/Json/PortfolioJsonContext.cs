using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Source-generated serialisation of what the portfolio stores as payloads (trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CoverSnapshot))]
[JsonSerializable(typeof(CoverPortfolioChange))]
[JsonSerializable(typeof(ChangeDetails))]
[JsonSerializable(typeof(BuyerRatingSnapshot))]
[JsonSerializable(typeof(BatchItemOutcome))]
[JsonSerializable(typeof(ReportRunRecord))]
internal sealed partial class PortfolioJsonContext : JsonSerializerContext
{
}
