namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Covers as the service lists them, for the fake source.</summary>
internal static class Covers
{
    public static CoverDecision Decided(long coverId, long buyerId, decimal amount, string code = "DC01", string? pending = null, string? reference = null, string? historic = null, string currency = "EUR", params string[] conditions) =>
        CoverModelFactory.CoverDecision(
            coverId: coverId,
            customerId: 200417,
            policyId: "5012345",
            buyerId: buyerId,
            status: CoverStatus.Decision,
            code: new DecisionCode(code),
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            pendingProcess: pending is null ? (PendingProcessIndicator?)null : new PendingProcessIndicator(pending),
            applicationAmount: new Money(amount, currency),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, currency), conditions: conditions.Select(c => CoverModelFactory.DecisionCondition(c))),
            decisionDate: Portfolios.T0,
            customerReference: reference);

    public static CoverDecision Referred(long coverId, long buyerId, decimal amount) =>
        CoverModelFactory.CoverDecision(
            coverId: coverId,
            customerId: 200417,
            policyId: "5012345",
            buyerId: buyerId,
            status: CoverStatus.Referred,
            applicationAmount: new Money(amount, "EUR"),
            applicationDate: Portfolios.T0);
}
