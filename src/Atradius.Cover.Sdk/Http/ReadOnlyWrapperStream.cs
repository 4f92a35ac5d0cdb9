namespace Atradius.Cover.Sdk;

/// <summary>
/// A forward-only, read-only stream over an answer's body that it owns: what every wrapper of a body needs besides its
/// reads (no length, no position, no seeking, no writing) and the disposal of the body with it.
/// </summary>
internal abstract class ReadOnlyWrapperStream(Stream inner) : Stream
{
    /// <summary>The body read through.</summary>
    protected Stream Inner { get; } = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

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
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
