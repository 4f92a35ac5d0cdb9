using System.Globalization;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>Plain-words descriptions of covers for the console; invariant culture so the output reads the same everywhere.</summary>
public static class CoverText
{
    public static string Amount(Money? money) =>
        money is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m.Currency} {m.Amount:N0}") : "no amount";

    public static string Amount(decimal amount, string? currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{currency ?? "(policy currency)"} {amount:N0}");

    public static string Buyer(Buyer buyer)
    {
        var name = buyer.Name ?? "a buyer";
        var rating = buyer.Rating is { } r ? string.Create(CultureInfo.InvariantCulture, $", rated {r}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{name} (Atradius buyer id {buyer.BuyerId}{rating})");
    }

    public static string Decision(CoverDecision cover)
    {
        var what = string.Create(CultureInfo.InvariantCulture, $"{cover.CoverType.Value} {cover.CoverId}");
        if (cover.IsHistoric)
        {
            var code = cover.HistoricCode is { } h ? $"{h.Value} ({Phrase(h.Description)})" : "no historic code";
            return $"{what} is historic: {code}";
        }

        if (cover.IsReferred)
        {
            return $"{what} is with an underwriter (applied for {Amount(cover.ApplicationAmount)})";
        }

        var decision = cover.Code is { } c ? $"{c.Value} ({Phrase(c.Description)})" : "no decision code";
        var pending = cover.PendingProcessStatus is { Length: > 0 } status ? $", {status}" : string.Empty;
        return $"{what}: {decision}, {Amount(cover.DecidedAmount)}{pending}";
    }

    public static string Date(CoverDate? date) => date?.ToString() ?? "(none)";

    /// <summary>The SDK's code descriptions are sentences; inside a line of our own the full stop goes.</summary>
    public static string Phrase(string description) => description.TrimEnd('.');
}
