using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Bounds how long one read of a streamed answer's body may wait. Lists are read after the resilience pipeline
/// has returned (they stream), so no attempt timeout covers their bodies: a server or proxy that sends the
/// headers and then stops would otherwise hold the enumeration for ever. The bound is per read, not for the
/// whole body, so a 100,000-cover list that keeps arriving (or a caller that takes its time with each cover)
/// is never cut; a read that waits longer fails with a <see cref="TimeoutException"/>, which the list treats
/// like a cut body.
/// </summary>
internal static class CoverBodyDeadline
{
    /// <summary>
    /// The body's stream with every read bounded by <paramref name="limit"/>. The stream is wrapped where the list
    /// reads it rather than the response's content being replaced, so nothing (headers included) is copied.
    /// </summary>
    public static Stream Guard(Stream body, TimeSpan limit) =>
        body is StallGuardStream || limit <= TimeSpan.Zero || limit == Timeout.InfiniteTimeSpan
            ? body
            : new StallGuardStream(body, limit);

    private sealed class StallGuardStream : ReadOnlyWrapperStream
    {
        private readonly TimeSpan _limit;

        // One source for the whole body (not one per read): it is re-armed before each read and disarmed after it,
        // so a caller taking its time between covers is never cut. A new one is made only when the caller's token
        // changes or the previous one fired.
        private CancellationTokenSource? _stall;
        private CancellationToken _linkedTo;

        public StallGuardStream(Stream inner, TimeSpan limit)
            : base(inner)
        {
            _limit = limit;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var stall = Arm(cancellationToken);
            try
            {
#if NET5_0_OR_GREATER
                return await Inner.ReadAsync(buffer.AsMemory(offset, count), stall.Token).ConfigureAwait(false);
#else
                return await Inner.ReadAsync(buffer, offset, count, stall.Token).ConfigureAwait(false);
#endif
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Stalled(ex);
            }
            finally
            {
                Disarm(stall);
            }
        }

#if NET5_0_OR_GREATER
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var stall = Arm(cancellationToken);
            try
            {
                return await Inner.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Stalled(ex);
            }
            finally
            {
                Disarm(stall);
            }
        }
#endif

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stall?.Dispose();
                _stall = null;
            }

            base.Dispose(disposing);
        }

        private static void Disarm(CancellationTokenSource stall)
        {
            try
            {
                stall.CancelAfter(Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The stream was disposed while the read was pending.
            }
        }

        private CancellationTokenSource Arm(CancellationToken cancellationToken)
        {
            if (_stall is null || _stall.IsCancellationRequested || _linkedTo != cancellationToken)
            {
                _stall?.Dispose();
                _stall = cancellationToken.CanBeCanceled
                    ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
                    : new CancellationTokenSource();
                _linkedTo = cancellationToken;
            }

            _stall.CancelAfter(_limit);
            return _stall;
        }

        private TimeoutException Stalled(Exception inner) =>
            new(string.Format(CultureInfo.InvariantCulture, "the body of the answer stopped arriving for {0:0.###} s", _limit.TotalSeconds), inner);
    }
}
