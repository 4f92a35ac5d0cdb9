using System.Globalization;
using Atradius.Cover.Sdk.Generated;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// GET cover, the cover lists and submitting an application, the SDK's most frequent calls, written by hand over the same <see cref="HttpClient"/> and read
/// with the same rules as <see cref="CoverServiceClient"/>, answering and failing exactly as the generated
/// method does, without its per-call work: copying every response header into a new dictionary, parsing the
/// Accept header, building the URL in a StringBuilder. Measured: about 1.2 KB and a fifth of the call's
/// client-side time (docs/performance.md).
/// </summary>
internal static class CoverDirectCalls
{
    private const string CoversPath = "credit-insurance/cover-management/v1/covers/";
    private const string ListPath = "credit-insurance/cover-management/v1/covers";

    /// <summary>GET cover, the cover read straight into <see cref="CoverDecision"/> with its <c>ETag</c>.</summary>
    public static async Task<CoverGeneratedResponse<CoverDecision>> GetCoverAsync(CoverClientCore core, long coverId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RequestUri(core.Http, CoversPath + coverId.ToString(CultureInfo.InvariantCulture)));
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        // The statuses the contract declares for GET cover carry an error body; any other is unexpected.
        var response = await ExchangeAsync<CoverDecision>(core, request, static status => status == 200, static status => status is 400 or 401 or 403 or 404 or 429 or 500 or 503, cancellationToken).ConfigureAwait(false);
        response.Result.ETag = CoverHeaders.First(response.Headers, CoverHeaders.ETag);
        return response;
    }

    /// <summary>
    /// POST an application: the body serialized with the generated client's settings, the same headers, and the
    /// answer (201 decided, 202 referred) read straight into <see cref="CoverDecision"/> with its <c>ETag</c>.
    /// </summary>
    public static async Task<CoverGeneratedResponse<CoverDecision>> SubmitApplicationAsync(
        CoverClientCore core, string? correlationId, string idempotencyKey, Gen.CoverApplication body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri(core.Http, ListPath));
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation("Atradius-Correlation-Id", correlationId);
        }

        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, core.Api.RequestOptions));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Content = content;
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        // The statuses the contract declares for submitting carry an error body; any other is unexpected.
        var response = await ExchangeAsync<CoverDecision>(core, request, static status => status is 201 or 202, static status => status is 400 or 401 or 403 or 409 or 413 or 415 or 422 or 429 or 500 or 503, cancellationToken).ConfigureAwait(false);
        response.Result.ETag = CoverHeaders.First(response.Headers, CoverHeaders.ETag);
        return response;
    }

    /// <summary>
    /// One page of a cover list, the covers read straight into <see cref="CoverDecision"/>; the query string is
    /// the generated method's (same parameters, order and escaping).
    /// </summary>
    public static async Task<CoverGeneratedResponse<CoverDecisionPage>> ListCoversAsync(
        CoverClientCore core, CoverListKind kind, string? policyId, long? customerId, long? buyerId, Gen.ApplicationCoverType? coverType, DateTimeOffset? updatedSince, int? pageSize, string? cursor, CancellationToken cancellationToken)
    {
        var url = new System.Text.StringBuilder(ListPath, 160);
        url.Append(kind switch
        {
            CoverListKind.New => "/decisions",
            CoverListKind.Pending => "/applications",
            CoverListKind.Historic => "/historic",
            _ => string.Empty,
        });
        var separator = '?';
        Add(url, ref separator, "policyId", policyId);
        Add(url, ref separator, "customerId", customerId?.ToString(CultureInfo.InvariantCulture));
        Add(url, ref separator, "buyerId", buyerId?.ToString(CultureInfo.InvariantCulture));
        if (kind is CoverListKind.Portfolio or CoverListKind.New)
        {
            Add(url, ref separator, "coverType", coverType switch
            {
                null => null,
                Gen.ApplicationCoverType.CreditLimit => "credit-limit",
                Gen.ApplicationCoverType.CreditCheck => "credit-check",
                _ => "indication",
            });
        }

        if (kind is not CoverListKind.Pending)
        {
            Add(url, ref separator, "updatedSince", updatedSince?.ToString("o", CultureInfo.InvariantCulture));
        }

        Add(url, ref separator, "pageSize", pageSize?.ToString(CultureInfo.InvariantCulture));
        Add(url, ref separator, "cursor", cursor);

        using var request = new HttpRequestMessage(HttpMethod.Get, RequestUri(core.Http, url.ToString()));
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        // The statuses the contract declares for the cover lists carry an error body; any other is unexpected.
        var response = await ExchangeAsync<CoverDecisionPage>(core, request, static status => status == 200, static status => status is 400 or 401 or 403 or 429 or 500 or 503, cancellationToken).ConfigureAwait(false);
        var data = response.Result.Data ?? throw CoverMapper.Missing(response.StatusCode, response.Headers, "data");
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] is null)
            {
                throw CoverMapper.Missing(response.StatusCode, response.Headers, "cover");
            }
        }

        return response;
    }

    /// <summary>
    /// Sends a request and reads its answer: a success body straight into <typeparamref name="T"/>, a declared error
    /// status into the SDK's exception, anything else as unexpected. The body is read under the total timeout
    /// (<see cref="CoverBodyDeadline"/>), counted from the headers.
    /// </summary>
    private static async Task<CoverGeneratedResponse<T>> ExchangeAsync<T>(
        CoverClientCore core, HttpRequestMessage request, Func<int, bool> isSuccess, Func<int, bool> isDeclaredError, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await core.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var deadline = CoverBodyDeadline.Start(core.Options.Resilience.TotalTimeout, cancellationToken);
        var bodyCancellation = deadline?.Token ?? cancellationToken;
        try
        {
            var headers = new CoverResponseHeaders(response);
            var status = (int)response.StatusCode;
            if (isSuccess(status))
            {
                var result = await ReadDecisionsAsync<T>(response, status, headers, deadline, bodyCancellation).ConfigureAwait(false)
                    ?? throw new CoverGeneratedApiException("Response was null which was not expected.", status, string.Empty, headers, null);
                return new CoverGeneratedResponse<T>(status, headers, result);
            }

            if (isDeclaredError(status))
            {
                var body = await CoverServiceClient.ReadBoundedTextAsync(response.Content, bodyCancellation, deadline).ConfigureAwait(false);
                throw CoverApiExceptionFactory.Create(status, headers, body);
            }

            throw await UnexpectedStatusAsync(response, status, headers, deadline, bodyCancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            throw CoverBodyDeadline.TimedOut(core.Options.Resilience.TotalTimeout, ex);
        }
    }

    /// <summary>
    /// Reads covers straight into <see cref="CoverDecision"/> (<see cref="CoverDecisionReader"/>); a missing required
    /// field is reported as <see cref="CoverMapper.Missing"/> reports it, anything else unreadable as before.
    /// </summary>
    private static async Task<T?> ReadDecisionsAsync<T>(HttpResponseMessage response, int status, IReadOnlyDictionary<string, IEnumerable<string>> headers, CoverBodyDeadline.Source? deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await CoverServiceClient.ReadBodyAsync<T>(response, status, headers, CoverResponseJson.PageOptions, buffered: true, cancellationToken, deadline).ConfigureAwait(false);
        }
        catch (CoverGeneratedApiException ex) when (ex.InnerException is CoverFieldMissingException missing)
        {
            throw CoverMapper.Missing(status, headers, missing.Field);
        }
    }

    /// <summary>
    /// The absolute address under the client's base address, made once: a relative one would be parsed here and
    /// then combined with the base address into a second <see cref="Uri"/> by <see cref="HttpClient"/>.
    /// </summary>
    private static Uri RequestUri(HttpClient httpClient, string relative) =>
        httpClient.BaseAddress is { IsAbsoluteUri: true } baseAddress
            ? new Uri(baseAddress.AbsoluteUri + relative, UriKind.Absolute)
            : new Uri(relative, UriKind.Relative);

    private static void Add(System.Text.StringBuilder url, ref char separator, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        url.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
        separator = '&';
    }

    private static async Task<CoverGeneratedApiException> UnexpectedStatusAsync(HttpResponseMessage response, int status, IReadOnlyDictionary<string, IEnumerable<string>> headers, CoverBodyDeadline.Source? deadline, CancellationToken cancellationToken)
    {
        // Bounded like every error body: an unexpected answer may be a proxy's page of any size.
        var text = response.Content is null ? null : await CoverServiceClient.ReadBoundedTextAsync(response.Content, cancellationToken, deadline).ConfigureAwait(false);
        return new CoverGeneratedApiException("The HTTP status code of the response was not expected (" + status.ToString(CultureInfo.InvariantCulture) + ").", status, text, headers, null);
    }
}
