using System.Globalization;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Portfolio;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>Writes one line per distinct application: what became of it, the cover, or why it failed.</summary>
public static class OutcomeCsv
{
    public static async Task WriteAsync(string path, CoverBatchResult batch, IReadOnlyList<CoverApplication> applications, CancellationToken cancellationToken)
    {
        var byKey = applications.GroupBy(CoverBatchRunner.ItemKey).ToDictionary(g => g.Key, g => g.First());
        await using var writer = File.CreateText(path);
        await writer.WriteLineAsync("BuyerId,CustomerReference,Outcome,CoverId,Recovered,Error".AsMemory(), cancellationToken);
        foreach (var item in batch.Items)
        {
            string?[] fields =
            [
                item.BuyerId.ToString(CultureInfo.InvariantCulture),
                byKey[item.ItemKey].CustomerReference,
                item.Status.ToString(),
                item.CoverId?.ToString(CultureInfo.InvariantCulture),
                item.Recovered ? "yes" : "no",
                item.Error,
            ];

            // Escape also neutralises cells a spreadsheet would run as formulas.
            await writer.WriteLineAsync(string.Join(',', fields.Select(CoverReportCsvWriter.Escape)).AsMemory(), cancellationToken);
        }
    }
}
