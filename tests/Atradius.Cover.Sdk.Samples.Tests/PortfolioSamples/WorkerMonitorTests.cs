using Atradius.Cover.Samples.WorkerMonitor;

namespace Atradius.Cover.Sdk.Samples.Tests.PortfolioSamples;

public sealed class WorkerMonitorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("worker-monitor-").FullName;

    [Fact]
    public async Task Monitors_the_sandbox_into_sqlite_and_reports_the_insurers_reduction_notice_and_its_effect()
    {
        var database = Path.Combine(folder, "monitor.db");
        using var output = new WatchedWriter("ReductionInEffect:");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // Stopped once the monitor has reported the reduction taking effect, not after a fixed time: the demo's syncs
        // a second apart could take longer than that time on a busy machine. Two minutes only guard against a hang.
        var run = WorkerMonitorProgram.RunAsync(["--Monitor:Database=" + database, "--forever"], output, stop.Token);
        await Task.WhenAny(output.Seen, run).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exitCode = await run;

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Loading the portfolio: 1 covers so far", text, StringComparison.Ordinal);
        Assert.Contains("ReductionNotified: cover 70001234 on buyer 10042340, DC21", text, StringComparison.Ordinal);
        Assert.Contains("ReductionInEffect: cover 70001234 on buyer 10042340, DC09 50000 EUR", text, StringComparison.Ordinal);
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task Settings_that_are_incomplete_are_named_and_the_worker_exits_with_an_error_not_a_stack_trace()
    {
        using var output = new StringWriter();

        var exitCode = await WorkerMonitorProgram.RunAsync(["--Atradius:Cover:BaseAddress=https://api-uat.atradius.com", "--Monitor:Database=" + Path.Combine(folder, "monitor.db")], output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("The settings are incomplete or wrong:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ClientSecret is required", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_is_not_a_number_is_named_and_the_worker_exits_with_an_error_not_a_stack_trace()
    {
        using var output = new StringWriter();

        var exitCode = await WorkerMonitorProgram.RunAsync(["--Atradius:Cover:BaseAddress=https://api-uat.atradius.com", "--Atradius:Cover:CustomerId=ABC123", "--Monitor:Database=" + Path.Combine(folder, "monitor.db")], output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("A setting could not be read:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("CustomerId", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_that_never_synced_says_why_and_exits_with_an_error()
    {
        await using var sandbox = await Atradius.Cover.Sdk.Sandbox.Hosting.CoverSandbox.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var settings = sandbox.ClientSettings();
        using var output = new StringWriter();
        string[] args =
        [
            .. settings.Where(s => s.Key != "Atradius:Cover:ClientSecret").Select(s => "--" + s.Key + "=" + s.Value),
            "--Atradius:Cover:ClientSecret=not-the-secret",
            "--Monitor:Database=" + Path.Combine(folder, "monitor.db"),
            "--Demo:Seconds=3",
        ];

        var exitCode = await WorkerMonitorProgram.RunAsync(args, output, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("The monitor completed no sync:", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Collects what the sample writes, and tells when it has written a line holding <c>awaited</c>.</summary>
    private sealed class WatchedWriter(string awaited) : StringWriter
    {
        private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => seen.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(awaited, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
