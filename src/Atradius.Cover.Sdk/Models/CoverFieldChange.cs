namespace Atradius.Cover.Sdk;

/// <summary>One field of a cover that changed from one version to the next, as text a screen can show.</summary>
public sealed class CoverFieldChange
{
    /// <summary>Creates a change.</summary>
    /// <param name="field">The changed field, named after the <see cref="CoverDecision"/> property, for example <c>TotalDecision.Amount</c>.</param>
    /// <param name="oldValue">The value before, or null when there was none.</param>
    /// <param name="newValue">The value after, or null when there is none.</param>
    public CoverFieldChange(string field, string? oldValue, string? newValue)
    {
        Field = field ?? throw new ArgumentNullException(nameof(field));
        OldValue = oldValue;
        NewValue = newValue;
    }

    /// <summary>The changed field, named after the <see cref="CoverDecision"/> property, for example <c>TotalDecision.Amount</c>.</summary>
    public string Field { get; }

    /// <summary>The value before, or null when there was none.</summary>
    public string? OldValue { get; }

    /// <summary>The value after, or null when there is none.</summary>
    public string? NewValue { get; }

    /// <summary>The change as <c>Field: old -&gt; new</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Field + ": " + (OldValue ?? "(none)") + " -> " + (NewValue ?? "(none)");
}
