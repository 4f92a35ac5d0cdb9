using System.Globalization;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Portfolio;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// Usage: dotnet run --project samples/BatchFromCsv -- settle applications.csv output-folder line made cover-id [batch id]
/// or ... settle applications.csv output-folder line not-made "reason" [batch id].
/// Settles by hand the item of a line that a run left unresolved on purpose, once you have looked at the buyer's covers:
/// as made, by the cover it made (read from the buyer's covers), or as not made, with your reason. The item is then
/// finished: the next run of the file reports it so and never sends it, and exits 0 once nothing else is left. Exit
/// codes: 0 settled; 2 arguments, a line, an item or a cover it refuses, nothing recorded; 3 an output folder another
/// run is using.
/// </summary>
public static class SettleCommand
{
    private const string Usage = "Usage: settle <applications.csv> <output folder> <line> made <cover id> [batch id], or settle <applications.csv> <output folder> <line> not-made <reason> [batch id].";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length is < 5 or > 6 || args[3] is not ("made" or "not-made"))
        {
            output.WriteLine(Usage);
            return 2;
        }

        var (input, outputFolder, lineText, how, what) = (args[0], args[1], args[2], args[3], args[4]);
        if (!int.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            output.WriteLine($"The line '{lineText}' is not a line number of {input}. {Usage}");
            return 2;
        }

        long coverId = 0;
        if (how == "made" && !(long.TryParse(what, NumberStyles.None, CultureInfo.InvariantCulture, out coverId) && coverId > 0))
        {
            output.WriteLine($"The cover id '{what}' is not an id (a number above 0). {Usage}");
            return 2;
        }

        if (how == "not-made" && string.IsNullOrWhiteSpace(what))
        {
            output.WriteLine($"Give the reason the item is settled as not made. {Usage}");
            return 2;
        }

        var lines = await ApplicationCsv.ReadLinesAsync(input, cancellationToken);
        if (lines.FirstOrDefault(l => l.Line == line) is not { Application: { } application })
        {
            output.WriteLine($"Line {line} of {input} holds no application.");
            return 2;
        }

        // The record and the sandbox's state are the run's: without either, the item was never part of a batch here.
        var statePath = Path.Combine(outputFolder, SandboxStateFile.FileName);
        var recordPath = Path.Combine(outputFolder, "batch.db");
        if (!File.Exists(recordPath) || !File.Exists(statePath))
        {
            output.WriteLine($"{outputFolder} holds no batch record with its sandbox state (batch.db and {SandboxStateFile.FileName}); nothing was recorded.");
            return 2;
        }

        var batchId = args.Length > 5 ? args[5] : CsvBatchId.For(input, lines.Select(l => l.Application));
        var itemKey = CoverBatchRunner.ItemKey(application);
        using var store = new SqliteCoverPortfolioStore(recordPath);
        if (await BatchFromCsvProgram.TryStartSandboxAsync(outputFolder, statePath, output, cancellationToken) is not { } started)
        {
            return 3;
        }

        await using var sandbox = started;
        using var stateFile = new SandboxStateFile(sandbox, statePath);
        await using var provider = BatchFromCsvProgram.ClientServices(sandbox, stateFile);
        var client = provider.GetRequiredService<CoverClient>();
        var runner = new CoverBatchRunner(client, store);
        CoverBatchItemResult settled;
        try
        {
            if (how == "made")
            {
                // The cover as the buyer's covers show it: one on another buyer, or not there at all, is refused.
                var cover = (await client.Decisions.GetAsync(application.BuyerId, coverId, application.CustomerId, application.PolicyId, cancellationToken: cancellationToken)).Value;
                if (Differs(application, cover) is { } difference)
                {
                    output.WriteLine($"Line {line}: cover {coverId} is not this line's application ({difference}); nothing was recorded.");
                    return 2;
                }

                if (await RecordedElsewhereAsync(outputFolder, store, batchId, coverId, cancellationToken) is { } other)
                {
                    output.WriteLine($"Line {line}: cover {coverId} is recorded for an item of batch '{other}' already; nothing was recorded.");
                    return 2;
                }

                settled = await runner.SettleAsMadeAsync(batchId, itemKey, cover, cancellationToken);
            }
            else
            {
                settled = await runner.SettleAsNotMadeAsync(batchId, itemKey, what.Trim(), cancellationToken);
            }
        }
        catch (CoverNotFoundException error)
        {
            output.WriteLine($"Line {line}: {error.Message} Nothing was recorded.");
            return 2;
        }
        catch (ArgumentException error)
        {
            // The batch records no such item, it is not unresolved, or the cover is not one this item can have made.
            var reason = error.ParamName is { } name ? error.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : error.Message;
            output.WriteLine($"Line {line} of batch '{batchId}': {reason} Nothing was recorded.");
            return 2;
        }

        output.WriteLine(settled.CoverId is { } made
            ? $"Line {line} (buyer {application.BuyerId}) of batch '{batchId}': settled as made, cover {made}. Run the file again to finish the batch and write its outcomes; the item is not sent."
            : $"Line {line} (buyer {application.BuyerId}) of batch '{batchId}': settled as not made ({what.Trim()}). Run the file again to finish the batch and write its outcomes; the item is not sent.");
        return 0;
    }

    /// <summary>
    /// What tells the cover from the line's application, or null when nothing does: its type, customer, policy, reference
    /// and effect date, and its amount when the line applied in the policy's currency (in another currency no amount on
    /// the cover can show it, which is why such an item is settled by hand). However long ago it was applied for, and
    /// ended since or not.
    /// </summary>
    private static string? Differs(CoverApplication application, CoverDecision cover)
    {
        var comparable = application.CurrencyCode is null || cover.PolicyCurrency is null
            || string.Equals(application.CurrencyCode.Trim(), cover.PolicyCurrency.Trim(), StringComparison.OrdinalIgnoreCase);
        var judged = comparable ? application : new CoverApplication
        {
            CustomerId = application.CustomerId,
            PolicyId = application.PolicyId,
            BuyerId = application.BuyerId,
            CoverType = application.CoverType,
            CurrencyCode = application.CurrencyCode,
            CustomerReference = application.CustomerReference,
            EffectFromDate = application.EffectFromDate,
        };
        return judged.Matches(cover, DateTimeOffset.MinValue, includeHistoric: true)
            ? null
            : $"the cover: {cover.CoverType} {cover.ApplicationAmount?.ToString() ?? "no amount"}, reference '{cover.CustomerReference}'; "
                + $"the line: {application.CoverType} {application.CreditLimitAmount?.ToString(CultureInfo.InvariantCulture) ?? "no amount"} {application.CurrencyCode}, reference '{application.CustomerReference}'";
    }

    /// <summary>The batch started in the output folder, other than <paramref name="batchId"/>, that records the cover for one of its items; null when none does.</summary>
    private static async Task<string?> RecordedElsewhereAsync(string outputFolder, SqliteCoverPortfolioStore store, string batchId, long coverId, CancellationToken cancellationToken)
    {
        foreach (var other in await new StartedBatches(outputFolder).AllAsync(cancellationToken))
        {
            if (other != batchId && (await store.GetBatchItemsAsync(other, cancellationToken)).Any(item => item.CoverId == coverId))
            {
                return other;
            }
        }

        return null;
    }
}
