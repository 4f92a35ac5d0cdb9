using System.Globalization;
using System.Net;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Bounds the time an answer's body may take to arrive. Bodies are read after the resilience pipeline has returned
/// (list pages stream), so no attempt timeout covers them: a server or proxy that sends the headers and then stops
/// would otherwise hold the call for ever. The body gets the client's total timeout, counted from the headers.
/// </summary>
internal sealed class CoverBodyDeadline : HttpContent
{
    private readonly HttpContent _inner;
    private readonly TimeSpan _limit;

    private CoverBodyDeadline(HttpContent inner, TimeSpan limit)
    {
        _inner = inner;
        _limit = limit;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>Replaces the response's content with one whose body must arrive within <paramref name="limit"/>.</summary>
    public static void Apply(HttpResponseMessage response, TimeSpan limit)
    {
        if (response.Content is { } content and not CoverBodyDeadline && limit > TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            response.Content = new CoverBodyDeadline(content, limit);
        }
    }

    /// <summary>
    /// The same deadline for a caller that reads a body in one go with <see cref="CancellationTokenSource.Token"/>, which is cheaper
    /// than replacing the content; a read cancelled by it is reported with <see cref="TimedOut"/>. Its timer only
    /// starts when a read has to wait (<see cref="Watch{T}(Source?, Task{T})"/>): the body of a small answer is
    /// usually in memory when the headers arrive, and then the deadline costs no timer at all. Null when the limit
    /// is infinite.
    /// </summary>
    public static Source? Start(TimeSpan limit, CancellationToken cancellationToken)
    {
        if (limit <= TimeSpan.Zero || limit == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var deadline = new Source(limit, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            deadline.Arm();
        }

        return deadline;
    }

    /// <summary>Starts <paramref name="deadline"/>'s timer if <paramref name="read"/> has to wait; returns it unchanged.</summary>
    public static Task<T> Watch<T>(Source? deadline, Task<T> read)
    {
        if (deadline is not null && !read.IsCompleted)
        {
            deadline.Arm();
        }

        return read;
    }

#if NET5_0_OR_GREATER
    /// <summary>Starts <paramref name="deadline"/>'s timer if <paramref name="read"/> has to wait; returns it unchanged.</summary>
    public static ValueTask<T> Watch<T>(Source? deadline, ValueTask<T> read)
    {
        if (deadline is not null && !read.IsCompleted)
        {
            deadline.Arm();
        }

        return read;
    }
#endif

    /// <summary>The failure of a body that did not arrive within <paramref name="limit"/> of its headers.</summary>
    public static TimeoutException TimedOut(TimeSpan limit, Exception inner) =>
        new(string.Format(CultureInfo.InvariantCulture, "the body of the answer did not arrive within {0:0.###} s of its headers", limit.TotalSeconds), inner);

    protected override async Task<Stream> CreateContentReadStreamAsync()
    {
        var stream = await _inner.ReadAsStreamAsync().ConfigureAwait(false);
        return new DeadlineStream(stream, _limit);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var source = await CreateContentReadStreamAsync().ConfigureAwait(false);
        await source.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// A body deadline counted from the headers whose timer, and whose link to the caller's token, are made only
    /// when a read has to wait (<see cref="Arm"/>): a read that completes at once can neither stall nor be
    /// cancelled while it runs, so until then the source needs neither.
    /// </summary>
    internal sealed class Source : CancellationTokenSource
    {
        private readonly CancellationToken _caller;
        private readonly int _headersAt;
        private CancellationTokenRegistration _link;
        private bool _armed;

        internal Source(TimeSpan limit, CancellationToken caller)
        {
            Limit = limit;
            _caller = caller;
            _headersAt = Environment.TickCount;
        }

        /// <summary>How long the body may take after its headers.</summary>
        public TimeSpan Limit { get; }

        /// <summary>Starts the timer for what is left of <see cref="Limit"/> and follows the caller's token; once.</summary>
        public void Arm()
        {
            if (_armed)
            {
                return;
            }

            _armed = true;
            if (_caller.CanBeCanceled)
            {
                _link = _caller.Register(static source => ((Source)source!).Cancel(), this);
            }

            var left = Limit - TimeSpan.FromMilliseconds(unchecked(Environment.TickCount - _headersAt));
            if (left <= TimeSpan.Zero)
            {
                Cancel();
            }
            else
            {
                CancelAfter(left);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _link.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class DeadlineStream : Stream
    {
        private readonly Stream _inner;
        private readonly TimeSpan _limit;
        private readonly CancellationTokenSource _deadline;

        public DeadlineStream(Stream inner, TimeSpan limit)
        {
            _inner = inner;
            _limit = limit;
            _deadline = new CancellationTokenSource(limit);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
            try
            {
#if NET5_0_OR_GREATER
                return await _inner.ReadAsync(buffer.AsMemory(offset, count), linked.Token).ConfigureAwait(false);
#else
                return await _inner.ReadAsync(buffer, offset, count, linked.Token).ConfigureAwait(false);
#endif
            }
            catch (OperationCanceledException ex) when (_deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(ex);
            }
        }

#if NET5_0_OR_GREATER
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
            try
            {
                return await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (_deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(ex);
            }
        }
#endif

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _deadline.Dispose();
            }

            base.Dispose(disposing);
        }

        private TimeoutException TimedOut(Exception inner) => CoverBodyDeadline.TimedOut(_limit, inner);
    }
}
