namespace Atradius.Cover.Sdk;

/// <summary>The postal address of a buyer.</summary>
public sealed class BuyerAddress
{
    internal BuyerAddress()
    {
    }

    /// <summary>Street and number.</summary>
    public string? Street { get; internal init; }

    /// <summary>City.</summary>
    public string? City { get; internal init; }

    /// <summary>Postal code.</summary>
    public string? PostCode { get; internal init; }

    /// <summary>Country, ISO 3166-1 alpha-3.</summary>
    public string? CountryCode { get; internal init; }
}
