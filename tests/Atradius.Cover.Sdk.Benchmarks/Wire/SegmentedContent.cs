using System.Net;

namespace Atradius.Cover.Sdk.Benchmarks.Wire;

/// <summary>
/// A response body made of two byte arrays read in sequence without copying them together, so a canned
/// page costs the handler no allocation proportional to its size: what the memory figures show is the client's.
/// </summary>
public sealed class SegmentedContent : HttpContent
{
    private readonly byte[] _first;
    private readonly byte[] _second;

    public SegmentedContent(byte[] first, byte[] second)
    {
        _first = first;
        _second = second;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_first).ConfigureAwait(false);
        await stream.WriteAsync(_second).ConfigureAwait(false);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new ReadStream(_first, _second));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new ReadStream(_first, _second);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(new ReadStream(_first, _second));

    protected override bool TryComputeLength(out long length)
    {
        length = _first.Length + _second.Length;
        return true;
    }

    private sealed class ReadStream(byte[] first, byte[] second) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => first.Length + second.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ReadOnlySpan<byte> source = _position < first.Length
                ? first.AsSpan((int)_position)
                : second.AsSpan((int)(_position - first.Length));
            var n = Math.Min(source.Length, buffer.Length);
            source[..n].CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
