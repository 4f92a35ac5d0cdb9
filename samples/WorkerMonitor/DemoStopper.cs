using Microsoft.Extensions.Hosting;

namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>Ends the demo after a short while, so <c>dotnet run</c> returns by itself; <c>--forever</c> leaves it out.</summary>
public sealed class DemoStopper(IHostApplicationLifetime lifetime, TimeSpan duration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(duration, stoppingToken);
        lifetime.StopApplication();
    }
}
