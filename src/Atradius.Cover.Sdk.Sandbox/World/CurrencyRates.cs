namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>Fixed exchange rates between the world's currencies, for the <c>…InUserCurrency</c> amounts.</summary>
internal static class CurrencyRates
{
    private static readonly Dictionary<string, decimal> EuroPerUnit = new(StringComparer.Ordinal)
    {
        ["EUR"] = 1m,
        ["GBP"] = 1.17m,
        ["USD"] = 0.92m,
        ["DKK"] = 0.134m,
    };

    public static decimal Convert(decimal amount, string from, string to) =>
        from == to ? amount : Math.Round(amount * EuroPerUnit.GetValueOrDefault(from, 1m) / EuroPerUnit.GetValueOrDefault(to, 1m), 2, MidpointRounding.ToEven);
}
