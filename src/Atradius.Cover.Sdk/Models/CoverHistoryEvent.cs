namespace Atradius.Cover.Sdk;

/// <summary>
/// What made a version of a cover: a submission, a decision, a change by the customer or by the insurer.
/// </summary>
/// <remarks>
/// The service may add values at any time: a value this version of the SDK does not know is kept as it
/// was received (see <see cref="ToString"/>) instead of failing, so a newer service never breaks an older client.
/// </remarks>
public readonly struct CoverHistoryEvent : IEquatable<CoverHistoryEvent>
{
    private readonly string? _value;

    /// <summary>Creates a CoverHistoryEvent from the code the service uses.</summary>
    /// <param name="value">The code, for example <c>application-submitted</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public CoverHistoryEvent(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A history event must not be empty.", nameof(value));
        }

        _value = value;
    }

    /// <summary><c>application-submitted</c>: The application was submitted.</summary>
    public static CoverHistoryEvent ApplicationSubmitted { get; } = new("application-submitted");

    /// <summary><c>decided</c>: A decision was taken.</summary>
    public static CoverHistoryEvent Decided { get; } = new("decided");

    /// <summary><c>superseded</c>: A new amount was applied for, superseding the decision.</summary>
    public static CoverHistoryEvent Superseded { get; } = new("superseded");

    /// <summary><c>reduced</c>: The cover was reduced.</summary>
    public static CoverHistoryEvent Reduced { get; } = new("reduced");

    /// <summary><c>cancelled</c>: The cover was cancelled.</summary>
    public static CoverHistoryEvent Cancelled { get; } = new("cancelled");

    /// <summary><c>reference-updated</c>: The customer reference was changed.</summary>
    public static CoverHistoryEvent ReferenceUpdated { get; } = new("reference-updated");

    /// <summary><c>converted</c>: The indication was converted to a credit limit.</summary>
    public static CoverHistoryEvent Converted { get; } = new("converted");

    /// <summary><c>reduction-notified</c>: The insurer notified a reduction.</summary>
    public static CoverHistoryEvent ReductionNotified { get; } = new("reduction-notified");

    /// <summary><c>withdrawal-notified</c>: The insurer notified a withdrawal.</summary>
    public static CoverHistoryEvent WithdrawalNotified { get; } = new("withdrawal-notified");

    /// <summary><c>reduction-effective</c>: A notified reduction took effect.</summary>
    public static CoverHistoryEvent ReductionEffective { get; } = new("reduction-effective");

    /// <summary><c>withdrawal-effective</c>: A notified withdrawal took effect.</summary>
    public static CoverHistoryEvent WithdrawalEffective { get; } = new("withdrawal-effective");


    /// <summary>The code as the service sends it (an empty string for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is one of the values this version of the SDK knows.</summary>
    public bool IsKnown => Describe(_value) is not null;

    /// <summary>What the code means, in words; for a code this SDK does not know, the code itself.</summary>
    public string Description => Describe(_value) ?? Value;

    /// <summary>Whether two values are the same code (codes compare case-insensitively).</summary>
    public static bool operator ==(CoverHistoryEvent left, CoverHistoryEvent right) => left.Equals(right);

    /// <summary>Whether two values are different codes.</summary>
    public static bool operator !=(CoverHistoryEvent left, CoverHistoryEvent right) => !left.Equals(right);

    /// <summary>Converts a code to a <see cref="CoverHistoryEvent"/>.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator CoverHistoryEvent(string value) => new(value);

    /// <summary>Converts a code to a <see cref="CoverHistoryEvent"/>.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The value.</returns>
    public static CoverHistoryEvent FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(CoverHistoryEvent other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CoverHistoryEvent other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The code as the service sends it.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Value;

    private static string? Describe(string? value)
    {
        switch (value?.ToUpperInvariant())
        {
            case "APPLICATION-SUBMITTED":
                return "The application was submitted.";
            case "DECIDED":
                return "A decision was taken.";
            case "SUPERSEDED":
                return "A new amount was applied for, superseding the decision.";
            case "REDUCED":
                return "The cover was reduced.";
            case "CANCELLED":
                return "The cover was cancelled.";
            case "REFERENCE-UPDATED":
                return "The customer reference was changed.";
            case "CONVERTED":
                return "The indication was converted to a credit limit.";
            case "REDUCTION-NOTIFIED":
                return "The insurer notified a reduction.";
            case "WITHDRAWAL-NOTIFIED":
                return "The insurer notified a withdrawal.";
            case "REDUCTION-EFFECTIVE":
                return "A notified reduction took effect.";
            case "WITHDRAWAL-EFFECTIVE":
                return "A notified withdrawal took effect.";
            default:
                return null;
        }
    }
}
