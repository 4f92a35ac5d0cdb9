using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.Underwriting;

/// <summary>What an underwriter (automatic or human) decided on one application.</summary>
internal sealed record UnderwritingOutcome(string DecisionCode, DecisionDto Total, DecisionDto? First, DecisionDto? Second, string? Notes)
{
    public bool IsRefusal => Total.DecisionAmount == 0;
}
