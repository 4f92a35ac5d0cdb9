using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Portfolio;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// Usage: dotnet run --project samples/BatchFromCsv [applications.csv] [output folder] [batch id]
/// Submits every application of the CSV file as one batch against a sandbox started in this process, with a progress
/// bar, then writes outcomes.csv and portfolio-report.csv to the output folder (default ./batch-output). The batch
/// record is kept in batch.db in the output folder, and the sandbox's state (the covers it holds) in sandbox-state.json
/// beside it, written after every answer to a write and before the batch records that answer: a run after a crash or a
/// kill continues against the covers the earlier run made, as it would against a service that keeps them, and the
/// sample prints where the state is kept. Keep the two files together: a folder whose batch.db holds answers of a batch
/// but whose sandbox-state.json is gone is refused (exit code 2, nothing sent); delete the output folder to start over
/// with a new sandbox. Without a batch id, the batch is named after the file and the applications it holds
/// (<see cref="CsvBatchId"/>): running the same file again (after a crash, a kill or a network fault) resumes its
/// batch, submits nothing twice and finishes what was left, while a file of the same name with other applications is a
/// new batch. The sample prints which batch runs and whether it resumes one. A file of the same name whose earlier
/// batch did not finish is refused (exit code 2, nothing sent), as its items left in flight could otherwise be sent
/// again: give the earlier batch's id to finish it with this file, or a new id to start another batch anyway. One run
/// of the sample works in an output folder at a time: a second one started on the same folder is refused (exit code 3,
/// nothing sent), and a run after a kill waits until the killed run's hold on the batch has expired (30 seconds at most,
/// <see cref="CoverBatchOptions.LeaseDuration"/>), saying so. A file or
/// line it refuses (a file holding only its header line included) ends it with the message and exit code 2, nothing
/// sent; an output folder or batch record it cannot use (a file in its place, no right to write, a damaged batch.db)
/// with the message and exit code 3; Ctrl+C with exit code 130, the batch left to the next run. A finished batch exits
/// 0, also when the service refused some applications (counted "failed", each reason in outcomes.csv); one with items
/// whose outcome is not known yet exits 1. An item a run leaves unresolved on purpose (nothing the service shows proves
/// what became of it) is settled by hand with the settle command (<see cref="SettleCommand"/>).
/// </summary>
public static class BatchFromCsvProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            return args is ["settle", ..]
                ? await SettleCommand.RunAsync(args[1..], output, cancellationToken)
                : await RunBatchAsync(args, output, cancellationToken);
        }
        catch (Exception error) when (error is InvalidDataException or ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            // A file, a line or an application the batch refuses: the message names it, and nothing was sent for it.
            output.WriteLine(error.Message);
            return 2;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The output folder or the batch record cannot be used (a file where the folder should be, no right to
            // write, a batch.db that is not one): said in a line, not a stack trace. What was recorded stays recorded.
            output.WriteLine();
            output.WriteLine($"The batch could not go on: {error.Message}");
            output.WriteLine("Whatever was sent is recorded: once the cause is put right, run the same file again to finish the batch; nothing is sent twice.");
            return 3;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Items in flight stay recorded as such; the next run of the same file resolves them before sending anything.
            output.WriteLine();
            output.WriteLine("Stopped. Run the same file again to finish the batch: nothing is sent twice.");
            return 130;
        }
    }

    private static async Task<int> RunBatchAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var input = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "applications.csv");
        var outputFolder = Directory.CreateDirectory(args.Length > 1 ? args[1] : "batch-output").FullName;
        var applications = await ApplicationCsv.ReadAsync(input, cancellationToken);
        if (applications.Count == 0)
        {
            // A run of no applications reported "Sent 0: ." and succeeded: a file saved before its lines were pasted in
            // looked like a batch the service had taken.
            throw new InvalidDataException($"{input} holds no applications, only its header line; nothing was sent.");
        }

        output.WriteLine($"Read {applications.Count} applications from {input}.");

        // The sandbox stands in for the service, so it keeps its state beside the batch record: a run after a crash or a
        // kill resumes the batch against the covers the earlier run made, as it would against the real service.
        var statePath = Path.Combine(outputFolder, SandboxStateFile.FileName);
        var continues = File.Exists(statePath);
        using var store = new SqliteCoverPortfolioStore(Path.Combine(outputFolder, "batch.db"));
        var startedBatches = new StartedBatches(outputFolder);
        if (!continues && await startedBatches.FirstAnsweredAsync(store, cancellationToken) is { } orphaned)
        {
            // The state file is written before any answer reaches the batch record, so an answered item without it means
            // the file was removed. Checked before the sandbox starts and writes a new one: a new sandbox does not hold the
            // covers that batch made, so items it left in flight would be sent again and its finished ones point at nothing.
            output.WriteLine($"{outputFolder} holds answers of batch '{orphaned}' (batch.db) but not the state of the sandbox that gave them "
                + $"({SandboxStateFile.FileName}); nothing was sent. Put {SandboxStateFile.FileName} back, or delete the output folder to start over.");
            return 2;
        }

        if (await TryStartSandboxAsync(outputFolder, statePath, output, cancellationToken) is not { } started)
        {
            return 3;
        }

        await using var sandbox = started;
        using var stateFile = new SandboxStateFile(sandbox, statePath);
        output.WriteLine(continues
            ? $"Sandbox: continues from its state in {statePath}."
            : $"Sandbox: new; its state is kept in {statePath} for the next run.");

        await using var provider = ClientServices(sandbox, stateFile);
        var cover = provider.GetRequiredService<CoverClient>();

        var runner = new CoverBatchRunner(cover, store, new CoverBatchOptions { MaxConcurrency = 4 });

        // The batch id names the record: a batch id given resumes that batch (or starts it); without one, the same file
        // content run again resumes its batch, and other content is another batch.
        var given = args.Length > 2 ? args[2] : null;
        var batchId = given ?? CsvBatchId.For(input, applications);
        if (given is null && await startedBatches.UnfinishedAsync(batchId, store, cancellationToken) is [var (earlier, unfinished), ..])
        {
            output.WriteLine($"Batch '{earlier}', started earlier in this folder, has {unfinished} unfinished item(s), which may have reached the service; nothing was sent. "
                + $"Give its id as the third argument to finish it with this file, or another id to start a new batch anyway.");
            return 2;
        }

        var recorded = await store.GetBatchItemsAsync(batchId, cancellationToken);
        output.WriteLine(recorded.Count == 0
            ? $"Batch '{batchId}': new."
            : $"Batch '{batchId}': resumes an earlier run ({recorded.Count} item(s) recorded, {recorded.Count(StartedBatches.IsUnfinished)} unfinished).");
        if (recorded.Any(StartedBatches.IsUnfinished))
        {
            // The runner waits, silently, while a run that was killed still holds the batch.
            output.WriteLine($"If an earlier run of this batch was stopped, this run waits until its hold on the batch has expired (at most {new CoverBatchOptions().LeaseDuration.TotalSeconds:0} seconds).");
        }

        await startedBatches.AddAsync(batchId, cancellationToken);
        var batch = await runner.RunAsync(batchId, applications, new ProgressBar(output), cancellationToken);
        output.WriteLine();
        var counts = batch.Items.GroupBy(i => i.Status).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}");
        output.WriteLine($"Sent {batch.Sent}: {string.Join(", ", counts)}.");

        var outcomes = Path.Combine(outputFolder, "outcomes.csv");
        await OutcomeCsv.WriteAsync(outcomes, batch, applications, cancellationToken);
        output.WriteLine($"Outcomes: {outcomes}");

        var report = await cover.Reports.CreatePortfolioReportAsync(new CoverReportDefinition(), cancellationToken);
        var reportPath = Path.Combine(outputFolder, "portfolio-report.csv");
        await using (var reportFile = File.CreateText(reportPath))
        {
            await CoverReportCsvWriter.WriteLongFormatAsync(report, reportFile, cancellationToken);
        }

        output.WriteLine($"Portfolio report ({report.CoverCount} covers): {reportPath}");

        // An unresolved item may exist on the service (an answer was lost): running again is safe.
        if (!batch.IsComplete)
        {
            output.WriteLine("Some items' outcome is not known yet (see outcomes.csv): run the file again. An item a run cannot resolve on its own "
                + "(its error says so) is settled by hand once you have looked at the buyer's covers: settle <file> <output folder> <line> made <cover id>, or ... not-made <reason>.");
        }

        return batch.IsComplete ? 0 : 1;
    }

    /// <summary>
    /// Starts the sandbox on the state kept in the output folder; null, with the reason written, when another run of the
    /// sample holds that state.
    /// </summary>
    internal static async Task<CoverSandbox?> TryStartSandboxAsync(string outputFolder, string statePath, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            return await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromSeconds(2), StatePath = statePath }, cancellationToken);
        }
        catch (IOException error) when (IsHeld(statePath + ".lock"))
        {
            // The sandbox holds its state file while it runs: another run of this sample is working in this folder.
            output.WriteLine($"Another run of this sample is using {outputFolder} ({SandboxStateFile.FileName} is held: {error.Message}); nothing was sent. "
                + "Let it finish, or give another output folder.");
            return null;
        }
    }

    /// <summary>The services of a client of <paramref name="sandbox"/> whose every answer to a write is saved in the state file first.</summary>
    internal static ServiceProvider ClientServices(CoverSandbox sandbox, SandboxStateFile stateFile)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(sandbox.ClientSettings()).Build();
        services.AddAtradiusCover(configuration).HttpClientBuilder.AddHttpMessageHandler(stateFile.SaveAfterWrites);
        return services.BuildServiceProvider();
    }

    /// <summary>Whether a running sandbox holds the lock file beside its state (a sandbox holds it for as long as it runs).</summary>
    private static bool IsHeld(string lockPath)
    {
        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return File.Exists(lockPath);
        }
    }
}
