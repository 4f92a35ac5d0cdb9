using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Runs a host with the monitor registered until its first sync ended, one way or the other.</summary>
internal static class MonitorHost
{
    public static async Task<CoverMonitorService> RunFirstSyncAsync(IHost host)
    {
        await host.StartAsync(TestContext.Current.CancellationToken);
        var monitor = host.Services.GetRequiredService<CoverMonitorService>();
        await Eventually.WaitUntilAsync(() => monitor.Status.CompletedSyncs >= 1 || monitor.Status.LastError is not null, "a sync ended");
        await host.StopAsync(TestContext.Current.CancellationToken);
        return monitor;
    }
}
