namespace Atradius.Cover.Sdk;

/// <summary>
/// A streamed answer's body that says, once, when the call it belongs to is over: read to its end (no failure), failed
/// while read (the failure), or given up before its end (disposed, no failure: the caller stopped reading). The body
/// passes through as it is read; nothing is read ahead of the caller.
/// </summary>
internal sealed class CallEndingContent : PassThroughContent
{
    private readonly Action<Exception?> _end;

    public CallEndingContent(HttpContent inner, Action<Exception?> end)
        : base(inner) => _end = end;

    protected override Stream Wrap(Stream body) => new EndingStream(body, _end);

    protected override void OnOpenFailed(Exception error) => _end(error);

    protected override void Dispose(bool disposing)
    {
        // Given up, read or not: a body failure seen before was reported first, and this is then nothing.
        if (disposing)
        {
            _end(null);
        }

        base.Dispose(disposing);
    }

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
