namespace Atradius.Cover.Sdk;

/// <summary>
/// The type of a buyer's unique identifier in its country (VAT number, registration number, ...).
/// </summary>
/// <remarks>
/// The service may add values at any time: a value this version of the SDK does not know is kept as it
/// was received (see <see cref="ToString"/>) instead of failing, so a newer service never breaks an older client.
/// </remarks>
public readonly struct BuyerIdentifierType : IEquatable<BuyerIdentifierType>
{
    private readonly string? _value;

    /// <summary>Creates a BuyerIdentifierType from the code the service uses.</summary>
    /// <param name="value">The code, for example <c>VAT</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public BuyerIdentifierType(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A buyer identifier type must not be empty.", nameof(value));
        }

        // Blanks around a code are no part of it: a padded "REFERRED " is still REFERRED, not an unknown code.
        _value = value.Trim();
    }

    /// <summary><c>VAT</c>: VAT number.</summary>
    public static BuyerIdentifierType Vat { get; } = new("VAT");

    /// <summary><c>NRN</c>: National registration number.</summary>
    public static BuyerIdentifierType NationalRegistrationNumber { get; } = new("NRN");

    /// <summary><c>CR</c>: Chamber of commerce registration.</summary>
    public static BuyerIdentifierType ChamberOfCommerce { get; } = new("CR");

    /// <summary><c>DB</c>: Dun &amp; Bradstreet number.</summary>
    public static BuyerIdentifierType DunAndBradstreet { get; } = new("DB");

    /// <summary><c>FC</c>: Fiscal code.</summary>
    public static BuyerIdentifierType FiscalCode { get; } = new("FC");

    /// <summary><c>SN</c>: SIREN/SIRET number.</summary>
    public static BuyerIdentifierType Siren { get; } = new("SN");

    /// <summary><c>TK</c>: Tax code.</summary>
    public static BuyerIdentifierType TaxCode { get; } = new("TK");


    /// <summary>The code as the service sends it, without blanks around it (an empty string for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is one of the values this version of the SDK knows.</summary>
    public bool IsKnown => Describe(_value) is not null;

    /// <summary>What the code means, in words; for a code this SDK does not know, the code itself.</summary>
    public string Description => Describe(_value) ?? Value;

    /// <summary>Whether two values are the same code (codes compare case-insensitively).</summary>
    public static bool operator ==(BuyerIdentifierType left, BuyerIdentifierType right) => left.Equals(right);

    /// <summary>Whether two values are different codes.</summary>
    public static bool operator !=(BuyerIdentifierType left, BuyerIdentifierType right) => !left.Equals(right);

    /// <summary>Converts a code to a <see cref="BuyerIdentifierType"/>.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator BuyerIdentifierType(string value) => new(value);

    /// <summary>Converts a code to a <see cref="BuyerIdentifierType"/>.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The value.</returns>
    public static BuyerIdentifierType FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(BuyerIdentifierType other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BuyerIdentifierType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The code as the service sends it.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Value;

    private static string? Describe(string? value)
    {
        switch (value?.ToUpperInvariant())
        {
            case "VAT":
                return "VAT number.";
            case "NRN":
                return "National registration number.";
            case "CR":
                return "Chamber of commerce registration.";
            case "DB":
                return "Dun & Bradstreet number.";
            case "FC":
                return "Fiscal code.";
            case "SN":
                return "SIREN/SIRET number.";
            case "TK":
                return "Tax code.";
            default:
                return null;
        }
    }
}
