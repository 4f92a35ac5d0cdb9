namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>A cover as the sandbox holds it, for tests that compare a client's copy with the truth.</summary>
/// <param name="CoverId">Id of the cover.</param>
/// <param name="CustomerId">The customer (policy holder).</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="BuyerId">The Atradius Buyer ID.</param>
/// <param name="CoverType"><c>credit-limit</c>, <c>credit-check</c> or <c>indication</c>.</param>
/// <param name="CoverStatus"><c>DECISION</c> or <c>REFERRED</c>.</param>
/// <param name="DecisionCode">Latest decision code, e.g. <c>DC01</c>; null while referred for the first time.</param>
/// <param name="HistoricCode">Why the cover is no longer current (e.g. <c>CCLD</c>), or null while it is.</param>
/// <param name="PendingProcessIndicator">A pending process such as <c>F</c> (future withdrawal), or null.</param>
/// <param name="CreditLimitApplicationAmount">Amount of the latest application; null for a credit check.</param>
/// <param name="DecisionAmount">Amount of the current decision; null when there is none yet, 0 for a refusal.</param>
/// <param name="CurrencyCode">Currency of the cover.</param>
/// <param name="CustomerRefNumber">The customer's own reference.</param>
/// <param name="WithdrawalDate">Date a notified reduction or withdrawal takes effect.</param>
/// <param name="Version">Version, raised by every change.</param>
/// <param name="UpdatedAt">When the cover last changed.</param>
public sealed record SandboxCover(
    long CoverId,
    long CustomerId,
    string PolicyId,
    long BuyerId,
    string CoverType,
    string CoverStatus,
    string? DecisionCode,
    string? HistoricCode,
    string? PendingProcessIndicator,
    decimal? CreditLimitApplicationAmount,
    decimal? DecisionAmount,
    string? CurrencyCode,
    string? CustomerRefNumber,
    DateOnly? WithdrawalDate,
    int Version,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The <c>ETag</c> the API sends for this version: <c>"{CoverId}-{Version}"</c>.</summary>
    public string ETag => $"\"{CoverId}-{Version}\"";

    /// <summary>True while the cover is in the portfolio (<c>GET /covers</c>), i.e. not historic.</summary>
    public bool IsCurrent => HistoricCode is null;

    internal static SandboxCover From(Contract.CoverDto c) => new(
        c.CoverId, c.CustomerId, c.PolicyId, c.BuyerId, c.CoverType, c.CoverStatus, c.DecisionCode, c.HistoricCode, c.PendingProcessIndicator,
        c.CreditLimitApplicationAmount, c.TotalDecision?.DecisionAmount, c.CurrencyCode, c.CustomerRefNumber, c.WithdrawalDate, c.Version, c.UpdatedAt);
}
