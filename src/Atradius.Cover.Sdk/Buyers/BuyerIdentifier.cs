namespace Atradius.Cover.Sdk;

/// <summary>One identifier of a buyer in its country, such as its VAT number.</summary>
public sealed class BuyerIdentifier
{
    /// <summary>Creates an identifier.</summary>
    /// <param name="value">The identifier.</param>
    /// <param name="type">The type of the identifier.</param>
    public BuyerIdentifier(string value, BuyerIdentifierType type)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        Type = type;
    }

    /// <summary>The identifier, for example <c>NL859338221B01</c>.</summary>
    public string Value { get; }

    /// <summary>The type of the identifier, for example <see cref="BuyerIdentifierType.Vat"/>.</summary>
    public BuyerIdentifierType Type { get; }

    /// <summary>The type and identifier.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Type + " " + Value;
}
