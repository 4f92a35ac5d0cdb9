namespace Atradius.Cover.Sdk;

/// <summary>The direction of a buyer's latest rating change: <see cref="Up"/> or <see cref="Down"/>; unknown values are kept.</summary>
public readonly struct BuyerRatingChange : IEquatable<BuyerRatingChange>
{
    private readonly string? _value;

    /// <summary>Creates the value from the service's word.</summary>
    /// <param name="value">The word, e.g. <c>up</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public BuyerRatingChange(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A rating change must not be empty.", nameof(value));
        }

        // Blanks around a code are no part of it: a padded "REFERRED " is still REFERRED, not an unknown code.
        _value = value.Trim();
    }

    /// <summary><c>up</c>: the rating improved.</summary>
    public static BuyerRatingChange Up { get; } = new("up");

    /// <summary><c>down</c>: the rating worsened.</summary>
    public static BuyerRatingChange Down { get; } = new("down");

    /// <summary>Gets the word as the service sends it, without blanks around it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(BuyerRatingChange left, BuyerRatingChange right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(BuyerRatingChange left, BuyerRatingChange right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(BuyerRatingChange other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BuyerRatingChange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The word.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value;
}
