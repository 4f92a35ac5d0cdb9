using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Runs the portfolio sync on an interval and hands the changes to every registered <see cref="ICoverChangeHandler"/>.
/// A failed run is logged and tried again on the next tick from the last saved checkpoint, so nothing is lost.
/// </summary>
internal sealed class CoverMonitorService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ICoverClient _client;
    private readonly ICoverCheckpointStore _store;
    private readonly CoverMonitorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CoverMonitorService> _logger;
    private readonly ILogger<CoverPortfolioSync> _syncLogger;

    public CoverMonitorService(IServiceScopeFactory scopes, ICoverClient client, ICoverCheckpointStore store, IOptions<CoverMonitorOptions> options, ILogger<CoverMonitorService> logger, ILogger<CoverPortfolioSync> syncLogger, TimeProvider? timeProvider = null)
    {
        _scopes = scopes;
        _client = client;
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger;
        _syncLogger = syncLogger;
    }

    internal CoverSyncResult? LastResult { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sync = new CoverPortfolioSync(_client, _store, _options.Sync, _timeProvider, _syncLogger);
        if (_options.RunOnStart)
        {
            await TickAsync(sync, stoppingToken).ConfigureAwait(false);
        }

        try
        {
#if NET8_0_OR_GREATER
            using var timer = new PeriodicTimer(_options.Interval, _timeProvider);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TickAsync(sync, stoppingToken).ConfigureAwait(false);
            }
#else
            while (!stoppingToken.IsCancellationRequested)
            {
                await _timeProvider.Delay(_options.Interval, stoppingToken).ConfigureAwait(false);
                await TickAsync(sync, stoppingToken).ConfigureAwait(false);
            }
#endif
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CoverPortfolioSync sync, CancellationToken stoppingToken)
    {
        try
        {
            // A scope per run lets handlers depend on scoped services such as a DbContext.
            using var scope = _scopes.CreateScope();
            var handlers = scope.ServiceProvider.GetServices<ICoverChangeHandler>().ToArray();
            LastResult = await sync.RunAsync(
                async (changes, ct) =>
                {
                    foreach (var handler in handlers)
                    {
                        await handler.HandleAsync(changes, ct).ConfigureAwait(false);
                    }
                },
                stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            PortfolioLog.MonitorTickFailed(_logger, ex);
        }
    }
}
