namespace Atradius.Cover.Sdk;

/// <summary>A condition or comment attached to a decision, for example a maximum payment term.</summary>
public sealed class DecisionCondition
{
    internal DecisionCondition()
    {
    }

    /// <summary>Gets the code of the condition.</summary>
    public string Code { get; internal init; } = string.Empty;

    /// <summary>Gets the kind of condition, when sent.</summary>
    public string? Type { get; internal init; }

    /// <summary>Gets the condition in words, when sent.</summary>
    public string? Description { get; internal init; }

    /// <summary>Gets the condition's category in words, when sent.</summary>
    public string? CategoryDescription { get; internal init; }

    /// <summary>The code and description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Description is null ? Code : Code + ": " + Description;
}
