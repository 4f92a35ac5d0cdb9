using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A response body logged as the SDK reads it, once read to its end or given up. Buffered ahead of the SDK, a body
/// that stalls held the call for as long as the caller waited, out of reach of the attempt's time limit, and a list
/// was held whole in memory. At most <see cref="MaxLoggedBytes"/> of it are kept for the log line.
/// </summary>
internal sealed class LoggedResponseContent : PassThroughContent
{
    internal const int MaxLoggedBytes = 64 * 1024;

    private readonly Action<string> _log;
    private int _read;

    public LoggedResponseContent(HttpContent inner, Action<string> log)
        : base(inner) => _log = log;

    protected override Stream Wrap(Stream body)
    {
        Interlocked.Exchange(ref _read, 1);
        return new LoggingStream(body, _log);
    }

    protected override void Dispose(bool disposing)
    {
        // Given up before anyone read it: logged as such, once.
        if (disposing && Interlocked.Exchange(ref _read, 1) == 0)
        {
            _log("(not read)");
        }

        base.Dispose(disposing);
    }

    /// <summary>Passes the body through as it is read, keeping its first bytes, and logs them once.</summary>
    private sealed class LoggingStream(Stream inner, Action<string> log) : ReadOnlyWrapperStream(inner)
    {
        private readonly MemoryStream _kept = new();
        private long _total;
        private int _logged;

        public override int Read(byte[] buffer, int offset, int count) => Seen(buffer, offset, Inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
#if NET5_0_OR_GREATER
            Seen(buffer, offset, await Inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));
#else
            Seen(buffer, offset, await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));
#endif

#if NET5_0_OR_GREATER
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Keep(buffer.Span.Slice(0, read));
            if (read == 0)
            {
                Log(complete: true);
            }

            return read;
        }
#endif

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Log(complete: false);
            }

            base.Dispose(disposing);
        }

        private int Seen(byte[] buffer, int offset, int read)
        {
            Keep(new ReadOnlySpan<byte>(buffer, offset, read));
            if (read == 0)
            {
                Log(complete: true);
            }

            return read;
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            _total += bytes.Length;
            var room = MaxLoggedBytes - (int)_kept.Length;
            if (room > 0)
            {
                var kept = bytes.Slice(0, Math.Min(room, bytes.Length));
#if NET5_0_OR_GREATER
                _kept.Write(kept);
#else
                var copy = kept.ToArray();
                _kept.Write(copy, 0, copy.Length);
#endif
            }
        }

        // Once: at the end of the body, or when the body is given up before it (disposed unread, or cut short).
        private void Log(bool complete)
        {
            if (Interlocked.Exchange(ref _logged, 1) != 0)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
            if (_total > _kept.Length)
            {
                text += " … (" + (_total - _kept.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes more)";
            }

            log(complete ? text : text + " … (not read to its end)");
        }
    }
}
