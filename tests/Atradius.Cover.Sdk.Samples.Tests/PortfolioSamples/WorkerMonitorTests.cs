using Atradius.Cover.Samples.WorkerMonitor;

namespace Atradius.Cover.Sdk.Samples.Tests.PortfolioSamples;

public sealed class WorkerMonitorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("worker-monitor-").FullName;

    [Fact]
    public async Task Monitors_the_sandbox_into_sqlite_and_reports_the_insurers_reduction_notice_and_its_effect()
    {
        var database = Path.Combine(folder, "monitor.db");
        using var output = new StringWriter();

        var exitCode = await WorkerMonitorProgram.RunAsync(["--Monitor:Database=" + database, "--Demo:Seconds=20"], output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Loading the portfolio: 1 covers so far", text, StringComparison.Ordinal);
        Assert.Contains("ReductionNotified: cover 70001234 on buyer 10042340, DC21", text, StringComparison.Ordinal);
        Assert.Contains("ReductionInEffect: cover 70001234 on buyer 10042340, DC09 50000 EUR", text, StringComparison.Ordinal);
        Assert.True(File.Exists(database));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
