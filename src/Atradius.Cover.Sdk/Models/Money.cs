using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>An amount of money in a currency, such as a credit limit of 50,000 EUR.</summary>
public readonly struct Money : IEquatable<Money>
{
    /// <summary>Creates an amount in a currency.</summary>
    /// <param name="amount">The amount.</param>
    /// <param name="currency">The ISO 4217 currency code, for example <c>EUR</c>.</param>
    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency ?? throw new ArgumentNullException(nameof(currency));
    }

    /// <summary>The amount.</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 currency code, for example <c>EUR</c>.</summary>
    public string Currency { get; }

    /// <summary>Whether two amounts are equal in amount and currency.</summary>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Whether two amounts differ in amount or currency.</summary>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(Money other) => Amount == other.Amount && string.Equals(Currency, other.Currency, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Amount.GetHashCode() ^ (Currency is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Currency));

    /// <summary>The amount and currency, culture-independent, for example <c>50000 EUR</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + " " + Currency;
}
