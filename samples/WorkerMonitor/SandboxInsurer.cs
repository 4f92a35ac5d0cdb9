using Atradius.Cover.Sdk.Portfolio;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>
/// Plays the insurer in the demo, so the monitor has something to report: once the portfolio is loaded it
/// notifies a reduction, then moves the sandbox clock past the notice period so the reduction takes effect.
/// Each step waits for a sync to complete after the previous one, so the monitor sees the notice and its effect
/// as two changes however slow the machine is.
/// </summary>
public sealed partial class SandboxInsurer(CoverSandbox sandbox, CoverMonitorService monitor, ILogger<SandboxInsurer> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForSyncAfterAsync(0, stoppingToken);
        var synced = monitor.Status.CompletedSyncs;
        await sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 50_000m, stoppingToken);
        Acted(logger, $"notified a reduction of cover {SandboxFixtures.ExistingCreditLimitCoverId} to EUR 50,000, effective in 30 days");

        await WaitForSyncAfterAsync(synced, stoppingToken);
        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        Acted(logger, "moved the sandbox clock 31 days on: the reduction takes effect");
    }

    private async Task WaitForSyncAfterAsync(int completedSyncs, CancellationToken cancellationToken)
    {
        // A sync that was already running when the insurer acted may have read the lists before the act, so the
        // insurer waits for the one after it as well.
        var target = completedSyncs + (completedSyncs == 0 ? 1 : 2);
        while (monitor.Status.CompletedSyncs < target)
        {
            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Insurer (sandbox): {What}")]
    private static partial void Acted(ILogger logger, string what);
}
