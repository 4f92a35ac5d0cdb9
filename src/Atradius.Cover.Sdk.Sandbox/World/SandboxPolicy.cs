namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>A credit insurance policy of the seeded world.</summary>
/// <param name="PolicyId">The policy id.</param>
/// <param name="CustomerId">The customer (policy holder) the policy belongs to.</param>
/// <param name="CurrencyCode">The policy's currency; applications in another currency are refused.</param>
/// <param name="CreditCheckAmount">The amount a credit check under this policy covers when it says yes.</param>
/// <param name="Status">The policy status on the day the world was made: <c>live</c> while in force, <c>expired</c> after. A live policy expires once the sandbox clock passes <paramref name="ExpiryDate"/>.</param>
/// <param name="StartDate">First day of the policy.</param>
/// <param name="ExpiryDate">Last day of the policy.</param>
public sealed record SandboxPolicy(string PolicyId, long CustomerId, string CurrencyCode, decimal CreditCheckAmount, string Status, DateOnly StartDate, DateOnly ExpiryDate)
{
    /// <summary>
    /// True when the policy was in force on the day the world was made. Only a policy live by the sandbox clock takes new
    /// applications: once the clock has passed <see cref="ExpiryDate"/>, see <see cref="IsLiveOn"/>.
    /// </summary>
    public bool IsLive => Status == "live";

    /// <summary>The status on <paramref name="day"/>: a live policy is expired from the day after its expiry date.</summary>
    internal string StatusOn(DateOnly day) => IsLive && day > ExpiryDate ? "expired" : Status;

    /// <summary>True while the policy is in force on <paramref name="day"/>: live when the world was made, and not past its expiry date.</summary>
    /// <param name="day">The day, by the sandbox clock (<c>DateOnly.FromDateTime(sandbox.Clock.GetUtcNow().UtcDateTime)</c>).</param>
    /// <returns>Whether the policy takes new applications on that day.</returns>
    public bool IsLiveOn(DateOnly day) => StatusOn(day) == "live";
}
