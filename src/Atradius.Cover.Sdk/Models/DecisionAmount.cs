namespace Atradius.Cover.Sdk;

/// <summary>An amount of cover decided by Atradius, with its expiry and conditions.</summary>
public sealed class DecisionAmount
{
    private static readonly IReadOnlyList<DecisionCondition> NoConditions = Array.Empty<DecisionCondition>();

    internal DecisionAmount()
    {
    }

    /// <summary>The amount of cover; an amount of 0 is a refusal.</summary>
    public Money Amount { get; internal init; }

    /// <summary>The date the amount expires, if it does.</summary>
    public CoverDate? ExpiryDate { get; internal init; }

    /// <summary>Conditions and comments attached to the decision (empty when there are none).</summary>
    public IReadOnlyList<DecisionCondition> Conditions { get; internal init; } = NoConditions;

    /// <summary>Whether the amount is 0, which is a refusal.</summary>
    public bool IsRefusal => Amount.Amount == 0m;

    /// <summary>The amount and currency.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Amount.ToString();
}
