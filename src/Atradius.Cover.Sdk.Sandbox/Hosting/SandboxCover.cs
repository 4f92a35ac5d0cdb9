namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>A cover version as the sandbox holds it, for tests that compare a client's copy with the truth.</summary>
/// <param name="CoverId">Id of the cover.</param>
/// <param name="CustomerId">The customer (policy holder).</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="BuyerId">The Atradius Buyer ID.</param>
/// <param name="CoverType"><c>credit-limit</c>, <c>credit-check</c> or <c>indication</c>.</param>
/// <param name="CoverStatus"><c>DECISION</c> or <c>REFERRED</c>.</param>
/// <param name="DecisionCode">Latest decision code, e.g. <c>DC01</c>; null while referred for the first time.</param>
/// <param name="HistoricCode">Why the version is no longer current (e.g. <c>CCLD</c>), or null while it is.</param>
/// <param name="PendingProcessIndicator">A pending process such as <c>W</c> (pending withdrawal), or null.</param>
/// <param name="ApplicationAmount">Amount applied for, in the policy currency (the policy's fixed amount for a credit check).</param>
/// <param name="DecisionAmount">Amount of the current decision; null when there is none yet, 0 for a refusal.</param>
/// <param name="CurrencyCode">Currency of the policy.</param>
/// <param name="CustomerRefNumber">The customer's own reference.</param>
/// <param name="WithdrawalDate">Date a notified reduction or withdrawal takes effect.</param>
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
    decimal? ApplicationAmount,
    decimal? DecisionAmount,
    string CurrencyCode,
    string? CustomerRefNumber,
    DateOnly? WithdrawalDate)
{
    /// <summary>True while the version is in the portfolio (<c>GET /covers</c>), false once historic.</summary>
    public bool IsCurrent => HistoricCode is null;

    internal static SandboxCover From(Contract.CoverRecord c) => new(
        c.CoverId, c.CustomerId, c.PolicyId, c.BuyerId, c.CoverType, c.CoverStatus, c.DecisionCode, c.HistoricCode, c.PendingProcessIndicator,
        c.ApplicationAmount, c.TotalDecision?.Amount, c.PolicyCurrencyCode, c.CustomerRefNumber, c.WithdrawalDate);
}
