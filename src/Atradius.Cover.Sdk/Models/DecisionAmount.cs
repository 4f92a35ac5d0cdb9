namespace Atradius.Cover.Sdk;

/// <summary>An amount of cover decided by Atradius, in policy currency (and in user currency where sent), with its expiry and conditions.</summary>
public sealed class DecisionAmount
{
    private static readonly IReadOnlyList<DecisionCondition> NoConditions = Array.Empty<DecisionCondition>();

    internal DecisionAmount()
    {
    }

    /// <summary>Gets the amount in policy currency; null when the service sent none (or an empty string).</summary>
    public Money? Amount { get; internal init; }

    /// <summary>Gets the amount in the user's currency, when sent.</summary>
    public decimal? AmountInUserCurrency { get; internal init; }

    /// <summary>Gets the date the amount expires, if it does.</summary>
    public CoverDate? ExpiryDate { get; internal init; }

    /// <summary>Gets the conditions and comments attached to the decision (empty when there are none).</summary>
    public IReadOnlyList<DecisionCondition> Conditions { get; internal init; } = NoConditions;

    /// <summary>Gets whether the amount is 0, which is a refusal.</summary>
    public bool IsRefusal => Amount is { Amount: 0m };

    /// <summary>The amount and currency.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Amount?.ToString() ?? "(no amount)";
}
