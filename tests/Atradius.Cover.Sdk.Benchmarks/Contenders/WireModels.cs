using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

// Hand-written models of the contract's Cover, CoverPage and CoverApplication, as a team writing its
// own client would: the baseline reads them through a source-generated context, Refit through its
// default System.Text.Json settings.

/// <summary>A cover as the contract's <c>Cover</c> schema describes it.</summary>
public sealed class CoverDto
{
    public long CoverId { get; set; }

    public long CustomerId { get; set; }

    public string PolicyId { get; set; } = "";

    public long BuyerId { get; set; }

    public string? BuyerName { get; set; }

    public string CoverType { get; set; } = "";

    public string CoverStatus { get; set; } = "";

    public string? DecisionCode { get; set; }

    public string? HistoricCode { get; set; }

    public string? PendingProcessIndicator { get; set; }

    public decimal? CreditLimitApplicationAmount { get; set; }

    public string? CurrencyCode { get; set; }

    public DecisionDto? TotalDecision { get; set; }

    public DecisionDto? FirstAmtDecision { get; set; }

    public DecisionDto? SecondAmtDecision { get; set; }

    public DateTimeOffset ApplicationDate { get; set; }

    public DateTimeOffset? DecisionDate { get; set; }

    public DateOnly? EffectFromDate { get; set; }

    public DateOnly? EffectiveToDate { get; set; }

    public DateOnly? WithdrawalDate { get; set; }

    public string? CustomerRefNumber { get; set; }

    public string? Notes { get; set; }

    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A decision amount with its terms.</summary>
public sealed class DecisionDto
{
    public decimal DecisionAmount { get; set; }

    public string CurrencyCode { get; set; } = "";

    public DateOnly? DecisionExpiryDate { get; set; }

    public List<DecisionConditionDto>? DecisionConditions { get; set; }
}

/// <summary>A condition attached to a decision.</summary>
public sealed class DecisionConditionDto
{
    public string ConditionCode { get; set; } = "";

    public string? ConditionType { get; set; }

    public string? ConditionDescription { get; set; }
}

/// <summary>A page of covers.</summary>
public sealed class CoverPageDto
{
    public List<CoverDto> Data { get; set; } = [];

    public PageMetaDto Meta { get; set; } = new();
}

/// <summary>Paging information.</summary>
public sealed class PageMetaDto
{
    public int PageSize { get; set; }

    public string? NextCursor { get; set; }
}

/// <summary>A new application for cover.</summary>
public sealed class CoverApplicationDto
{
    public long CustomerId { get; set; }

    public string PolicyId { get; set; } = "";

    public long BuyerId { get; set; }

    public string CoverType { get; set; } = "";

    public decimal? CreditLimitAmount { get; set; }

    public string CurrencyCode { get; set; } = "";

    public DateOnly? EffectFromDate { get; set; }

    public string? CustomerRefNumber { get; set; }
}

/// <summary>The OAuth 2.0 token answer.</summary>
public sealed class TokenResponseDto
{
    [JsonPropertyName("access_token")]
    public string AccessToken { get; set; } = "";

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }
}

/// <summary>Source-generated metadata: no reflection, no warm-up of converters per type.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CoverDto))]
[JsonSerializable(typeof(CoverPageDto))]
[JsonSerializable(typeof(CoverApplicationDto))]
[JsonSerializable(typeof(TokenResponseDto))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
