using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Runs the portfolio sync on an interval, for as long as the host runs. The state lives in the store, so a
/// restart picks up where the last commit left off. The instance syncs only while it holds the store's lease on the
/// portfolio: with a shared store (PostgreSQL) several instances can run and exactly one syncs at a time; when it
/// dies, another takes over once the lease has expired.
/// </summary>
public sealed class CoverMonitorService : BackgroundService
{
    private readonly ICoverPortfolioStore _store;
    private readonly ICoverChangeHandler _handler;
    private readonly CoverMonitorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CoverPortfolioSync _sync;
    private CoverMonitorStatus _status = new();

    /// <summary>Creates the monitor.</summary>
    /// <param name="store">The store that keeps the portfolio.</param>
    /// <param name="source">Where the lists are read.</param>
    /// <param name="handler">Receives the classified changes.</param>
    /// <param name="options">The options; <see cref="CoverMonitorOptions.PortfolioKey"/> is required here.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public CoverMonitorService(ICoverPortfolioStore store, ICoverPortfolioSource source, ICoverChangeHandler handler, CoverMonitorOptions options, ILogger<CoverMonitorService>? logger = null, TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _sync = new CoverPortfolioSync(
            source ?? throw new ArgumentNullException(nameof(source)),
            store,
            new CoverPortfolioSyncOptions { PortfolioKey = options.PortfolioKey, FullReconciliationInterval = options.FullReconciliationInterval },
            _time);
    }

    /// <summary>Where the monitor stands now.</summary>
    public CoverMonitorStatus Status => Volatile.Read(ref _status);

    /// <summary>The name of the lease the monitor takes in the store.</summary>
    public string LeaseResource => "portfolio-sync/" + _options.PortfolioKey;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PortfolioLease? lease = null;
        try
        {
            while (!await TryInitializeStoreAsync(stoppingToken).ConfigureAwait(false))
            {
                // A store not reachable yet (a database starting beside the host) is tried again, as later on.
                await DelayAsync(RenewalPeriod, stoppingToken).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                lease = await TakeOrKeepLeaseAsync(lease, stoppingToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    lease = await SyncHoldingLeaseAsync(lease, stoppingToken).ConfigureAwait(false);
                }

                lease = await WaitAsync(lease, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            if (lease is not null)
            {
                await ReleaseAsync(lease).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> TryInitializeStoreAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _store.InitializeAsync(stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            CoverMonitorLog.SyncFailed(_logger, _options.PortfolioKey, error);
            SetStatus(_status with { LastError = error });
            return false;
        }
    }

    private async Task<PortfolioLease?> TakeOrKeepLeaseAsync(PortfolioLease? lease, CancellationToken cancellationToken)
    {
        try
        {
            var next = lease is null
                ? await _store.TryAcquireLeaseAsync(LeaseResource, _options.HolderId, _options.LeaseDuration, cancellationToken).ConfigureAwait(false)
                : await _store.RenewLeaseAsync(lease, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null && next is not null)
            {
                CoverMonitorLog.LeaseTaken(_logger, _options.PortfolioKey, _options.HolderId);
            }
            else if (lease is not null && next is null)
            {
                CoverMonitorLog.LeaseLost(_logger, _options.PortfolioKey);
            }

            SetStatus(_status with { IsLeaseHolder = next is not null });
            return next;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store that cannot be reached cannot grant the lease: act as if not holding it, and try again later.
            CoverMonitorLog.SyncFailed(_logger, _options.PortfolioKey, error);
            SetStatus(_status with { IsLeaseHolder = false, LastError = error });
            return null;
        }
    }

    private async Task<PortfolioLease?> SyncHoldingLeaseAsync(PortfolioLease lease, CancellationToken stoppingToken)
    {
        using var syncCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewalStop = new CancellationTokenSource();
        var renewal = KeepRenewingAsync(lease, syncCancellation, renewalStop.Token);
        try
        {
            var result = await _sync.SyncAsync(_handler, syncCancellation.Token).ConfigureAwait(false);
            CoverMonitorLog.Synced(_logger, _options.PortfolioKey, result);
            SetStatus(_status with { CompletedSyncs = _status.CompletedSyncs + 1, LastResult = result, LastError = null });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            CoverMonitorLog.SyncFailed(_logger, _options.PortfolioKey, error);
            SetStatus(_status with { LastError = error });
        }
        finally
        {
            renewalStop.Cancel();
        }

        var kept = await renewal.ConfigureAwait(false);
        SetStatus(_status with { IsLeaseHolder = kept is not null });
        return kept;
    }

    /// <summary>
    /// Renews the lease every third of its duration while a sync runs; cancels the sync once the lease is lost, or
    /// once renewals have failed until less than a third of it is left.
    /// </summary>
    private async Task<PortfolioLease?> KeepRenewingAsync(PortfolioLease lease, CancellationTokenSource sync, CancellationToken stop)
    {
        var current = lease;
        var heldSince = _time.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await DelayAsync(RenewalPeriod, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return current;
            }

            var asked = _time.GetTimestamp();
            try
            {
                var renewed = await _store.RenewLeaseAsync(current, _options.LeaseDuration, CancellationToken.None).ConfigureAwait(false);
                if (renewed is not null)
                {
                    current = renewed;
                    heldSince = asked;
                    continue;
                }

                CoverMonitorLog.LeaseLost(_logger, _options.PortfolioKey);
            }
            catch (Exception error)
            {
                // One failed renewal (a store that blinked) leaves the lease held for two thirds of its duration: a
                // long sync goes on, and the next renewal is tried. Only when the lease may lapse before it does
                // could another instance take over, so the sync stops then.
                CoverMonitorLog.SyncFailed(_logger, _options.PortfolioKey, error);
                SetStatus(_status with { LastError = error });
                if (_time.GetElapsedTime(heldSince) + RenewalPeriod < _options.LeaseDuration)
                {
                    continue;
                }
            }

            // Another instance may take over now: stop writing.
            SetStatus(_status with { IsLeaseHolder = false });
            sync.Cancel();
            return null;
        }

        return current;
    }

    private async Task<PortfolioLease?> WaitAsync(PortfolioLease? lease, CancellationToken stoppingToken)
    {
        // A holder keeps its lease while it waits; an instance without it looks again often enough to take over
        // soon after a holder dies, but never without a pause (an interval of zero would ask the store in a loop).
        var remaining = lease is null ? (_options.Interval > TimeSpan.Zero ? Min(_options.Interval, RenewalPeriod) : RenewalPeriod) : _options.Interval;
        while (remaining > TimeSpan.Zero)
        {
            var step = Min(remaining, RenewalPeriod);
            await DelayAsync(step, stoppingToken).ConfigureAwait(false);
            remaining -= step;
            if (lease is not null && remaining > TimeSpan.Zero)
            {
                lease = await TakeOrKeepLeaseAsync(lease, stoppingToken).ConfigureAwait(false);
                if (lease is null)
                {
                    return null;
                }
            }
        }

        return lease;
    }

    private async Task ReleaseAsync(PortfolioLease lease)
    {
        try
        {
            await _store.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // The lease expires by itself; a failed release only delays the next holder.
            CoverMonitorLog.SyncFailed(_logger, _options.PortfolioKey, error);
        }

        SetStatus(_status with { IsLeaseHolder = false });
    }

    private TimeSpan RenewalPeriod => TimeSpan.FromTicks(_options.LeaseDuration.Ticks / 3);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, _time, cancellationToken);
#else
        _time.Delay(delay, cancellationToken);
#endif

    private void SetStatus(CoverMonitorStatus status) => Volatile.Write(ref _status, status);
}
