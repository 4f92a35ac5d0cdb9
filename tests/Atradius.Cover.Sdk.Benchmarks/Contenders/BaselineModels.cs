using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

// What a team writing its own client against the contract would write: plain transfer objects of the
// contract's schemas, read through a source-generated context, with the converters the real service's
// irregular amounts and ratings force on anyone (number, "50000" or "").

/// <summary>The contract's <c>CoverListResponse</c> (and the decided list the read-back reads).</summary>
public sealed class CoverListDto
{
    public List<CoverDto> Data { get; set; } = [];
}

/// <summary>The contract's <c>Cover</c>.</summary>
public sealed class CoverDto
{
    public long CoverId { get; set; }

    public long CustomerId { get; set; }

    public string? PolicyId { get; set; }

    public long BuyerId { get; set; }

    public string? BuyerName { get; set; }

    public List<UniqueIdentifierDto>? UniqueIdentifiers { get; set; }

    public string? CoverType { get; set; }

    public string? CoverStatus { get; set; }

    public string? DecisionCode { get; set; }

    public string? DecisionTypeDescription { get; set; }

    public string? HistoricCode { get; set; }

    public string? PendingProcessIndicator { get; set; }

    public string? PendingProcessStatus { get; set; }

    public string? PolicyCurrencyCode { get; set; }

    [JsonConverter(typeof(LenientAmountConverter))]
    public decimal? CreditLimitApplicationAmountInPolicyCurrency { get; set; }

    [JsonConverter(typeof(LenientAmountConverter))]
    public decimal? CreditLimitApplicationAmountInUserCurrency { get; set; }

    public DecisionDto? TotalDecision { get; set; }

    public DecisionDto? FirstAmtDecision { get; set; }

    public DecisionDto? SecondAmtDecision { get; set; }

    public DateTimeOffset? ApplicationDate { get; set; }

    public DateTimeOffset? DecisionDate { get; set; }

    public DateOnly? EffectFromDate { get; set; }

    public DateOnly? EffectiveToDate { get; set; }

    public DateOnly? WithdrawalDate { get; set; }

    public string? CustomerRefNumber { get; set; }

    public string? Notes { get; set; }

    [JsonConverter(typeof(LenientRatingConverter))]
    public int? CurrentBuyerRating { get; set; }
}

/// <summary>The contract's <c>UniqueIdentifier</c>.</summary>
public sealed class UniqueIdentifierDto
{
    public string? Uid { get; set; }

    public string? UidType { get; set; }

    public string? UidTypeDescription { get; set; }
}

/// <summary>The contract's <c>Decision</c>.</summary>
public sealed class DecisionDto
{
    [JsonConverter(typeof(LenientAmountConverter))]
    public decimal? DecisionAmtInPolicyCurrency { get; set; }

    [JsonConverter(typeof(LenientAmountConverter))]
    public decimal? DecisionAmtInUserCurrency { get; set; }

    public DateOnly? DecisionExpiryDate { get; set; }

    public List<DecisionConditionDto>? DecisionConditions { get; set; }
}

/// <summary>The contract's <c>DecisionCondition</c>.</summary>
public sealed class DecisionConditionDto
{
    public string? ConditionCode { get; set; }

    public string? ConditionType { get; set; }

    public string? ConditionDescription { get; set; }

    public string? ConditionCategoryDescription { get; set; }
}

/// <summary>The body of POST /covers.</summary>
public sealed class CoverApplicationDto
{
    public long CustomerId { get; set; }

    public string PolicyId { get; set; } = "";

    public long BuyerId { get; set; }

    public string CoverType { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? CreditLimitAmount { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CurrencyCode { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EffectFromDate { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomerRefNumber { get; set; }
}

/// <summary>The answer of POST and PUT /covers: <c>{data:[{coverId,response}]}</c>.</summary>
public sealed class ActionListDto
{
    public List<ActionResultDto> Data { get; set; } = [];
}

/// <summary>One action result.</summary>
public sealed class ActionResultDto
{
    public long CoverId { get; set; }

    public string? Response { get; set; }
}

/// <summary>The token answer: <c>{data:{access_token,token_type,expires_in}}</c>.</summary>
public sealed class TokenResponseDto
{
    public TokenDto? Data { get; set; }
}

/// <summary>The token.</summary>
public sealed class TokenDto
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }
}

/// <summary>An amount sent as a number, as a string holding one, or as "" (no amount).</summary>
public sealed class LenientAmountConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.ValueSpan.IsEmpty => null,
            JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out decimal value, out var used) && used == reader.ValueSpan.Length => value,
            JsonTokenType.String => decimal.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new JsonException("An amount must be a number or a string."),
        };

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

/// <summary>A rating sent as a number or as a string holding one.</summary>
public sealed class LenientRatingConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt32(),
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.ValueSpan.IsEmpty => null,
            JsonTokenType.String when !reader.HasValueSequence && Utf8Parser.TryParse(reader.ValueSpan, out int value, out var used) && used == reader.ValueSpan.Length => value,
            _ => throw new JsonException("A rating must be a number or a string holding one."),
        };

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } rating)
        {
            writer.WriteNumberValue(rating);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Source-generated metadata for the baseline: no reflection at run time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CoverListDto))]
[JsonSerializable(typeof(CoverApplicationDto))]
[JsonSerializable(typeof(ActionListDto))]
[JsonSerializable(typeof(TokenResponseDto))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
