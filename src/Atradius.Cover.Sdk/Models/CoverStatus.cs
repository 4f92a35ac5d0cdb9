namespace Atradius.Cover.Sdk;

/// <summary>
/// Where a cover stands: decided, or referred to an underwriter and waiting for a decision.
/// </summary>
/// <remarks>
/// The service may add values at any time: a value this version of the SDK does not know is kept as it
/// was received (see <see cref="ToString"/>) instead of failing, so a newer service never breaks an older client.
/// </remarks>
public readonly struct CoverStatus : IEquatable<CoverStatus>
{
    private readonly string? _value;

    /// <summary>Creates a CoverStatus from the code the service uses.</summary>
    /// <param name="value">The code, for example <c>DECISION</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public CoverStatus(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A cover status must not be empty.", nameof(value));
        }

        // Blanks around a code are no part of it: a padded "REFERRED " is still REFERRED, not an unknown code.
        _value = value.Trim();
    }

    /// <summary><c>DECISION</c>: Decided.</summary>
    public static CoverStatus Decision { get; } = new("DECISION");

    /// <summary><c>REFERRED</c>: Referred to an underwriter; waiting for a decision.</summary>
    public static CoverStatus Referred { get; } = new("REFERRED");


    /// <summary>The code as the service sends it, without blanks around it (an empty string for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is one of the values this version of the SDK knows.</summary>
    public bool IsKnown => Describe(_value) is not null;

    /// <summary>What the code means, in words; for a code this SDK does not know, the code itself.</summary>
    public string Description => Describe(_value) ?? Value;

    /// <summary>Whether the cover has a decision.</summary>
    public bool IsDecided => string.Equals(_value, "DECISION", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the application waits for an underwriter's decision.</summary>
    public bool IsReferred => string.Equals(_value, "REFERRED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two values are the same code (codes compare case-insensitively).</summary>
    public static bool operator ==(CoverStatus left, CoverStatus right) => left.Equals(right);

    /// <summary>Whether two values are different codes.</summary>
    public static bool operator !=(CoverStatus left, CoverStatus right) => !left.Equals(right);

    /// <summary>Converts a code to a <see cref="CoverStatus"/>.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator CoverStatus(string value) => new(value);

    /// <summary>Converts a code to a <see cref="CoverStatus"/>.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The value.</returns>
    public static CoverStatus FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(CoverStatus other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CoverStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The code as the service sends it.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Value;

    private static string? Describe(string? value)
    {
        switch (value?.ToUpperInvariant())
        {
            case "DECISION":
                return "Decided.";
            case "REFERRED":
                return "Referred to an underwriter; waiting for a decision.";
            default:
                return null;
        }
    }
}
