using System.Text.Json.Serialization;
using Atradius.Cover.Sdk.Sandbox.Endpoints;
using Atradius.Cover.Sdk.Sandbox.Persistence;

namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>Source-generated serialization: no reflection on the hot path of large pages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(CoverDto))]
[JsonSerializable(typeof(CoverPageDto))]
[JsonSerializable(typeof(HistoryPageDto))]
[JsonSerializable(typeof(BuyerDto))]
[JsonSerializable(typeof(BuyerPageDto))]
[JsonSerializable(typeof(ErrorResponseDto))]
[JsonSerializable(typeof(OAuth2TokenResponseDto))]
[JsonSerializable(typeof(OAuth2ErrorDto))]
[JsonSerializable(typeof(AtradiusTokenResponseDto))]
[JsonSerializable(typeof(PersistedState))]
[JsonSerializable(typeof(AdminFaultsDto))]
[JsonSerializable(typeof(AdminStatisticsDto))]
[JsonSerializable(typeof(AdminClockDto))]
[JsonSerializable(typeof(AdminCountDto))]
[JsonSerializable(typeof(AdminIdempotencyDto))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
