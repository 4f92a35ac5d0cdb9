using System.Globalization;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>Writes one line per application: what became of it, the cover and decision, or why it failed.</summary>
public static class OutcomeCsv
{
    public static async Task WriteAsync(string path, CoverBatchResult batch, CancellationToken cancellationToken)
    {
        await using var writer = File.CreateText(path);
        await writer.WriteLineAsync("Line,BuyerId,CustomerReference,Outcome,CoverId,DecisionCode,DecidedAmount,Currency,Error".AsMemory(), cancellationToken);
        foreach (var item in batch.Items)
        {
            var cover = item.Cover;
            var error = item.ValidationErrors.Count > 0 ? string.Join("; ", item.ValidationErrors) : item.ErrorDetail ?? item.Exception?.Message;
            string?[] fields =
            [
                (item.Index + 2).ToString(CultureInfo.InvariantCulture), // +1 for the header, +1 because lines count from 1
                item.Application.BuyerId.ToString(CultureInfo.InvariantCulture),
                item.Application.CustomerReference,
                item.Outcome.ToString(),
                cover?.CoverId.ToString(CultureInfo.InvariantCulture),
                cover?.Code?.Value,
                cover?.DecidedAmount?.Amount.ToString(CultureInfo.InvariantCulture),
                cover?.DecidedAmount?.Currency,
                error,
            ];
            await writer.WriteLineAsync(string.Join(',', fields.Select(CoverReportCsvWriter.Escape)).AsMemory(), cancellationToken);
        }
    }
}
