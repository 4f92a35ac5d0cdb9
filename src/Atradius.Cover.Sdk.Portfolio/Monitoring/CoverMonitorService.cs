using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Runs the portfolio sync on an interval, for as long as the host runs. The state lives in the store, so a
/// restart picks up where the last commit left off. The instance syncs only while it holds the store's lease on the
/// portfolio: with a shared store (PostgreSQL) several instances can run and exactly one syncs at a time; when it
/// dies, another takes over once the lease has expired. The sync's commits carry the lease, so an instance paused past
/// its lease has its next commit refused by the store rather than written beside the new holder's.
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

    // The last error the store answered outside a sync (start-up, the lease), so that the store answering again clears
    // it from the status while leaving a failed sync's error in place.
    private Exception? _storeError;

    /// <summary>Creates the monitor.</summary>
    /// <param name="store">The store that keeps the portfolio.</param>
    /// <param name="source">Where the lists are read.</param>
    /// <param name="handler">Receives the classified changes.</param>
    /// <param name="options">
    /// The options; <see cref="CoverMonitorOptions.PortfolioKey"/> is required here. Copied: a later change to them
    /// does not reach this monitor.
    /// </param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public CoverMonitorService(ICoverPortfolioStore store, ICoverPortfolioSource source, ICoverChangeHandler handler, CoverMonitorOptions options, ILogger<CoverMonitorService>? logger = null, TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        // A validated copy: a change to the caller's object (the IOptions value is a shared singleton) would otherwise
        // reach the running monitor unchecked: an Interval a timer refuses, a lease on another key than the sync's.
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Clone();
        _options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _sync = new CoverPortfolioSync(
            source ?? throw new ArgumentNullException(nameof(source)),
            store,
            new CoverPortfolioSyncOptions
            {
                PortfolioKey = _options.PortfolioKey,
                FullReconciliationInterval = _options.FullReconciliationInterval,
                ChangedSinceOverlap = _options.ChangedSinceOverlap,
                ChunkSize = _options.ChunkSize,
                IncludeApplications = _options.IncludeApplications,
                IncludeBuyerRatings = _options.IncludeBuyerRatings,
            },
            _time);
    }

    /// <summary>Where the monitor stands now.</summary>
    public CoverMonitorStatus Status => Volatile.Read(ref _status);

    /// <summary>The name of the lease the monitor takes in the store.</summary>
    public string LeaseResource => "portfolio-sync/" + _options.PortfolioKey;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PortfolioLeaseHolder? lease = null;
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
                var failed = lease is not null && !await SyncHoldingLeaseAsync(lease, stoppingToken).ConfigureAwait(false);
                await WaitAsync(lease, failed, stoppingToken).ConfigureAwait(false);
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
            StoreFailed(error);
            return false;
        }
    }

    private async Task<PortfolioLeaseHolder?> TakeOrKeepLeaseAsync(PortfolioLeaseHolder? lease, CancellationToken cancellationToken)
    {
        if (lease is not null)
        {
            if (!lease.IsLost)
            {
                return lease;
            }

            await ReleaseAsync(lease).ConfigureAwait(false);
        }

        try
        {
            // The holder renews the lease every third of its duration from now on, during syncs and between them.
            var taken = await PortfolioLeaseHolder.TryAcquireAsync(_store, LeaseResource, PortfolioLeaseHolder.ForOneHolding(_options.HolderId), _options.LeaseDuration, _time, StoreFailed, LeaseLost, cancellationToken).ConfigureAwait(false);
            if (taken is not null)
            {
                CoverMonitorLog.LeaseTaken(_logger, _options.PortfolioKey, taken.Lease.HolderId);
            }

            // The store answered: an error it gave before is over. Without the lease no sync comes to clear it, and an
            // instance waiting as a standby would be reported failing for good after one moment the store was away.
            var storeError = Volatile.Read(ref _storeError);
            UpdateStatus(s => s with
            {
                IsLeaseHolder = taken is not null,
                LastError = storeError is not null && ReferenceEquals(s.LastError, storeError) ? null : s.LastError,
            });
            return taken;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store that cannot be reached cannot grant the lease: act as if not holding it, and try again later.
            UpdateStatus(s => s with { IsLeaseHolder = false });
            StoreFailed(error);
            return null;
        }
    }

    /// <returns>False when the sync failed; true when it completed or stopped because the lease was lost.</returns>
    private async Task<bool> SyncHoldingLeaseAsync(PortfolioLeaseHolder lease, CancellationToken stoppingToken)
    {
        // Once the lease is lost, or may lapse before its next renewal, another instance may take over: the sync stops
        // writing then.
        using var syncCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.LostToken);
        var completed = false;
        try
        {
            // The sync's commits carry the lease: the store refuses them once another instance has taken it over,
            // also when this one was paused past it and has not noticed yet.
            var result = await _sync.SyncAsync(_handler, lease.Lease, syncCancellation.Token).ConfigureAwait(false);
            completed = true;
            CoverMonitorLog.Synced(_logger, _options.PortfolioKey, result);
            UpdateStatus(s => s with { CompletedSyncs = s.CompletedSyncs + 1, LastResult = result, LastError = null });
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PortfolioLeaseLostException error)
        {
            lease.MarkTakenOver();
            UpdateStatus(s => s with { LastError = error });
            return true;
        }
        catch (OperationCanceledException) when (lease.IsLost)
        {
            // Stopped because the lease was lost, as the log and Status.IsLeaseHolder already say (with the store's
            // error when renewals failed): no sync failed, and the next holder syncs.
            return true;
        }
        catch (Exception error)
        {
            CoverMonitorLog.SyncFailed(_logger, _options.PortfolioKey, error);
            UpdateStatus(s => s with { LastError = error });
            return false;
        }
        finally
        {
            await EndSyncScopeAsync(completed).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Releases the scope the sync's handlers were resolved in. A scoped service that fails as it is disposed is the
    /// sync's failure, logged and kept in the status like any other, never one that stops the host; its changes were
    /// delivered when its handler returned, so a handler finishes its work there, not on dispose.
    /// </summary>
    /// <param name="completed">Whether the sync ran to its end.</param>
    private async Task EndSyncScopeAsync(bool completed)
    {
        if (_handler is not ScopedChangeHandlers scoped)
        {
            return;
        }

        try
        {
            await scoped.EndSyncAsync(completed).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            CoverMonitorLog.SyncFailed(_logger, _options.PortfolioKey, error);
            UpdateStatus(s => s with { LastError = error });
        }
    }

    private void StoreFailed(Exception error)
    {
        CoverMonitorLog.StoreFailed(_logger, _options.PortfolioKey, RenewalPeriod, error);
        Volatile.Write(ref _storeError, error);
        UpdateStatus(s => s with { LastError = error });
    }

    private void LeaseLost()
    {
        CoverMonitorLog.LeaseLost(_logger, _options.PortfolioKey);
        UpdateStatus(s => s with { IsLeaseHolder = false });
    }

    private async Task WaitAsync(PortfolioLeaseHolder? lease, bool syncFailed, CancellationToken stoppingToken)
    {
        if (lease is { IsLost: false })
        {
            // A holder keeps its lease while it waits (the lease holder renews it); losing it ends the wait, and the
            // instance then waits as one without it. A failed sync is tried again no sooner than a renewal comes:
            // with a short Interval, a sync that fails at once (a wrong secret, a handler that throws) would otherwise
            // run in a loop, against the service and the handler alike.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.LostToken);
            try
            {
                await DelayAsync(syncFailed ? Max(_options.Interval, RenewalPeriod) : _options.Interval, wait.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }

        // An instance without the lease looks again often enough to take over soon after a holder dies, but never
        // without a pause (an interval of zero would ask the store in a loop).
        await DelayAsync(_options.Interval > TimeSpan.Zero ? Min(_options.Interval, RenewalPeriod) : RenewalPeriod, stoppingToken).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(PortfolioLeaseHolder lease)
    {
        // Never throws: the lease expires by itself, and a failed release only delays the next holder (the error is
        // logged through StoreFailed).
        await lease.ReleaseAsync().ConfigureAwait(false);
        lease.Dispose();
        UpdateStatus(s => s with { IsLeaseHolder = false });
    }

    private TimeSpan RenewalPeriod => TimeSpan.FromTicks(_options.LeaseDuration.Ticks / 3);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, _time, cancellationToken);
#else
        _time.Delay(delay, cancellationToken);
#endif

    // The main loop and the lease holder's renewals update the status at the same time. A plain read of the status
    // followed by a write of its copy would let one overwrite the other (a sync counted, then undone by a renewal's
    // "lease lost" built on the status from before), so each update is applied to the status it read, or read again.
    private void UpdateStatus(Func<CoverMonitorStatus, CoverMonitorStatus> update)
    {
        var current = Volatile.Read(ref _status);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _status, update(current), current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }
}
