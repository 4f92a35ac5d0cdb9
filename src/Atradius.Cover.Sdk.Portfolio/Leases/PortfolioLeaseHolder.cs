using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk.Portfolio.Internal;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// One holding of a store lease for a piece of work: taken (waiting for it or not), renewed every third of its
/// duration until <see cref="ReleaseAsync"/>, and watched, so the work learns when the lease is lost or may lapse.
/// </summary>
/// <remarks>
/// The batch runner, the monitor and the report scheduler each hold their leases through this type, so they agree on
/// when a lease counts as lost and when new work may still start.
/// </remarks>
internal sealed class PortfolioLeaseHolder : IDisposable
{
    // A holder waiting for another looks again soon at first (a holder about to end frees the lease in a moment), then
    // at most once a second, which a database shared by several instances hardly notices.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly ICoverPortfolioStore _store;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly Action<Exception>? _storeFailed;
    private readonly Action? _lostCallback;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly object _gate = new();
    private PortfolioLease _lease;

    // Time left is judged on the local monotonic clock from when each grant was asked for, never from the lease's
    // ExpiresAt: that is on the store's clock, which may be another machine's or a test's.
    private long _askedAt;
    private bool _isLost;
    private bool _refused;
    private bool _stoppedStarting;
    private bool _released;
    private Task _renewal = Task.CompletedTask;

    private PortfolioLeaseHolder(ICoverPortfolioStore store, PortfolioLease lease, TimeSpan duration, TimeProvider time, long askedAt, Action<Exception>? storeFailed, Action? lost)
    {
        _store = store;
        _lease = lease;
        _duration = duration;
        _time = time;
        _askedAt = askedAt;
        _storeFailed = storeFailed;
        _lostCallback = lost;
    }

    /// <summary>The lease as last granted; its holder id and fencing token stay the same for the whole holding.</summary>
    public PortfolioLease Lease
    {
        get
        {
            lock (_gate)
            {
                return _lease;
            }
        }
    }

    /// <summary>Cancelled once the lease is lost, or may lapse before the next renewal: the work should stop then.</summary>
    public CancellationToken LostToken => _lost.Token;

    /// <summary>Whether the lease is lost, or may lapse before the next renewal.</summary>
    public bool IsLost
    {
        get
        {
            lock (_gate)
            {
                return _isLost;
            }
        }
    }

    /// <summary>Whether the store refused the lease: a renewal found it released or taken over, or a write under it was refused.</summary>
    public bool WasTakenOver
    {
        get
        {
            lock (_gate)
            {
                return _refused;
            }
        }
    }

    /// <summary>The length of what <see cref="ForOneHolding"/> adds to a configured holder id.</summary>
    public const int HoldingPartLength = 33;

    /// <summary>The longest holder id a setting may name: the store keeps the id with the part each holding adds.</summary>
    public const int LongestConfiguredHolderId = StoreArguments.LongestLeaseName - HoldingPartLength;

    /// <summary>
    /// The id one holding asks for the lease under: the configured id with a random part. The store grants a lease
    /// again, with the same fencing token, to the id that holds it; two instances configured with one id (from shared
    /// settings or a container image) would otherwise be one holder to it, both doing the lease's work at once with
    /// writes fencing cannot tell apart. With the part, they are two holders and one of them waits.
    /// </summary>
    /// <param name="holderId">The configured id, which logs and the lease row still show.</param>
    /// <returns>The id followed by <c>#</c> and 32 hexadecimal digits.</returns>
    public static string ForOneHolding(string holderId) => holderId + "#" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// This process as a holder: host name and process id. The default holder id of the monitor and the report
    /// scheduler; each holding adds its own random part (<see cref="ForOneHolding"/>).
    /// </summary>
    /// <returns>The host name and the process id, joined by <c>/</c>.</returns>
    public static string ThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        return Environment.MachineName + "/" + process.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Takes the lease if nobody else holds it, and starts renewing it.</summary>
    /// <param name="store">The store that grants the lease.</param>
    /// <param name="resource">What the lease is on.</param>
    /// <param name="holderId">Who asks.</param>
    /// <param name="duration">How long each grant lasts; renewed every third of it.</param>
    /// <param name="time">The clock that paces renewals and judges the time left.</param>
    /// <param name="storeFailed">Told of each error the store answers a renewal or the release with; optional.</param>
    /// <param name="lost">Called once when the lease is lost or may lapse, before <see cref="LostToken"/> is cancelled; optional.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The holding, or <see langword="null"/> when another holder has the lease.</returns>
    public static async Task<PortfolioLeaseHolder?> TryAcquireAsync(ICoverPortfolioStore store, string resource, string holderId, TimeSpan duration, TimeProvider time, Action<Exception>? storeFailed, Action? lost, CancellationToken cancellationToken)
    {
        var asked = time.GetTimestamp();
        var lease = await store.TryAcquireLeaseAsync(resource, holderId, duration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return null;
        }

        var holder = new PortfolioLeaseHolder(store, lease, duration, time, asked, storeFailed, lost);
        holder._renewal = holder.KeepRenewingAsync();
        return holder;
    }

