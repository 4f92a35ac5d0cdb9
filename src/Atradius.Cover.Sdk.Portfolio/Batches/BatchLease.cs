using System.Diagnostics;
using System.Globalization;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// A run's hold on its batch, kept in the store's lease on the batch: taken before the run touches an item, renewed
/// while it runs, given up when it ends.
/// </summary>
internal sealed class BatchLease : IDisposable
{
    // A run waiting for another looks again soon at first (a run about to end frees the batch in a moment), then at most
    // once a second, which a database shared by several instances hardly notices.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly ICoverPortfolioStore _store;
    private readonly TimeSpan _duration;

    // Time left is judged on this process's monotonic clock from when each grant was asked for, not from the lease's
    // ExpiresAt: that is on the store's clock, which may be another machine's or a test's.
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private PortfolioLease _lease;
    private TimeSpan _heldUntil;
    private bool _lost;
    private bool _stoppedSending;
    private Task _renewal = Task.CompletedTask;

    private BatchLease(ICoverPortfolioStore store, PortfolioLease lease, TimeSpan duration, Stopwatch clock, TimeSpan heldUntil)
    {
        _store = store;
        _lease = lease;
        _duration = duration;
        _clock = clock;
        _heldUntil = heldUntil;
    }

    /// <summary>
    /// Takes the lease on <paramref name="resource"/> under a holder id of its own, waiting while another holder has
    /// it, and keeps renewing it every third of <paramref name="duration"/> until <see cref="ReleaseAsync"/>.
    /// </summary>
    public static async Task<BatchLease> AcquireAsync(ICoverPortfolioStore store, string resource, TimeSpan duration, CancellationToken cancellationToken)
    {
        // A holder id per run, not per runner or process: two runs of one batch in the same process must exclude each
        // other too.
        var holderId = Environment.MachineName + "/" + ProcessId() + "/" + Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        var poll = FirstPoll;
        var longestPoll = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, duration.Ticks / 3));
        while (true)
        {
            var asked = clock.Elapsed;
            var lease = await store.TryAcquireLeaseAsync(resource, holderId, duration, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                var held = new BatchLease(store, lease, duration, clock, asked + duration);
                held._renewal = held.KeepRenewingAsync();
                return held;
            }

            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, longestPoll.Ticks));
        }
    }

    /// <summary>
    /// Whether the run may start sending an application: the lease is still its own, with at least half its duration
    /// left. Once it may not, it never may again in this run.
    /// </summary>
    public bool MaySend()
    {
        lock (_gate)
        {
            // Renewed every third of its duration, a lease whose renewals succeed always has more than half left. Less
            // means a renewal failed or came late, and the store may soon let another run take the batch; that run would
            // take this run's items in flight for a dead run's and send them again, so this run sends nothing more.
            if (!_stoppedSending && (_lost || _heldUntil - _clock.Elapsed < TimeSpan.FromTicks(_duration.Ticks / 2)))
            {
                _stoppedSending = true;
            }

            return !_stoppedSending;
        }
    }

    /// <summary>Stops renewing and gives the lease up, so a run waiting for the batch starts at once; never throws.</summary>
    public async Task ReleaseAsync()
    {
        _stop.Cancel();
        await _renewal.ConfigureAwait(false);
        PortfolioLease lease;
        lock (_gate)
        {
            if (_lost)
            {
                return;
            }

            lease = _lease;
        }

        try
        {
            await _store.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The lease expires by itself: a store that cannot be reached (or a process dying) only makes the next run
            // of the batch wait that long. The run's own outcome or error matters more than this one.
        }
    }

    /// <summary>Frees the renewal's cancellation; call after <see cref="ReleaseAsync"/>.</summary>
    public void Dispose() => _stop.Dispose();

    private async Task KeepRenewingAsync()
    {
        var period = TimeSpan.FromTicks(_duration.Ticks / 3);
        while (true)
        {
            try
            {
                await Task.Delay(period, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            PortfolioLease lease;
            lock (_gate)
            {
                lease = _lease;
            }

            var asked = _clock.Elapsed;
            PortfolioLease? renewed;
            try
            {
                renewed = await _store.RenewLeaseAsync(lease, _duration, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The store may answer the next renewal; until one succeeds, MaySend sees the time left run down.
                continue;
            }

            lock (_gate)
            {
                if (renewed is null)
                {
                    // Released or taken over after it expired: another run may be working on the batch.
                    _lost = true;
                    return;
                }

                _lease = renewed;
                _heldUntil = asked + _duration;
            }
        }
    }

    private static string ProcessId()
    {
        using var process = Process.GetCurrentProcess();
        return process.Id.ToString(CultureInfo.InvariantCulture);
    }
}
