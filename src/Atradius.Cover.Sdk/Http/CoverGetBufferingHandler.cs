namespace Atradius.Cover.Sdk;

/// <summary>
/// Inside the retry and the attempt timeout: reads the body of a GET answer before handing it up, so that a body
/// cut short or stalled fails the attempt (and is retried like a lost answer) instead of failing the read
/// after the pipeline has returned. Lists, which stream, opt out per request (<see cref="Streamed"/>).
/// </summary>
internal sealed class CoverGetBufferingHandler : DelegatingHandler
{
    private const string StreamedKey = "Atradius.Cover.Sdk.Streamed";

    public CoverGetBufferingHandler()
    {
    }

    public CoverGetBufferingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Marks a request whose body is read as a stream by the caller.</summary>
    public static void Streamed(HttpRequestMessage request)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<bool>(StreamedKey), true);
#else
        request.Properties[StreamedKey] = true;
#endif
    }

    private static bool IsStreamed(HttpRequestMessage request)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<bool>(StreamedKey), out var streamed) && streamed;
#else
        return request.Properties.TryGetValue(StreamedKey, out var streamed) && streamed is true;
#endif
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method != HttpMethod.Get || IsStreamed(request) || response.Content is null)
        {
            return response;
        }

        try
        {
            // Copied with the attempt's token on every target framework (LoadIntoBufferAsync takes none before .NET 9),
            // so the attempt timeout also bounds a body that stalls.
            var original = response.Content;
            var copy = new MemoryStream();
#if NET5_0_OR_GREATER
            using (var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
#else
            using (var stream = await original.ReadAsStreamAsync().ConfigureAwait(false))
#endif
            {
                await stream.CopyToAsync(copy, 81920, cancellationToken).ConfigureAwait(false);
            }

            var buffered = new ByteArrayContent(copy.GetBuffer(), 0, (int)copy.Length);
            foreach (var header in original.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
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
