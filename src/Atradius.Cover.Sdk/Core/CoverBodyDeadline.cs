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
    /// Starts the same deadline for a caller that reads a body in one go with the returned token, which is cheaper
    /// than replacing the content; a read cancelled by it is reported with <see cref="TimedOut"/>. Null when the
    /// limit is infinite.
    /// </summary>
    public static CancellationTokenSource? Start(TimeSpan limit, CancellationToken cancellationToken)
    {
        if (limit <= TimeSpan.Zero || limit == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var deadline = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        deadline.CancelAfter(limit);
        return deadline;
    }

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
