using System.Globalization;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>Plain-words descriptions of covers for the console; invariant culture so the output reads the same everywhere.</summary>
public static class CoverText
{
    public static string Amount(Money? money) =>
        money is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m.Currency} {m.Amount:N0}") : "no amount";

    public static string Amount(decimal amount, string currency) => Amount(new Money(amount, currency));

    public static string Decision(CoverDecision cover)
    {
        if (cover.IsReferred)
        {
            return string.Create(CultureInfo.InvariantCulture, $"cover {cover.CoverId} is referred to an underwriter");
        }

        var code = cover.Code is { } c ? $"{c.Value} ({Phrase(c.Description)})" : "no decision code";
        return string.Create(CultureInfo.InvariantCulture, $"cover {cover.CoverId}: {code}, {Amount(cover.DecidedAmount)}");
    }

    /// <summary>The SDK's code descriptions are sentences; inside a line of our own the full stop goes.</summary>
    public static string Phrase(string description) => description.TrimEnd('.');
}
