namespace Atradius.Cover.Sdk;

/// <summary>One identifier of a buyer in its country, such as its VAT number.</summary>
public sealed class BuyerIdentifier
{
    /// <summary>Creates an identifier.</summary>
    /// <param name="value">The identifier.</param>
    /// <param name="type">The type of the identifier.</param>
    /// <param name="typeDescription">The type in words, as the service describes it.</param>
    public BuyerIdentifier(string value, BuyerIdentifierType type, string? typeDescription = null)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        Type = type;
        TypeDescription = typeDescription;
    }

    /// <summary>Gets the identifier, for example <c>552100554</c>.</summary>
    public string Value { get; }

    /// <summary>Gets the type of the identifier, for example <see cref="BuyerIdentifierType.Siren"/>.</summary>
    public BuyerIdentifierType Type { get; }

    /// <summary>Gets the type in words, as the service describes it, when it does.</summary>
    public string? TypeDescription { get; }

    /// <summary>The type and identifier.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Type + " " + Value;
}
