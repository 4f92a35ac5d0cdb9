namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>A credit insurance policy of the seeded world.</summary>
/// <param name="PolicyId">The policy id.</param>
/// <param name="CustomerId">The customer (policy holder) the policy belongs to.</param>
/// <param name="CurrencyCode">The policy's currency; applications in another currency are refused.</param>
/// <param name="CreditCheckAmount">The amount a credit check under this policy covers when it says yes.</param>
/// <param name="Status">The policy status: <c>live</c> while in force, <c>expired</c> after.</param>
/// <param name="StartDate">First day of the policy.</param>
/// <param name="ExpiryDate">Last day of the policy.</param>
public sealed record SandboxPolicy(string PolicyId, long CustomerId, string CurrencyCode, decimal CreditCheckAmount, string Status, DateOnly StartDate, DateOnly ExpiryDate)
{
    /// <summary>True while the policy is in force; only a live policy takes new applications.</summary>
    public bool IsLive => Status == "live";
}
