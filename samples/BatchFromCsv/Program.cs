using Atradius.Cover.Samples.BatchFromCsv;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Sandbox.Hosting;

// Usage: dotnet run --project samples/BatchFromCsv [applications.csv] [output folder]
// Submits every application of the CSV file as one batch against a sandbox started in this process, waits for
// referred ones, then writes outcomes.csv and portfolio-report.csv to the output folder (default: ./batch-output).
var input = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "applications.csv");
var outputFolder = Directory.CreateDirectory(args.Length > 1 ? args[1] : "batch-output").FullName;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var applications = await ApplicationCsv.ReadAsync(input, stop.Token);
Console.WriteLine($"Read {applications.Count} applications from {input}.");

await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromSeconds(2) }, stop.Token);
await using var cover = new CoverClient(new CoverClientOptions
{
    BaseAddress = sandbox.BaseAddress,
    TokenEndpoint = sandbox.OAuth2TokenEndpoint,
    ClientId = sandbox.ReadWriteClient.ClientId,
    ClientSecret = sandbox.ReadWriteClient.ClientSecret,
    AppKey = sandbox.ReadWriteClient.AppKey,
});

var batch = await cover.Applications.SubmitBatchAsync(applications, new CoverBatchOptions
{
    // Derives each item's idempotency key from this id and the item's content: running the same file again
    // with the same id creates nothing twice.
    BatchId = Path.GetFileNameWithoutExtension(input),
    MaxConcurrency = 4,
    WaitForReferredDecisions = true,
    WaitOptions = new CoverWaitOptions { PollInterval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMinutes(1) },
    Progress = new ProgressBar(Console.Out),
}, stop.Token);
Console.WriteLine();
Console.WriteLine($"Decided {batch.Decided}, referred {batch.Referred}, rejected {batch.Rejected}, invalid {batch.Invalid}, failed {batch.Failed}, not submitted {batch.NotSubmitted}.");

var outcomes = Path.Combine(outputFolder, "outcomes.csv");
await OutcomeCsv.WriteAsync(outcomes, batch, stop.Token);
Console.WriteLine($"Outcomes: {outcomes}");

var policyId = applications.Select(a => a.PolicyId).FirstOrDefault();
var report = await new ReportsClient(cover).CreatePortfolioReportAsync(new CoverReportDefinition { PolicyId = policyId }, stop.Token);
var reportPath = Path.Combine(outputFolder, "portfolio-report.csv");
await using (var reportFile = File.CreateText(reportPath))
{
    await CoverReportCsvWriter.WriteLongFormatAsync(report, reportFile, stop.Token);
}

Console.WriteLine($"Portfolio report of policy {policyId} ({report.CoverCount} covers): {reportPath}");

// Failed items may exist on the service (an answer was lost): running again with the same batch id is safe.
return batch.Failed == 0 && batch.NotSubmitted == 0 ? 0 : 1;
