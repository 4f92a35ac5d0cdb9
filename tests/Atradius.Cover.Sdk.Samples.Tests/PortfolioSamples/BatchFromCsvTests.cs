using Atradius.Cover.Samples.BatchFromCsv;

namespace Atradius.Cover.Sdk.Samples.Tests.PortfolioSamples;

public sealed class BatchFromCsvTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("batch-from-csv-").FullName;

    [Fact]
    public async Task Submits_the_csv_with_a_progress_bar_writes_the_outcomes_and_a_rerun_sends_nothing_again()
    {
        var input = Path.Combine(folder, "applications.csv");
        await File.WriteAllTextAsync(input, """
            CustomerId,PolicyId,BuyerId,CoverType,Amount,Currency,CustomerReference
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,30000,EUR,ERP-1002
            200417,5012345,10042317,credit-limit,50000.00,eur, ERP-1001
            """, TestContext.Current.CancellationToken);
        var outputFolder = Path.Combine(folder, "out");
        using var output = new StringWriter();

        var exitCode = await BatchFromCsvProgram.RunAsync([input, outputFolder], output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Read 3 applications", text, StringComparison.Ordinal);
        Assert.Contains("] 2/2", text, StringComparison.Ordinal);
        Assert.Contains("Sent 2: decided 2.", text, StringComparison.Ordinal);
        var outcomes = await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), TestContext.Current.CancellationToken);
        Assert.Equal("BuyerId,CustomerReference,Outcome,CoverId,Recovered,Error", outcomes[0]);
        Assert.Equal(3, outcomes.Length);
        Assert.StartsWith("10042317,ERP-1001,Decided,", outcomes[1], StringComparison.Ordinal);
        Assert.StartsWith("10042320,ERP-1002,Decided,", outcomes[2], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outputFolder, "portfolio-report.csv")));

        // The batch record in the output folder's batch.db says both are done: nothing is sent again.
        using var rerunOutput = new StringWriter();
        Assert.Equal(0, await BatchFromCsvProgram.RunAsync([input, outputFolder], rerunOutput, TestContext.Current.CancellationToken));
        Assert.Contains("Sent 0: decided 2.", rerunOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(outcomes, await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
