namespace Atradius.Cover.Sdk;

/// <summary>A condition or comment attached to a decision, for example a maximum payment term.</summary>
public sealed class DecisionCondition
{
    internal DecisionCondition()
    {
    }

    /// <summary>Code of the condition, for example <c>PT60</c>.</summary>
    public string Code { get; internal init; } = string.Empty;

    /// <summary>Kind of condition, for example <c>PAYMENT_TERMS</c>, <c>SECURITY</c> or <c>COMMENT</c>.</summary>
    public string? Type { get; internal init; }

    /// <summary>The condition in words.</summary>
    public string? Description { get; internal init; }

    /// <summary>The code and description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Description is null ? Code : Code + ": " + Description;
}
