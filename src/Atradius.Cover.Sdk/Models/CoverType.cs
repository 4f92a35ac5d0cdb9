namespace Atradius.Cover.Sdk;

/// <summary>
/// The kind of cover: a credit limit, a credit check or an indication.
/// </summary>
/// <remarks>
/// The service may add values at any time: a value this version of the SDK does not know is kept as it
/// was received (see <see cref="ToString"/>) instead of failing, so a newer service never breaks an older client.
/// </remarks>
public readonly struct CoverType : IEquatable<CoverType>
{
    private readonly string? _value;

    /// <summary>Creates a CoverType from the code the service uses.</summary>
    /// <param name="value">The code, for example <c>credit-limit</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public CoverType(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A cover type must not be empty.", nameof(value));
        }

        // Blanks around a code are no part of it: a padded "REFERRED " is still REFERRED, not an unknown code.
        _value = value.Trim();
    }

    /// <summary><c>credit-limit</c>: A credit limit decision on the buyer.</summary>
    public static CoverType CreditLimit { get; } = new("credit-limit");

    /// <summary><c>credit-check</c>: An instant yes or no at the amount the policy fixes.</summary>
    public static CoverType CreditCheck { get; } = new("credit-check");

    /// <summary><c>indication</c>: The amount Atradius would cover if the business were insured.</summary>
    public static CoverType Indication { get; } = new("indication");


    /// <summary>The code as the service sends it, without blanks around it (an empty string for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// The code as a list's filter sends it: a known type in the service's own spelling, another as written. Types
    /// compare without regard to case here, but whether the service's filter does is not known: it writes its types in
    /// lower case, and only that spelling is known to find them.
    /// </summary>
    internal string QueryValue =>
        Equals(CreditLimit) ? CreditLimit.Value : Equals(CreditCheck) ? CreditCheck.Value : Equals(Indication) ? Indication.Value : Value;

    /// <summary>Whether this is one of the values this version of the SDK knows.</summary>
    public bool IsKnown => Describe(_value) is not null;

    /// <summary>What the code means, in words; for a code this SDK does not know, the code itself.</summary>
    public string Description => Describe(_value) ?? Value;

    /// <summary>Whether two values are the same code (codes compare case-insensitively).</summary>
    public static bool operator ==(CoverType left, CoverType right) => left.Equals(right);

    /// <summary>Whether two values are different codes.</summary>
    public static bool operator !=(CoverType left, CoverType right) => !left.Equals(right);

    /// <summary>Converts a code to a <see cref="CoverType"/>.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator CoverType(string value) => new(value);

    /// <summary>Converts a code to a <see cref="CoverType"/>.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The value.</returns>
    public static CoverType FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(CoverType other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CoverType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The code as the service sends it.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Value;

    private static string? Describe(string? value)
    {
        switch (value?.ToUpperInvariant())
        {
            case "CREDIT-LIMIT":
                return "A credit limit decision on the buyer.";
            case "CREDIT-CHECK":
                return "An instant yes or no at the amount the policy fixes.";
            case "INDICATION":
                return "The amount Atradius would cover if the business were insured.";
            default:
                return null;
        }
    }
}
