using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>The contract's <c>Cover</c> schema; immutable so a page can be serialized outside the state lock.</summary>
internal sealed record CoverDto
{
    public long CoverId { get; init; }
    public long CustomerId { get; init; }
    public string PolicyId { get; init; } = "";
    public long BuyerId { get; init; }
    public string? BuyerName { get; init; }
    public string CoverType { get; init; } = CoverTypes.CreditLimit;
    public string CoverStatus { get; init; } = CoverStatuses.Decision;
    public string? DecisionCode { get; init; }
    public string? HistoricCode { get; init; }
    public string? PendingProcessIndicator { get; init; }
    public decimal? CreditLimitApplicationAmount { get; init; }
    public string? CurrencyCode { get; init; }
    public DecisionDto? TotalDecision { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DecisionDto? FirstAmtDecision { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DecisionDto? SecondAmtDecision { get; init; }

    public DateTimeOffset ApplicationDate { get; init; }
    public DateTimeOffset? DecisionDate { get; init; }
    public DateOnly? EffectFromDate { get; init; }
    public DateOnly? EffectiveToDate { get; init; }
    public DateOnly? WithdrawalDate { get; init; }
    public string? CustomerRefNumber { get; init; }
    public string? Notes { get; init; }
    public int Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The entity tag the contract derives from the version.</summary>
    [JsonIgnore]
    public string ETag => $"\"{CoverId}-{Version}\"";
}

/// <summary>The contract's <c>Decision</c> schema.</summary>
internal sealed record DecisionDto(
    decimal DecisionAmount,
    string CurrencyCode,
    DateOnly? DecisionExpiryDate,
    IReadOnlyList<DecisionConditionDto> DecisionConditions);

/// <summary>The contract's <c>DecisionCondition</c> schema.</summary>
internal sealed record DecisionConditionDto(string ConditionCode, string? ConditionType, string? ConditionDescription);

/// <summary>The contract's <c>CoverHistoryEntry</c> schema.</summary>
internal sealed record HistoryEntryDto(int Version, DateTimeOffset RecordedAt, string Event, CoverDto Cover);

/// <summary>The contract's <c>PageMeta</c> schema.</summary>
internal sealed record PageMetaDto(int PageSize, string? NextCursor);

/// <summary>The contract's <c>CoverPage</c> schema.</summary>
internal sealed record CoverPageDto(IReadOnlyList<CoverDto> Data, PageMetaDto Meta);

/// <summary>The contract's <c>CoverHistoryPage</c> schema.</summary>
internal sealed record HistoryPageDto(IReadOnlyList<HistoryEntryDto> Data, PageMetaDto Meta);

/// <summary>The contract's <c>Buyer</c> schema.</summary>
internal sealed record BuyerDto(
    long BuyerId,
    string BuyerName,
    string CountryCode,
    IReadOnlyList<UniqueIdentifierDto> UniqueIdentifiers,
    AddressDto Address,
    int? CurrentBuyerRating,
    string? CurrentBuyerRatingClass);

/// <summary>The contract's <c>UniqueIdentifier</c> schema.</summary>
internal sealed record UniqueIdentifierDto(string Uid, string UidType);

/// <summary>The contract's <c>Address</c> schema.</summary>
internal sealed record AddressDto(string? Street, string? City, string? PostCode, string? CountryCode);

/// <summary>The contract's <c>BuyerPage</c> schema.</summary>
internal sealed record BuyerPageDto(IReadOnlyList<BuyerDto> Data, PageMetaDto Meta);

/// <summary>The contract's <c>ErrorResponse</c> schema.</summary>
internal sealed record ErrorResponseDto(IReadOnlyList<ErrorDto> Errors);

/// <summary>The contract's <c>Error</c> schema.</summary>
internal sealed record ErrorDto(
    int Status,
    string Code,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorSourceDto? Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, long>? Meta);

/// <summary>The contract's <c>ErrorSource</c> schema.</summary>
internal sealed record ErrorSourceDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parameter,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pointer);

/// <summary>The contract's <c>OAuth2TokenResponse</c> schema.</summary>
internal sealed record OAuth2TokenResponseDto(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

/// <summary>The contract's <c>OAuth2Error</c> schema.</summary>
internal sealed record OAuth2ErrorDto(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

/// <summary>The contract's <c>AccessToken</c> schema.</summary>
internal sealed record AccessTokenDto(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>The contract's <c>AtradiusTokenResponse</c> schema.</summary>
internal sealed record AtradiusTokenResponseDto(AccessTokenDto Data);