    /// <summary>Takes the lease, waiting while another holder has it, and starts renewing it.</summary>
    /// <param name="store">The store that grants the lease.</param>
    /// <param name="resource">What the lease is on.</param>
    /// <param name="holderId">Who asks.</param>
    /// <param name="duration">How long each grant lasts; renewed every third of it.</param>
    /// <param name="time">The clock that paces renewals and the wait, and judges the time left.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The holding.</returns>
    public static async Task<PortfolioLeaseHolder> AcquireAsync(ICoverPortfolioStore store, string resource, string holderId, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        var poll = FirstPoll;
        var longestPoll = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, duration.Ticks / 3));
        while (true)
        {
            var holder = await TryAcquireAsync(store, resource, holderId, duration, time, storeFailed: null, lost: null, cancellationToken).ConfigureAwait(false);
            if (holder is not null)
            {
                return holder;
            }

            await DelayAsync(time, poll, cancellationToken).ConfigureAwait(false);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, longestPoll.Ticks));
        }
    }

    /// <summary>
    /// Whether new work may start under the lease: it is not lost and has at least half its duration left. Once it may
    /// not, it never may again in this holding.
    /// </summary>
    /// <returns><see langword="true"/> while new work may start.</returns>
    public bool MayStartWork()
    {
        lock (_gate)
        {
            // Renewed every third of its duration, a lease whose renewals succeed always has more than half left. Less
            // means a renewal failed or came late, and the store may soon let another holder take the lease; work
            // started now could run beside that holder's, so none starts.
            if (!_stoppedStarting && (_isLost || TimeLeft() < TimeSpan.FromTicks(_duration.Ticks / 2)))
            {
                _stoppedStarting = true;
            }

            return !_stoppedStarting;
        }
    }

    /// <summary>
    /// Asks the store now whether the lease is still this holder's, renewing it: for a step no fenced write guards, such
    /// as putting files in place, which an instance paused past its lease must not take over the holder that has it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the question.</param>
    /// <returns>True when the store renewed the lease; false when it is lost (then counted so).</returns>
    public async Task<bool> ConfirmHeldAsync(CancellationToken cancellationToken)
    {
        PortfolioLease lease;
        lock (_gate)
        {
            if (_isLost)
            {
                return false;
            }

            lease = _lease;
        }

        var asked = _time.GetTimestamp();
        PortfolioLease? renewed;
        try
        {
            renewed = await _store.RenewLeaseAsync(lease, _duration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store that blinked proves nothing either way, as for a renewal of the loop: the lease is judged held by
            // the time left on the local clock (a pause past the lease is in it), unless it may lapse before the next
            // renewal.
            _storeFailed?.Invoke(error);
            bool mayLapse;
            lock (_gate)
            {
                mayLapse = _isLost || TimeLeft() <= Period;
            }

            if (mayLapse)
            {
                Lose(refused: false);
                return false;
            }

            return true;
        }

        if (renewed is null)
        {
            Lose(refused: true);
            return false;
        }

        lock (_gate)
        {
            if (_isLost)
            {
                return false;
            }

            // A renewal of the loop's asked for later counts, not this one's.
            if (asked > _askedAt)
            {
                _lease = renewed;
                _askedAt = asked;
            }

            return true;
        }
    }

    /// <summary>Counts the lease lost because the store refused a write made under it: another holder has it now.</summary>
    public void MarkTakenOver() => Lose(refused: true);

    /// <summary>Stops renewing and gives the lease up, so a holder waiting for it starts at once; never throws.</summary>
    /// <returns>A task that completes when the lease is given up, or giving it up failed.</returns>
    public async Task ReleaseAsync()
    {
        PortfolioLease lease;
        TimeSpan timeLeft;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            _released = true;
        }

        _stop.Cancel();
        await _renewal.ConfigureAwait(false);
        lock (_gate)
        {
            // A lease the store refused is another holder's now; there is nothing of this holding to give up.
            if (_refused)
            {
                return;
            }

            lease = _lease;
            timeLeft = TimeLeft();
        }

        // A store that stopped answering must not hold a host's shutdown past its deadline: the lease lapses by itself
        // when its time is up, so giving it up is worth a short wait only.
        var bound = timeLeft > TimeSpan.Zero && timeLeft < LongestRelease ? timeLeft : LongestRelease;
        using var unanswered = CreateCancellationTokenSource(_time, bound);
        try
        {
            await _store.ReleaseLeaseAsync(lease, unanswered.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            if (error is OperationCanceledException && unanswered.IsCancellationRequested)
            {
                error = new TimeoutException("The store did not answer the lease release within " + bound + "; the lease lapses by itself.", error);
            }

            // The lease expires by itself: a store that cannot be reached (or a process dying) only makes the next
            // holder wait that long. The work's own outcome or error matters more than this one.
            _storeFailed?.Invoke(error);
        }
    }

    /// <summary>Frees the cancellation sources; call after <see cref="ReleaseAsync"/>.</summary>
    public void Dispose()
    {
        _stop.Dispose();
        _lost.Dispose();
    }

    private TimeSpan Period => TimeSpan.FromTicks(_duration.Ticks / 3);

    /// <summary>The longest wait for the store to give the lease up.</summary>
    private static TimeSpan LongestRelease => TimeSpan.FromSeconds(5);

    private TimeSpan TimeLeft() => _duration - _time.GetElapsedTime(_askedAt);

    private async Task KeepRenewingAsync()
    {
        var pause = Period;
        while (true)
        {
            try
            {
                await DelayAsync(_time, pause, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            PortfolioLease lease;
            TimeSpan timeLeft;
            lock (_gate)
            {
                if (_isLost)
                {
                    return;
                }

                lease = _lease;
                timeLeft = TimeLeft();
            }

            var asked = _time.GetTimestamp();
            PortfolioLease? renewed;

            // A store that does not answer (a database that stopped responding) must not keep the lease counted held
            // past its end, when another holder may take it: the renewal is given up then, and counts as failed. A lease
            // that already ran out (the process was paused) is left to the store's answer: it is still this holder's
            // when nobody took it meanwhile.
            using var unanswered = CreateCancellationTokenSource(_time, timeLeft > TimeSpan.Zero ? timeLeft : Timeout.InfiniteTimeSpan);
            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, unanswered.Token);
            try
            {
                renewed = await _store.RenewLeaseAsync(lease, _duration, renewal.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                if (error is OperationCanceledException && unanswered.IsCancellationRequested)
                {
                    error = new TimeoutException("The store did not answer the lease renewal before the lease could lapse.", error);
                }

                _storeFailed?.Invoke(error);

                // One failed renewal (a store that blinked) leaves the lease held for two thirds of its duration: the
                // work goes on and the next renewal is tried. Only when the lease may lapse before that one could
                // another holder take over, so the work stops then.
                bool mayLapse;
                lock (_gate)
                {
                    mayLapse = TimeLeft() <= Period;
                }

                if (!mayLapse)
                {
                    pause = Period;
                    continue;
                }

                Lose(refused: false);
                return;
            }

            if (renewed is null)
            {
                // Released, or taken over after it expired: another holder may be working now.
                Lose(refused: true);
                return;
            }

            lock (_gate)
            {
                if (_isLost)
                {
                    return;
                }

                _lease = renewed;
                _askedAt = asked;

                // The next renewal is due a third of the lease after this one was asked for, not after its answer: a
                // store that answered late (two thirds of the lease, say) left little of it, and waiting a whole third
                // more would let it run out while the work goes on.
                var sinceAsked = _time.GetElapsedTime(asked);
                pause = sinceAsked < Period ? Period - sinceAsked : TimeSpan.Zero;
            }
        }
    }

    private void Lose(bool refused)
    {
        lock (_gate)
        {
            _refused |= refused;
            if (_isLost)
            {
                return;
            }

            _isLost = true;
        }

        _lostCallback?.Invoke();
        try
        {
            _lost.Cancel();
        }
        catch (AggregateException)
        {
            // Work registered on the lost token threw when cancelled; every registration ran all the same, and the
            // renewal that found the lease lost must go on to its end, or releasing the lease would throw.
        }
    }

    private static CancellationTokenSource CreateCancellationTokenSource(TimeProvider time, TimeSpan delay) =>
#if NET8_0_OR_GREATER
        new(delay, time);
#else
        time.CreateCancellationTokenSource(delay);
#endif

    private static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, time, cancellationToken);
#else
        time.Delay(delay, cancellationToken);
#endif
}
