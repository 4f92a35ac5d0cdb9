namespace Atradius.Cover.Sdk;

/// <summary>
/// An application for cover on a buyer the customer has no cover with yet: a credit limit, a credit check
/// (its amount is fixed by the policy, so leave <see cref="CreditLimitAmount"/> null) or an indication.
/// </summary>
public sealed class CoverApplication
{
    /// <summary>The customer (policy holder).</summary>
    public long CustomerId { get; set; }

    /// <summary>The policy the cover is under.</summary>
    public string? PolicyId { get; set; }

    /// <summary>The Atradius Buyer ID (see <see cref="BuyersClient.SearchAsync"/>).</summary>
    public long BuyerId { get; set; }

    /// <summary>Credit limit (the default), credit check or indication.</summary>
    public CoverType CoverType { get; set; } = CoverType.CreditLimit;

    /// <summary>The amount applied for, a positive multiple of 1000; null for a credit check.</summary>
    public decimal? CreditLimitAmount { get; set; }

    /// <summary>Currency of the amount, ISO 4217 (for example <c>EUR</c>); must be the policy's currency.</summary>
    public string? CurrencyCode { get; set; }

    /// <summary>The date the cover starts, today or later; today when null.</summary>
    public CoverDate? EffectFromDate { get; set; }

    /// <summary>The customer's own reference for the buyer, at most 35 characters.</summary>
    public string? CustomerReference { get; set; }

    /// <summary>
    /// The idempotency key of this submission. Leave it null to have one generated for this call; set it (and keep
    /// it) to retry a submission whose outcome you did not see without applying twice.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>A correlation id for this call, to find it in logs on both sides; created by the service when null.</summary>
    public string? CorrelationId { get; set; }
}
