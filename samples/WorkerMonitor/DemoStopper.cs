using Microsoft.Extensions.Hosting;

namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>Ends the demo after a short while, so <c>dotnet run</c> returns by itself; <c>--forever</c> leaves it out.</summary>
public sealed class DemoStopper(IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(12);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(Duration, time, stoppingToken);
        lifetime.StopApplication();
    }
}
