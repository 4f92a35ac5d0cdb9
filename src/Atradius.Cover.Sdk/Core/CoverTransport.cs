using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The one exchange every call goes through: builds the request (route, correlation id, extra headers, JSON body
/// through <see cref="CoverJsonContext"/>), sends it through the pipeline, turns an error answer into the
/// right <see cref="CoverApiException"/> and a failure to get one into a <see cref="CoverTransportException"/>,
/// and reads the answer's items through <see cref="CoverEnvelopeReader"/>.
/// </summary>
internal sealed class CoverTransport
{
    /// <summary>The most of an error answer's body that is read.</summary>
    internal const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly Func<HttpClient> _httpClients;
    private readonly CoverClientOptions _options;
    private readonly ILogger _logger;

    /// <summary>
    /// Sends each request through the client <paramref name="httpClients"/> gives then: one client for a transport's
    /// whole life without dependency injection; with it, IHttpClientFactory's over the handlers of the moment, so that
    /// those it rebuilds once their lifetime is over (a new socket handler, seeing DNS, proxy and certificate changes)
    /// are used.
    /// </summary>
    public CoverTransport(Func<HttpClient> httpClients, CoverClientOptions options, ILogger logger)
    {
        _httpClients = httpClients;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// The call's own copy of its options, with a correlation id (the caller's or a new one) shared by every request it
    /// makes.
    /// </summary>
    public static CoverRequestOptions ForCall(CoverRequestOptions? options)
    {
        // A copy of the caller's object: the caller may change or reuse it while the call waits, and what was checked
        // is what is sent.
        var call = options?.Snapshot() ?? new CoverRequestOptions();
        if (call.CorrelationId is not { Length: > 0 })
        {
            call.CorrelationId = CoverCorrelationId.New();
        }

        return call;
    }

    /// <summary>Sends a request; returns a success answer (the caller disposes it) or throws.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, HttpContent? content, CoverRequestOptions call, bool streamed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, route) { Content = content };
        request.Headers.Accept.Add(Json);
        request.Headers.TryAddWithoutValidation(CoverApiExceptionFactory.CorrelationIdHeader, call.CorrelationId);
        if (call.HeadersIfAny is { } headers)
        {
            foreach (var header in headers)
            {
                request.Headers.Remove(header.Key);
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (streamed)
        {
            CoverGetBufferingHandler.Streamed(request, cancellationToken);
        }

        var http = _httpClients();
        var departure = CoverRequestDeparture.Follow(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw TransportFailure(ex, call.CorrelationId, departure.Departed, departure.TokenFailure);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && departure.Departed && method != HttpMethod.Get)
        {
            // The caller gave up on a write already on its way: the service may have acted on it, which a cancellation
            // would hide. Reported as unanswered, so that the write's caller looks at the buyer's covers or says the
            // outcome is unknown.
            throw new CoverTransportException("The call was cancelled after the request went out, before the Cover API answered (" + ex.Message + ").", requestWasSent: true, call.CorrelationId, ex);
        }

        // A redirect is an error too: the socket handler does not follow one (credentials stay on the API's origin), and
        // the Cover API never answers one, so it comes from something in front of it (a proxy, a login or maintenance
        // page). Taken for a success, it made an application or a change look accepted.
        var status = (int)response.StatusCode;
        if (status < 300)
        {
            return response;
        }

        using (response)
        {
            string? body;
            using (var bound = BoundByAttempt(cancellationToken))
            {
                try
                {
                    body = await ReadBoundedTextAsync(response.Content, bound.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
                {
                    // The status alone says what went wrong; a body that stalls or breaks only loses the details.
                    body = null;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && method != HttpMethod.Get)
                {
                    // The caller gave up on a write while its error answer came in: the status still says what the
                    // service did (a 502 may follow an act), which a cancellation would hide. The write's caller looks
                    // at the buyer's covers, finds the call cancelled and says the outcome is unknown.
                    body = null;
                }
            }

            throw CoverApiExceptionFactory.Create(status, CoverResponseInfo.Copy(response), body, call.CorrelationId);
        }
    }

    /// <summary>Sends a JSON body written through the source-generated metadata.</summary>
    public Task<HttpResponseMessage> SendJsonAsync<T>(HttpMethod method, string route, T body, JsonTypeInfo<T> typeInfo, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, typeInfo);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return SendAsync(method, route, content, call, streamed: false, cancellationToken);
    }

    /// <summary>
    /// Reads every item of a GET answer (a single read: one buyer, a policy's details), retried by the pipeline with its
    /// body, and maps them; a <see cref="JsonException"/> from <paramref name="map"/> (an item without its id) is an
    /// unreadable answer too, and errors in the envelope refuse it.
    /// </summary>
    public async Task<(List<TOut> Items, CoverResponseInfo Info)> GetAllAsync<TIn, TOut>(string route, JsonTypeInfo<TIn> typeInfo, Func<TIn, TOut> map, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, route, null, call, streamed: false, cancellationToken).ConfigureAwait(false);
        var info = CoverResponseInfo.From(response, call.CorrelationId);
        var items = new List<TOut>();
        CoverBodyPrefixStream? body = null;
        try
        {
            body = new CoverBodyPrefixStream(await ReadStreamAsync(response.Content, cancellationToken).ConfigureAwait(false));
            await foreach (var item in CoverEnvelopeReader.ReadItemsAsync(body, typeInfo, refuseErrors: true, cancellationToken).ConfigureAwait(false))
            {
                items.Add(map(item));
            }
        }
        catch (JsonException ex)
        {
            throw Unreadable(info, ex, body?.Text);
        }
        catch (CoverAnswerErrorsException ex)
        {
            throw ErrorsInSuccess(info, ex);
        }
        finally
        {
            body?.Dispose();
        }

        return (items, info);
    }

    /// <summary>
    /// Reads the first item of a write's answer. Its body is read after the pipeline has let go of the answer, so
    /// nothing else bounds it: the whole body must arrive within the attempt timeout, or the read fails with a
    /// <see cref="TimeoutException"/> (a transport failure: the caller then looks the outcome up in the lists).
    /// An answer that holds errors and no item is a <see cref="CoverAnswerErrorsException"/>, left for the caller
    /// to turn into the refusal it is (<see cref="ErrorsInSuccess"/>): unlike an unreadable body, it is no sign
    /// that the service acted.
    /// </summary>
    private async Task<T?> ReadAnswerAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CoverResponseInfo info, CancellationToken cancellationToken)
    {
        using var bound = BoundByAttempt(cancellationToken);
        CoverBodyPrefixStream? body = null;
        try
        {
            // A write's answer is judged by its items (a refusal inside a success is read from them), never
            // dropped for other members: an application the service accepted must not be reported refused.
            body = new CoverBodyPrefixStream(await ReadStreamAsync(response.Content, bound.Token).ConfigureAwait(false));
            return await CoverEnvelopeReader.ReadFirstAsync(body, typeInfo, refuseErrors: false, bound.Token).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Unreadable(info, ex, body?.Text);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "the body of the answer did not arrive within {0:0.###} s", _options.Resilience.AttemptTimeout.TotalSeconds),
                ex);
        }
        finally
        {
            body?.Dispose();
        }
    }

    /// <summary>
    /// Reads a write's answer (<see cref="ReadAnswerAsync"/>) and tells its outcomes apart: the first item; a refusal
    /// (errors and no item), thrown as the <see cref="CoverApiException"/> an error status would be; or an answer lost
    /// on the way (broken off, unreadable), returned as <c>Lost</c>, since the success status still says the service
    /// acted.
    /// </summary>
    public async Task<(T? Answer, Exception? Lost)> ReadWriteAnswerAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CoverResponseInfo info, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadAnswerAsync(response, typeInfo, info, cancellationToken).ConfigureAwait(false), null);
        }
        catch (CoverAnswerErrorsException errors)
        {
            throw ErrorsInSuccess(info, errors);
        }
        catch (Exception ex) when (ex is CoverApiException || IsTransportFailure(ex, cancellationToken))
        {
            return (default, ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up after the service answered with success: the answer is lost, not the write, which
            // the caller goes on to look up rather than throw away with the cancellation.
            return (default, new OperationCanceledException("The call was cancelled while the answer was read.", ex, cancellationToken));
        }
    }

    /// <summary>
    /// Streams a GET list. A body cut short or stalled after some items is read again from the start, skipping the
    /// items already handed over (the service answers a list in a stable order), within the retry budget; a list that
    /// changed before it was read again fails with a <see cref="CoverTransportException"/>.
    /// </summary>
    public CoverAsyncList<T> List<T>(string route, JsonTypeInfo<T> typeInfo, CoverRequestOptions? options, CancellationToken cancellationToken) =>
        List(route, typeInfo, AsRead<T>.Map, options, cancellationToken);

    /// <summary>
    /// Streams a GET list of covers (<see cref="List{T}(string, JsonTypeInfo{T}, CoverRequestOptions?, CancellationToken)"/>);
    /// a cover without its buyer makes the answer unreadable (<see cref="CoverDecisionConverter.NamesItsBuyer"/>).
    /// </summary>
    public CoverAsyncList<CoverDecision> Covers(string route, CoverRequestOptions? options, CancellationToken cancellationToken) =>
        List(route, CoverJsonContext.Default.CoverDecision, CoverDecisionConverter.NamesItsBuyer, options, cancellationToken);

    /// <summary>
    /// Streams a GET list, mapping each item as it is handed over. A body cut short or stalled after some items is
    /// read again from the start, skipping the items already handed over, within the retry budget.
    /// </summary>
    public CoverAsyncList<TOut> List<TIn, TOut>(string route, JsonTypeInfo<TIn> typeInfo, Func<TIn, TOut> map, CoverRequestOptions? options, CancellationToken cancellationToken)
    {
        // Taken when the list is asked for, where its options were checked, not when it is read; each reading of the
        // list without an id of the caller's gets one of its own.
        var given = options?.Snapshot();
        return new((report, ct) => ReadListAsync(route, typeInfo, map, ForCall(given), report, ct), cancellationToken);
    }

    /// <summary>The items of a list read straight into the public model need no mapping.</summary>
    private static class AsRead<T>
    {
        public static readonly Func<T, T> Map = item => item;
    }

    /// <summary>
    /// The exception for a success status whose body carries errors or a fault: a read list or item that came with
    /// them may be incomplete, so it is refused rather than taken as the service's whole answer.
    /// </summary>
    public static CoverApiException ErrorsInSuccess(CoverResponseInfo info, CoverAnswerErrorsException errors) =>
        CoverApiExceptionFactory.Create(info.Status, info.Headers, errors.Errors, info.CorrelationId);

    /// <summary>
    /// The exception for a success answer whose body could not be read: it keeps what was read of the body (bounded as
    /// an error answer's is) as <see cref="CoverApiException.RawBody"/>, and the message names a content type that is
    /// not JSON (a proxy's or a firewall's page, say).
    /// </summary>
    /// <param name="info">The answer.</param>
    /// <param name="inner">Why it could not be read.</param>
    /// <param name="rawBody">The body's text, or its start, when it was kept.</param>
    public static CoverApiException Unreadable(CoverResponseInfo info, Exception inner, string? rawBody = null)
    {
        var contentType = CoverResponseInfo.FirstHeader(info.Headers, "Content-Type");
        return new(
            "The Cover API answered " + info.Status.ToString(CultureInfo.InvariantCulture) + " with a body the SDK could not read"
                + (contentType is null || IsJson(contentType) ? string.Empty : " (Content-Type " + contentType + ", not JSON)") + ": " + inner.Message
                + (info.CorrelationId is null ? string.Empty : " Correlation id: " + info.CorrelationId + "."),
            info.Status,
            correlationId: info.CorrelationId,
            rawBody: rawBody is null || rawBody.Length <= CoverApiExceptionFactory.MaxRawBodyLength ? rawBody : rawBody.Substring(0, CoverApiExceptionFactory.MaxRawBodyLength),
            headers: info.Headers,
            innerException: inner);
    }

    /// <summary>Whether a content type is JSON: <c>application/json</c>, <c>text/json</c> or a <c>+json</c> type, whatever its parameters.</summary>
    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || string.Equals(mediaType, "text/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The caller's token, cancelled also when the attempt timeout has passed.</summary>
    private CancellationTokenSource BoundByAttempt(CancellationToken cancellationToken)
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = _options.Resilience.AttemptTimeout;
        if (limit > TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            bound.CancelAfter(limit);
        }

        return bound;
    }

    /// <summary>Whether an exception from sending is a failure to get an answer (not the caller's cancellation).</summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            CoverApiException => false,
            OperationCanceledException when cancellationToken.IsCancellationRequested => false,
            // A client disposed while a write was on its way fails the look-up that would settle the write's outcome:
            // failing as a transport failure too, the write is reported unknown rather than as the disposal.
            HttpRequestException or IOException or TimeoutException or OperationCanceledException or Polly.ExecutionRejectedException or ObjectDisposedException => true,
            _ => false,
        };

    /// <summary>The exception a failure to get an answer becomes, saying whether the request may have reached the service.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="correlationId">The call's correlation id.</param>
    /// <param name="departed">Whether the request was handed on towards the network (<see cref="CoverRequestDeparture"/>).</param>
    /// <param name="tokenFailure">The token endpoint's failure the request waited out before its time ran out, if any.</param>
    public static CoverTransportException TransportFailure(Exception exception, string? correlationId, bool departed = true, string? tokenFailure = null)
    {
        if (exception is Polly.CircuitBreaker.BrokenCircuitException)
        {
            return new CoverTransportException(
                "The request was not sent: the SDK's circuit breaker is open after repeated failures of the Cover API. It lets a trial call through once CoverResilienceOptions.CircuitBreakerBreakDuration has passed.",
                requestWasSent: false,
                correlationId,
                exception);
        }

        var timedOut = exception is Polly.Timeout.TimeoutRejectedException or TimeoutException or OperationCanceledException;
        if (exception is ObjectDisposedException)
        {
            return new CoverTransportException(
                departed
                    ? "The client was disposed while the request was on its way, before the Cover API answered (" + exception.Message + ")."
                    : "The request was not sent: the client (or the HttpClient it sends with) has been disposed (" + exception.Message + ").",
                requestWasSent: departed,
                correlationId,
                exception);
        }

        if (!departed)
        {
            // Failed while the SDK still held it, most often while waiting for an access token.
            return new CoverTransportException(
                "The request was not sent: " + (timedOut ? "its time ran out" : "it failed") + " before it went out, while the SDK was still preparing it (getting an access token) (" + exception.Message + ")."
                + (tokenFailure is null ? string.Empty : " The token endpoint's last failure: " + tokenFailure),
                requestWasSent: false,
                correlationId,
                exception);
        }

        var what = timedOut ? "did not answer in time" : "could not be reached or broke the connection";
        return new CoverTransportException("The Cover API " + what + " (" + exception.Message + ").", requestWasSent: true, correlationId, exception);
    }

    private async IAsyncEnumerable<TOut> ReadListAsync<TIn, TOut>(string route, JsonTypeInfo<TIn> typeInfo, Func<TIn, TOut> map, CoverRequestOptions call, Action<CoverResponseInfo> report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handedOver = 0L;
        long? lastHandedOver = null;
        var retriesLeft = _options.Resilience.MaxRetryAttempts;
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, route, null, call, streamed: true, cancellationToken).ConfigureAwait(false);
            var info = CoverResponseInfo.From(response, call.CorrelationId);
            report(info);
            var skip = handedOver;
            Stream? stream = null;
            CoverBodyPrefixStream? body = null;
            IAsyncEnumerator<TIn>? items = null;
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        if (items is null)
                        {
                            // Lists stream after the pipeline has returned, so no attempt timeout covers their bodies:
                            // each read of the body is bounded instead.
                            // The body's start is kept for the exception should it prove unreadable (a proxy's page).
                            body = new CoverBodyPrefixStream(await ReadStreamAsync(response.Content, cancellationToken).ConfigureAwait(false));
                            stream = CoverBodyDeadline.Guard(body, _options.Resilience.AttemptTimeout);
                            items = CoverEnvelopeReader.ReadItemsAsync(stream, typeInfo, refuseErrors: true, cancellationToken).GetAsyncEnumerator(cancellationToken);
                        }

                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (JsonException ex)
                    {
                        throw Unreadable(info, ex, body?.Text);
                    }
                    catch (CoverAnswerErrorsException ex)
                    {
                        throw ErrorsInSuccess(info, ex);
                    }
                    catch (Exception ex) when (retriesLeft > 0 && IsTransportFailure(ex, cancellationToken))
                    {
                        // Read the list again below, skipping what was handed over: a retry like the pipeline's.
                        CoverResilience.Retrying(_logger, HttpMethod.Get.Method, response.RequestMessage?.RequestUri, _options.Resilience.MaxRetryAttempts - retriesLeft + 1, TimeSpan.Zero, ex.GetType().Name);
                        break;
                    }
                    catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
                    {
                        throw TransportFailure(ex, info.CorrelationId);
                    }

                    if (!more)
                    {
                        if (skip > 0)
                        {
                            throw ListChanged(info, handedOver, "it now holds fewer items");
                        }

                        yield break;
                    }

                    if (skip > 0)
                    {
                        // Read again, the list must hold what was handed over where it was: an item gone or added before
                        // the break would shift the rest, and skipping by count would drop an item or hand one out twice.
                        skip--;
                        if (skip == 0 && lastHandedOver is { } expected && IdentityOf(items.Current) is { } found && found != expected)
                        {
                            throw ListChanged(info, handedOver, "item " + handedOver.ToString(CultureInfo.InvariantCulture) + " was " + expected.ToString(CultureInfo.InvariantCulture) + " and is now " + found.ToString(CultureInfo.InvariantCulture));
                        }

                        continue;
                    }

                    TOut mapped;
                    try
                    {
                        mapped = map(items.Current);
                    }
                    catch (JsonException ex)
                    {
                        // An item the model cannot stand for (a buyer without its id) makes the answer unreadable.
                        throw Unreadable(info, ex, body?.Text);
                    }

                    handedOver++;
                    lastHandedOver = IdentityOf(items.Current);
                    yield return mapped;
                }
            }
            finally
            {
                if (items is not null)
                {
                    await items.DisposeAsync().ConfigureAwait(false);
                }

                stream?.Dispose();
            }

            retriesLeft--;
        }
    }

    /// <summary>The id that tells a list's items apart (a cover's, a buyer's); null for items without one.</summary>
    private static long? IdentityOf<T>(T item) =>
        item switch
        {
            CoverDecision cover => cover.CoverId,
            Gen.Buyer buyer => buyer.BuyerId,
            _ => null,
        };

    private static CoverTransportException ListChanged(CoverResponseInfo info, long handedOver, string how) =>
        new(
            "The Cover API's list broke off after " + handedOver.ToString(CultureInfo.InvariantCulture) + " items and changed before it was read again (" + how
                + "); what was handed over may miss items. Read the list again.",
            requestWasSent: true,
            info.CorrelationId,
            null);

    internal static Task<Stream> ReadStreamAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return Task.FromResult<Stream>(new MemoryStream(Array.Empty<byte>()));
        }

#if NET5_0_OR_GREATER
        return content.ReadAsStreamAsync(cancellationToken);
#else
        cancellationToken.ThrowIfCancellationRequested();
        return content.ReadAsStreamAsync();
#endif
    }

    /// <summary>Reads up to 64 KB of an error body as text; null if it cannot be read.</summary>
    private static async Task<string?> ReadBoundedTextAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxErrorBodyBytes);
        try
        {
            using var stream = await ReadStreamAsync(content, cancellationToken).ConfigureAwait(false);
            var length = 0;
            int read;
#if NET8_0_OR_GREATER
            while (length < MaxErrorBodyBytes && (read = await stream.ReadAsync(buffer.AsMemory(length, MaxErrorBodyBytes - length), cancellationToken).ConfigureAwait(false)) > 0)
#else
            while (length < MaxErrorBodyBytes && (read = await stream.ReadAsync(buffer, length, MaxErrorBodyBytes - length, cancellationToken).ConfigureAwait(false)) > 0)
#endif
            {
                length += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // An unreadable error body must not hide the status it came with.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
