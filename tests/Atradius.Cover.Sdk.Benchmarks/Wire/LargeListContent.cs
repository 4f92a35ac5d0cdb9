using System.Net;

namespace Atradius.Cover.Sdk.Benchmarks.Wire;

/// <summary>
/// A <c>{"data":[…]}</c> answer of any number of covers, produced while it is read from a fixed set of
/// pre-written items, so the canned side holds nothing proportional to the list: whatever memory grows with
/// the list's length is the reader's.
/// </summary>
public sealed class LargeListContent : HttpContent
{
    private const int Variants = 100;
    private static readonly byte[][] FirstItems = Enumerable.Range(0, Variants).Select(i => CannedBodies.ListItem(i, first: true)).ToArray();
    private static readonly byte[][] NextItems = Enumerable.Range(0, Variants).Select(i => CannedBodies.ListItem(i, first: false)).ToArray();

    private readonly int _count;

    public LargeListContent(int count) => _count = count;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        new ListStream(_count).CopyToAsync(stream);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new ListStream(_count));

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(new ListStream(_count));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new ListStream(_count);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    /// <summary>Hands out the list start, the items in turn and the list end, as a socket would hand out bytes.</summary>
    private sealed class ListStream(int count) : Stream
    {
        private int _next = -1;
        private byte[] _current = CannedBodies.ListStart;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (_offset == _current.Length && !Advance())
                {
                    break;
                }

                var n = Math.Min(_current.Length - _offset, buffer.Length - written);
                _current.AsSpan(_offset, n).CopyTo(buffer[written..]);
                _offset += n;
                written += n;
            }

            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private bool Advance()
        {
            if (_next == count)
            {
                return false;
            }

            _next++;
            _offset = 0;
            _current = _next == count ? CannedBodies.ListEnd : (_next == 0 ? FirstItems : NextItems)[_next % Variants];
            return true;
        }
    }
}
