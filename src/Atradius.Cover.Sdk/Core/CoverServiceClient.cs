using System.Buffers;
using System.Text;
using System.Text.Json;
using Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The generated client with the two reading rules the facade needs: error bodies are read as text (bounded) and
/// turned into the SDK's exceptions with their raw body, while success bodies keep streaming into the models;
/// and a malformed date in a success body (which the generated date converter reports as a
/// <see cref="FormatException"/>) is reported like any other unreadable body.
/// </summary>
internal sealed class CoverServiceClient : CoverApiClient
{
    internal const int MaxErrorBodyBytes = 64 * 1024;

    public CoverServiceClient(HttpClient httpClient, TimeSpan bodyTimeout)
        : base(httpClient)
    {
        BodyTimeout = bodyTimeout;
    }

    /// <summary>The generated client's serializer settings, for request bodies sent by hand (<see cref="CoverDirectCalls"/>).</summary>
    internal JsonSerializerOptions RequestOptions => JsonSerializerSettings;

    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status >= 400)
        {
            var body = await ReadBoundedTextAsync(response.Content, cancellationToken).ConfigureAwait(false);
            throw CoverApiExceptionFactory.Create(status, headers, body);
        }

        var result = await ReadBodyAsync<T>(response, status, headers, cancellationToken).ConfigureAwait(false);
        return new ObjectResponseResult<T>(result!, string.Empty);
    }

    /// <summary>
    /// Reads a success body as the generated reader does (stream in, the same failures), but with the SDK's
    /// faster date reading; null when there is no body.
    /// </summary>
    internal static Task<T?> ReadBodyAsync<T>(HttpResponseMessage response, int status, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        ReadBodyAsync<T>(response, status, headers, CoverResponseJson.ResponseOptions, buffered: false, cancellationToken);

    /// <summary>
    /// Reads a success body with the given options; <paramref name="buffered"/> reads it whole into a pooled buffer
    /// first (list pages). A read that has to wait starts <paramref name="deadline"/>'s timer, if there is one.
    /// </summary>
    internal static async Task<T?> ReadBodyAsync<T>(HttpResponseMessage response, int status, IReadOnlyDictionary<string, IEnumerable<string>> headers, JsonSerializerOptions options, bool buffered, CancellationToken cancellationToken, CoverBodyDeadline.Source? deadline = null)
    {
        if (response.Content is null)
        {
            return default;
        }

        try
        {
#if NET5_0_OR_GREATER
            var stream = await CoverBodyDeadline.Watch(deadline, response.Content.ReadAsStreamAsync(cancellationToken)).ConfigureAwait(false);
#else
            var stream = await CoverBodyDeadline.Watch(deadline, response.Content.ReadAsStreamAsync()).ConfigureAwait(false);
#endif
            using (stream)
            {
                if (!buffered)
                {
                    // Streamed reads cannot be watched one by one: start the deadline's timer, if there is one.
                    deadline?.Arm();
                    return await JsonSerializer.DeserializeAsync<T>(stream, options, cancellationToken).ConfigureAwait(false);
                }

                // Read whole, then parse in one synchronous pass: a converter written by hand (CoverDecisionReader)
                // makes the streaming reader look ahead over each item before reading it, scanning it twice.
                var buffer = ArrayPool<byte>.Shared.Rent(response.Content.Headers.ContentLength is > 0 and < int.MaxValue / 2 and var length ? (int)length + 1 : 64 * 1024);
                try
                {
                    var used = 0;
                    int read;
#if NET5_0_OR_GREATER
                    while ((read = await CoverBodyDeadline.Watch(deadline, stream.ReadAsync(buffer.AsMemory(used), cancellationToken)).ConfigureAwait(false)) > 0)
#else
                    while ((read = await CoverBodyDeadline.Watch(deadline, stream.ReadAsync(buffer, used, buffer.Length - used, cancellationToken)).ConfigureAwait(false)) > 0)
#endif
                    {
                        used += read;
                        if (used == buffer.Length)
                        {
                            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            Buffer.BlockCopy(buffer, 0, larger, 0, used);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }
                    }

                    return JsonSerializer.Deserialize<T>(new ReadOnlySpan<byte>(buffer, 0, used), options);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new CoverGeneratedApiException("Could not deserialize the response body stream as " + typeof(T).FullName + ".", status, string.Empty, headers, ex);
        }
        catch (FormatException ex)
        {
            throw new CoverGeneratedApiException("Could not read a date in the response body.", status, string.Empty, headers, ex);
        }
    }

    /// <summary>
    /// Reads up to <see cref="MaxErrorBodyBytes"/> of an error body as text; null if it cannot be read. A read that
    /// has to wait starts <paramref name="deadline"/>'s timer, if there is one.
    /// </summary>
    internal static async Task<string?> ReadBoundedTextAsync(HttpContent? content, CancellationToken cancellationToken, CoverBodyDeadline.Source? deadline = null)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
#if NET5_0_OR_GREATER
            using var stream = await CoverBodyDeadline.Watch(deadline, content.ReadAsStreamAsync(cancellationToken)).ConfigureAwait(false);
#else
            using var stream = await CoverBodyDeadline.Watch(deadline, content.ReadAsStreamAsync()).ConfigureAwait(false);
#endif
            var buffer = ArrayPool<byte>.Shared.Rent(MaxErrorBodyBytes);
            try
            {
                var length = 0;
                int read;
#if NET5_0_OR_GREATER
                while (length < MaxErrorBodyBytes && (read = await CoverBodyDeadline.Watch(deadline, stream.ReadAsync(buffer.AsMemory(length, MaxErrorBodyBytes - length), cancellationToken)).ConfigureAwait(false)) > 0)
#else
                while (length < MaxErrorBodyBytes && (read = await CoverBodyDeadline.Watch(deadline, stream.ReadAsync(buffer, length, MaxErrorBodyBytes - length, cancellationToken)).ConfigureAwait(false)) > 0)
#endif
                {
                    length += read;
                }

                return Encoding.UTF8.GetString(buffer, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException)
        {
            // An unreadable (or stalled) error body must not hide the status it came with.
            return null;
        }
    }
}
