using System.Buffers;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Inside the retry and the attempt timeout: reads the body of a GET answer before handing it up, so that a body
/// cut short or stalled fails the attempt (and is retried like a lost answer) instead of failing the read
/// after the pipeline has returned. Lists, which stream, opt out per request (<see cref="Streamed"/>). A success body
/// is held up to 16 MB and refused past it as an unreadable answer; of an error page, only what the transport reads.
/// </summary>
internal sealed class CoverGetBufferingHandler : DelegatingHandler
{
    private const string StreamedKey = "Atradius.Cover.Sdk.Streamed";

    // A single answer (one buyer, one policy's details) is one item with its envelope, so the limit on one item of a
    // list holds for it too: a body that goes on past it is no answer of the service's, and held whole it would end in
    // running out of memory.
    private const int MaxAnswerBytes = CoverEnvelopeReader.MaxItemBytes;

    public CoverGetBufferingHandler()
    {
    }

    public CoverGetBufferingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>
    /// Marks a request whose body is read as a stream by the caller, with the caller's token the body is read under
    /// (so that the telemetry tells the caller giving up from a time limit cutting a read).
    /// </summary>
    public static void Streamed(HttpRequestMessage request, CancellationToken bodyToken = default)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<CancellationToken>(StreamedKey), bodyToken);
#else
        request.Properties[StreamedKey] = bodyToken;
#endif
    }

    /// <summary>Whether a request's body is read as a stream by the caller, and the caller's token it is read under.</summary>
    internal static bool IsStreamed(HttpRequestMessage request, out CancellationToken bodyToken)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<CancellationToken>(StreamedKey), out bodyToken);
#else
        if (request.Properties.TryGetValue(StreamedKey, out var value) && value is CancellationToken token)
        {
            bodyToken = token;
            return true;
        }

        bodyToken = default;
        return false;
#endif
    }

    /// <summary>
    /// The answer that went on past <see cref="MaxAnswerBytes"/>, reported as an unreadable answer with its status,
    /// correlation id and the start of what was read of it.
    /// </summary>
    private static CoverApiException TooLarge(HttpRequestMessage request, HttpResponseMessage response, MemoryStream read)
    {
        var sent = request.Headers.TryGetValues(CoverApiExceptionFactory.CorrelationIdHeader, out var values) ? values.FirstOrDefault() : null;
        var megabytes = (MaxAnswerBytes / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return CoverTransport.Unreadable(
            CoverResponseInfo.From(response, sent),
            new InvalidDataException("The answer is larger than " + megabytes + " MB: it is not a buyer or a policy's details."),
            System.Text.Encoding.UTF8.GetString(read.GetBuffer(), 0, (int)Math.Min(read.Length, CoverApiExceptionFactory.MaxRawBodyLength)));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method != HttpMethod.Get || IsStreamed(request, out _) || response.Content is null)
        {
            return response;
        }

        try
        {
            // Copied with the attempt's token on every target framework (LoadIntoBufferAsync takes none before .NET 9),
            // so the attempt timeout also bounds a body that stalls.
            var original = response.Content;
            var success = (int)response.StatusCode < 300;
            var limit = success ? MaxAnswerBytes : CoverTransport.MaxErrorBodyBytes;
            var copy = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
#if NET5_0_OR_GREATER
                using var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                using var stream = await original.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                int read;
#if NET8_0_OR_GREATER
                while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
#else
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
#endif
                {
                    if (copy.Length + read > limit)
                    {
                        if (success)
                        {
                            throw TooLarge(request, response, copy);
                        }

                        // The transport reads no more of an error page than this: the rest is not waited for, and the
                        // status still gives the exception its type.
                        copy.Write(chunk, 0, limit - (int)copy.Length);
                        break;
                    }

                    copy.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            var buffered = new ByteArrayContent(copy.GetBuffer(), 0, (int)copy.Length);
            foreach (var header in original.Headers)
            {
                // The copy's length is that of the bytes kept, which an error page cut at the limit no longer matches.
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            response.Content = buffered;
            original.Dispose();
            return response;
        }
        catch (IOException ex)
        {
            response.Dispose();

            // The retry strategy treats HttpRequestException as transient; a bare IOException it would not retry.
            throw new HttpRequestException("The body of the answer was cut short: " + ex.Message, ex);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
