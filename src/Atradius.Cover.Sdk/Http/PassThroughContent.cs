using System.Net;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A response body handed to the caller through a stream of the SDK's as it is read, never buffered ahead of the
/// caller: its headers and length are the inner body's, and disposing it disposes the inner body.
/// </summary>
internal abstract class PassThroughContent : HttpContent
{
    protected PassThroughContent(HttpContent inner)
    {
        Inner = inner;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The body passed through.</summary>
    protected HttpContent Inner { get; }

    /// <summary>The stream the caller reads: the inner body's, wrapped.</summary>
    protected abstract Stream Wrap(Stream body);

    /// <summary>The inner body could not be opened; the failure is thrown on to the caller after this.</summary>
    protected virtual void OnOpenFailed(Exception error)
    {
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var body = await CreateContentReadStreamAsync().ConfigureAwait(false);
        await body.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => OpenAsync(Inner.ReadAsStreamAsync());

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

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        OpenAsync(Inner.ReadAsStreamAsync(cancellationToken));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
    {
        Stream body;
        try
        {
            body = Inner.ReadAsStream(cancellationToken);
        }
        catch (Exception ex)
        {
            OnOpenFailed(ex);
            throw;
        }

        return Wrap(body);
    }
#endif

    protected override bool TryComputeLength(out long length)
    {
        length = Inner.Headers.ContentLength ?? 0;
        return Inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<Stream> OpenAsync(Task<Stream> opening)
    {
        Stream body;
        try
        {
            body = await opening.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnOpenFailed(ex);
            throw;
        }

        return Wrap(body);
    }
}
