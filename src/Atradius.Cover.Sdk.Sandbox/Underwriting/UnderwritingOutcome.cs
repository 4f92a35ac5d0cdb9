using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.Underwriting;

/// <summary>What an underwriter (automatic or human) decided on one application.</summary>
internal sealed record UnderwritingOutcome(string DecisionCode, DecisionRecord Total, DecisionRecord? First, DecisionRecord? Second, string? Notes)
{
    public bool IsRefusal => Total.Amount is null or 0;

    /// <summary>A preliminary decision (DC06, DC07): a final one follows.</summary>
    public bool IsPreliminary => DecisionCode is "DC06" or "DC07";
}
