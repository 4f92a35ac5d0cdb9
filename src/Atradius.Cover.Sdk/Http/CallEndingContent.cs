using System.Net;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A streamed answer's body that says, once, when the call it belongs to is over: read to its end (no failure), failed
/// while read (the failure), or given up before its end (disposed, no failure: the caller stopped reading). The body
/// passes through as it is read; nothing is read ahead of the caller.
/// </summary>
internal sealed class CallEndingContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Action<Exception?> _end;

    public CallEndingContent(HttpContent inner, Action<Exception?> end)
    {
        _inner = inner;
        _end = end;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var body = await CreateContentReadStreamAsync().ConfigureAwait(false);
        await body.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override async Task<Stream> CreateContentReadStreamAsync() =>
        Ending(await Opening(_inner.ReadAsStreamAsync()).ConfigureAwait(false));

#if NET5_0_OR_GREATER
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var body = CreateContentReadStream(cancellationToken);
        body.CopyTo(stream);
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        Ending(await Opening(_inner.ReadAsStreamAsync(cancellationToken)).ConfigureAwait(false));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
    {
        try
        {
            return Ending(_inner.ReadAsStream(cancellationToken));
        }
        catch (Exception ex)
        {
            _end(ex);
            throw;
        }
    }
#endif

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Given up, read or not: a body failure seen before was reported first, and this is then nothing.
            _end(null);
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<Stream> Opening(Task<Stream> opening)
    {
        try
        {
            return await opening.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _end(ex);
            throw;
        }
    }

    private EndingStream Ending(Stream body) => new(body, _end);

    /// <summary>Passes the body through, reporting its end, a failed read, or its disposal.</summary>
    private sealed class EndingStream(Stream inner, Action<Exception?> end) : ReadOnlyWrapperStream(inner)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Seen(Inner.Read(buffer, offset, count), count);
            }
            catch (Exception ex)
            {
                end(ex);
                throw;
            }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
#if NET5_0_OR_GREATER
                return Seen(await Inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false), count);
#else
                return Seen(await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false), count);
#endif
            }
            catch (Exception ex)
            {
                end(ex);
                throw;
            }
        }

#if NET5_0_OR_GREATER
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Seen(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);
            }
            catch (Exception ex)
            {
                end(ex);
                throw;
            }
        }
#endif

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                end(null);
            }

            base.Dispose(disposing);
        }

        // A read of nothing that asked for something is the end of the body (a zero-byte read only waits for data).
        private int Seen(int read, int asked)
        {
            if (read == 0 && asked > 0)
            {
                end(null);
            }

            return read;
        }
    }
}
