namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>
/// One cover version as the sandbox holds it. Immutable, so a list can be written outside the store's
/// lock; how it looks on the wire (numbers or strings, offsets) is decided only when it is written.
/// </summary>
internal sealed record CoverRecord
{
    public long CoverId { get; init; }
    public long CustomerId { get; init; }
    public string PolicyId { get; init; } = "";
    public long BuyerId { get; init; }
    public string BuyerName { get; init; } = "";
    public string CoverType { get; init; } = CoverTypes.CreditLimit;
    public string CoverStatus { get; init; } = CoverStatuses.Decision;
    public string? DecisionCode { get; init; }
    public string? HistoricCode { get; init; }
    public string? PendingProcessIndicator { get; init; }
    public string? PendingProcessStatus { get; init; }
    public string PolicyCurrencyCode { get; init; } = "EUR";
    public decimal? ApplicationAmount { get; init; }
    public DecisionRecord? TotalDecision { get; init; }
    public DecisionRecord? FirstAmtDecision { get; init; }
    public DecisionRecord? SecondAmtDecision { get; init; }
    public DateTimeOffset ApplicationDate { get; init; }
    public DateTimeOffset? DecisionDate { get; init; }
    public DateOnly EffectFromDate { get; init; }
    public DateOnly? EffectiveToDate { get; init; }
    public DateOnly? WithdrawalDate { get; init; }
    public string? CustomerRefNumber { get; init; }
    public string? Notes { get; init; }

    /// <summary>When this version last changed: what <c>fromDate</c> filters on. Never sent.</summary>
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>The cover a referred supersede would replace once approved. Never sent.</summary>
    public long? Supersedes { get; init; }

    /// <summary>Raised by every change, so a scheduled event can tell it still applies. Never sent.</summary>
    public long Revision { get; init; }

    public bool IsReferred => CoverStatus == CoverStatuses.Referred;

    /// <summary>
    /// Whether the application still waits for its final decision: referred, or decided only preliminarily (DC06, DC07),
    /// whose final decision follows. Such a cover holds its key even at amount 0, and takes no reduction or insurer's
    /// notice: replaced by either, it would never get its final decision.
    /// </summary>
    public bool IsPending => IsReferred || DecisionCode is "DC06" or "DC07";

    /// <summary>Whether the cover keeps a new application (or a conversion) off its key: it waits for its final decision, or holds cover.</summary>
    public bool HoldsKey => IsPending || DecidedAmount > 0;

    public decimal DecidedAmount => TotalDecision?.Amount ?? 0m;
}

/// <summary>A decision amount with its expiry and conditions.</summary>
internal sealed record DecisionRecord(decimal? Amount, DateOnly? ExpiryDate, IReadOnlyList<ConditionRecord> Conditions);

/// <summary>A condition or comment on a decision.</summary>
internal sealed record ConditionRecord(string ConditionCode, string ConditionType, string ConditionDescription, string ConditionCategoryDescription);
