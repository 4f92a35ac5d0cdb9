using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>
/// Who applies for cover on whom: section <c>Atradius:QuickStart</c>. The defaults are the sandbox's well-known
/// customer, policy and buyers; against a real endpoint, set your own.
/// </summary>
public sealed class JourneySettings
{
    public long CustomerId { get; set; } = SandboxFixtures.EuroCustomerId;

    public string PolicyId { get; set; } = SandboxFixtures.EuroPolicyId;

    public string CurrencyCode { get; set; } = "EUR";

    /// <summary>A buyer automatic underwriting decides at once for <see cref="InstantAmount"/>.</summary>
    public string InstantBuyerCountryCode { get; set; } = "NLD";

    public string InstantBuyerVatNumber { get; set; } = SandboxFixtures.WellRatedDutchBuyerVat;

    public decimal InstantAmount { get; set; } = 50_000m;

    public decimal IncreasedAmount { get; set; } = 90_000m;

    public decimal ReducedAmount { get; set; } = 40_000m;

    /// <summary>A buyer on whom <see cref="ReferredAmount"/> goes to an underwriter.</summary>
    public string ReferredBuyerCountryCode { get; set; } = "GBR";

    public string ReferredBuyerVatNumber { get; set; } = SandboxFixtures.VeryGoodBritishBuyerVat;

    public decimal ReferredAmount { get; set; } = 250_000m;

    /// <summary>How long to wait for the underwriter before giving up.</summary>
    public TimeSpan DecisionTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
