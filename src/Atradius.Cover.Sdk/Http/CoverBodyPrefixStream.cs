using System.Buffers;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Passes an answer's body through and keeps its first bytes, as many as an exception keeps of a body
/// (<see cref="CoverApiExceptionFactory.MaxRawBodyLength"/>): a success answer the SDK cannot read (a proxy's or a
/// firewall's page served with 200, say) is then reported with what it said, in <see cref="CoverApiException.RawBody"/>.
/// The bytes are kept in a pooled buffer, so a body that reads well costs no allocation for them.
/// </summary>
internal sealed class CoverBodyPrefixStream : ReadOnlyWrapperStream
{
    private const int MaxBytes = CoverApiExceptionFactory.MaxRawBodyLength;

    private byte[]? _prefix;
    private int _length;

    public CoverBodyPrefixStream(Stream inner)
        : base(inner)
    {
    }

    /// <summary>The body's first bytes as text, null when none were read; read it before the stream is disposed.</summary>
    public string? Text => _prefix is null || _length == 0 ? null : Encoding.UTF8.GetString(_prefix, 0, _length).TrimStart('\uFEFF');

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = Inner.Read(buffer, offset, count);
        Keep(new ReadOnlySpan<byte>(buffer, offset, read));
        return read;
    }

    // Once the first bytes are kept, reads go straight through: no state machine for the rest of a long list.
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _length >= MaxBytes ? Inner.ReadAsync(buffer, offset, count, cancellationToken) : ReadAndKeepAsync(buffer, offset, count, cancellationToken);

#if NET5_0_OR_GREATER
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _length >= MaxBytes ? Inner.ReadAsync(buffer, cancellationToken) : ReadAndKeepAsync(buffer, cancellationToken);
#endif

    protected override void Dispose(bool disposing)
    {
        if (disposing && _prefix is { } prefix)
        {
            _prefix = null;
            ArrayPool<byte>.Shared.Return(prefix);
        }

        base.Dispose(disposing);
    }

    private async Task<int> ReadAndKeepAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
#if NET5_0_OR_GREATER
        var read = await Inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
#else
        var read = await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
#endif
        Keep(new ReadOnlySpan<byte>(buffer, offset, read));
        return read;
    }

#if NET5_0_OR_GREATER
    private async ValueTask<int> ReadAndKeepAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Keep(buffer.Span.Slice(0, read));
        return read;
    }
#endif

    private void Keep(ReadOnlySpan<byte> read)
    {
        if (_length >= MaxBytes || read.IsEmpty)
        {
            return;
        }

        _prefix ??= ArrayPool<byte>.Shared.Rent(MaxBytes);
        var take = Math.Min(read.Length, MaxBytes - _length);
        read.Slice(0, take).CopyTo(new Span<byte>(_prefix, _length, take));
        _length += take;
    }
}
