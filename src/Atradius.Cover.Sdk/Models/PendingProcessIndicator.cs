namespace Atradius.Cover.Sdk;

/// <summary>
/// A process pending on a cover (<c>pendingProcessIndicator</c>), such as a cancellation or a scheduled withdrawal.
/// </summary>
/// <remarks>
/// The service may add values at any time: a value this version of the SDK does not know is kept as it
/// was received (see <see cref="ToString"/>) instead of failing, so a newer service never breaks an older client.
/// </remarks>
public readonly struct PendingProcessIndicator : IEquatable<PendingProcessIndicator>
{
    private readonly string? _value;

    /// <summary>Creates a PendingProcessIndicator from the code the service uses.</summary>
    /// <param name="value">The code, for example <c>B</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public PendingProcessIndicator(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A pending process indicator must not be empty.", nameof(value));
        }

        // Blanks around a code are no part of it: a padded "REFERRED " is still REFERRED, not an unknown code.
        _value = value.Trim();
    }

    /// <summary><c>B</c>: Pending batch change of conditions.</summary>
    public static PendingProcessIndicator BatchConditionChange { get; } = new("B");

    /// <summary><c>C</c>: Pending cancellation (not yet cancelled).</summary>
    public static PendingProcessIndicator Cancellation { get; } = new("C");

    /// <summary><c>F</c>: Future withdrawal scheduled.</summary>
    public static PendingProcessIndicator FutureWithdrawal { get; } = new("F");

    /// <summary><c>P</c>: Future withdrawal postponed.</summary>
    public static PendingProcessIndicator WithdrawalPostponed { get; } = new("P");

    /// <summary><c>R</c>: Pending reactivation.</summary>
    public static PendingProcessIndicator Reactivation { get; } = new("R");

    /// <summary><c>T</c>: Pending transfer.</summary>
    public static PendingProcessIndicator Transfer { get; } = new("T");

    /// <summary><c>V</c>: Pending indication conversion.</summary>
    public static PendingProcessIndicator IndicationConversion { get; } = new("V");

    /// <summary><c>W</c>: Pending withdrawal.</summary>
    public static PendingProcessIndicator Withdrawal { get; } = new("W");


    /// <summary>The code as the service sends it, without blanks around it (an empty string for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is one of the values this version of the SDK knows.</summary>
    public bool IsKnown => Describe(_value) is not null;

    /// <summary>What the code means, in words; for a code this SDK does not know, the code itself.</summary>
    public string Description => Describe(_value) ?? Value;

    /// <summary>Whether a cancellation is pending: the cover is still in force until it is processed.</summary>
    public bool IsPendingCancellation => string.Equals(_value, "C", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a withdrawal is pending or scheduled (F, P, W).</summary>
    public bool IsPendingWithdrawal =>
        string.Equals(_value, "F", StringComparison.OrdinalIgnoreCase)
        || string.Equals(_value, "P", StringComparison.OrdinalIgnoreCase)
        || string.Equals(_value, "W", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two values are the same code (codes compare case-insensitively).</summary>
    public static bool operator ==(PendingProcessIndicator left, PendingProcessIndicator right) => left.Equals(right);

    /// <summary>Whether two values are different codes.</summary>
    public static bool operator !=(PendingProcessIndicator left, PendingProcessIndicator right) => !left.Equals(right);

    /// <summary>Converts a code to a <see cref="PendingProcessIndicator"/>.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator PendingProcessIndicator(string value) => new(value);

    /// <summary>Converts a code to a <see cref="PendingProcessIndicator"/>.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The value.</returns>
    public static PendingProcessIndicator FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(PendingProcessIndicator other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PendingProcessIndicator other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The code as the service sends it.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Value;

    private static string? Describe(string? value)
    {
        switch (value?.ToUpperInvariant())
        {
            case "B":
                return "Pending batch change of conditions.";
            case "C":
                return "Pending cancellation (not yet cancelled).";
            case "F":
                return "Future withdrawal scheduled.";
            case "P":
                return "Future withdrawal postponed.";
            case "R":
                return "Pending reactivation.";
            case "T":
                return "Pending transfer.";
            case "V":
                return "Pending indication conversion.";
            case "W":
                return "Pending withdrawal.";
            default:
                return null;
        }
    }
}
