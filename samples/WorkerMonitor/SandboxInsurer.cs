using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>
/// Plays the insurer in the demo, so the monitor has something to report: once the portfolio is loaded it
/// notifies a reduction, then moves the sandbox clock past the notice period so the reduction takes effect.
/// </summary>
public sealed partial class SandboxInsurer(CoverSandbox sandbox, ILogger<SandboxInsurer> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(Pause, time, stoppingToken);
        await sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 50_000m, stoppingToken);
        Acted(logger, $"notified a reduction of cover {SandboxFixtures.ExistingCreditLimitCoverId} to EUR 50,000, effective in 30 days");

        await Task.Delay(Pause, time, stoppingToken);
        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        Acted(logger, "moved the sandbox clock 31 days on: the reduction takes effect");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Insurer (sandbox): {What}")]
    private static partial void Acted(ILogger logger, string what);
}
