using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Turns a failed answer into the right <see cref="CoverApiException"/>. Reads the contract's error body
/// (<c>{"errors":[...]}</c>) and RFC 9457 problem details; any other body (HTML from a proxy, empty,
/// cut short) still yields a <see cref="CoverApiException"/>, never a <see cref="JsonException"/>.
/// </summary>
internal static class CoverApiExceptionFactory
{
    /// <summary>The longest body kept on the exception.</summary>
    public const int MaxRawBodyLength = 4096;

    /// <summary>The header that carries the correlation id of a call.</summary>
    public const string CorrelationIdHeader = "Atradius-Correlation-Id";

    private const int MaxDetailLength = 512;

    /// <summary>Builds the exception from a received answer, reading its body (the response is not disposed).</summary>
    public static async Task<CoverApiException> CreateAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        _ = response ?? throw new ArgumentNullException(nameof(response));

        string? body = null;
        if (response.Content is not null)
        {
            try
            {
                body = await HttpContentReader.ReadAsStringAsync(response.Content, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
            {
                // A body we cannot read must not hide the status: the exception is still useful without it.
                body = null;
            }
        }

        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value;
        }

        if (!headers.ContainsKey(CorrelationIdHeader)
            && response.RequestMessage?.Headers.TryGetValues(CorrelationIdHeader, out var sent) == true)
        {
            headers[CorrelationIdHeader] = sent;
        }

        return Create((int)response.StatusCode, headers, body, response.Headers.RetryAfter, innerException: null);
    }

    /// <summary>
    /// Builds the exception from a status, the response headers and the body, as an NSwag-generated
    /// exception exposes them.
    /// </summary>
    public static CoverApiException Create(int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, string? body, Exception? innerException = null) =>
        Create(status, headers, body, retryAfterHeader: null, innerException);

    /// <summary>Builds the exception for a token endpoint that refused to issue a token.</summary>
    public static CoverAuthenticationException CreateTokenFailure(int status, string? error, string? errorDescription, Exception? innerException = null)
    {
        var message = status == 0
            ? "The token endpoint could not be reached"
            : $"The token endpoint returned {status} {ReasonPhrase(status)}";
        if (!string.IsNullOrEmpty(error))
        {
            message += $" ({Shorten(error!)})";
        }

        if (!string.IsNullOrEmpty(errorDescription))
        {
            message += ": " + Shorten(errorDescription!);
        }

        return new CoverAuthenticationException(EndSentence(message), status, error, innerException: innerException);
    }

    private static CoverApiException Create(int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, string? body, RetryConditionHeaderValue? retryAfterHeader, Exception? innerException)
    {
        var correlationId = FirstHeader(headers, CorrelationIdHeader);
        var retryAfter = ParseRetryAfter(retryAfterHeader, FirstHeader(headers, "Retry-After"));
        var (errors, code, detail) = ParseBody(body);

        var message = $"Cover API returned {status} {ReasonPhrase(status)}";
        if (!string.IsNullOrEmpty(code))
        {
            message += $" ({Shorten(code!)})";
        }

        if (!string.IsNullOrEmpty(detail))
        {
            message += ": " + Shorten(detail!);
        }

        message = EndSentence(message);
        if (!string.IsNullOrEmpty(correlationId))
        {
            message += $" Correlation id: {correlationId}.";
        }

        var raw = body is null ? null : body.Length > MaxRawBodyLength ? body.Substring(0, MaxRawBodyLength) : body;

        return status switch
        {
            404 => new CoverNotFoundException(message, status, code, errors, correlationId, raw, retryAfter, innerException),
            409 or 412 => new CoverConflictException(message, status, code, errors, correlationId, raw, retryAfter, innerException),
            400 or 422 => new CoverValidationException(message, status, code, errors, correlationId, raw, retryAfter, innerException),
            429 => new CoverRateLimitedException(message, status, code, errors, correlationId, raw, retryAfter, innerException),
            401 or 403 => new CoverAuthenticationException(message, status, code, errors, correlationId, raw, retryAfter, innerException),
            _ => new CoverApiException(message, status, code, errors, correlationId, raw, retryAfter, innerException),
        };
    }

    private static (IReadOnlyList<CoverApiError> Errors, string? Code, string? Detail) ParseBody(string? body)
    {
        var none = (Array.Empty<CoverApiError>(), (string?)null, (string?)null);
        if (string.IsNullOrWhiteSpace(body) || body!.TrimStart()[0] != '{')
        {
            return none;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return none;
            }

            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var errors = new List<CoverApiError>();
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    string? parameter = null, pointer = null;
                    if (item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
                    {
                        parameter = String(source, "parameter");
                        pointer = String(source, "pointer");
                    }

                    errors.Add(new CoverApiError(
                        Int(item, "status"),
                        String(item, "code"),
                        String(item, "detail") ?? String(item, "title") ?? String(item, "message"),
                        parameter,
                        pointer));
                }

                var first = errors.FirstOrDefault();
                var detail = errors.Count > 1 && first?.Detail is not null
                    ? $"{first.Detail} (and {errors.Count - 1} more)"
                    : first?.Detail;
                return (errors, first?.Code, detail);
            }

            // RFC 9457 problem details, with the error code as an extension member when there is one.
            var problemCode = String(root, "code") ?? String(root, "errorCode");
            var problemDetail = String(root, "detail") ?? String(root, "title");
            if (problemCode is null && problemDetail is null)
            {
                return none;
            }

            var problem = new CoverApiError(Int(root, "status"), problemCode, problemDetail);
            return (new[] { problem }, problemCode, problemDetail);
        }
        catch (JsonException)
        {
            return none;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static int? Int(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number) ? number : null;
    }

    private static string? FirstHeader(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value?.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
            }
        }

        return null;
    }

    private static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? parsed, string? raw)
    {
        if (parsed is null && raw is not null && !RetryConditionHeaderValue.TryParse(raw, out parsed))
        {
            return null;
        }

        if (parsed?.Delta is { } delta)
        {
            return delta;
        }

        if (parsed?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= MaxDetailLength ? text : new System.Text.StringBuilder(text, 0, MaxDetailLength, MaxDetailLength + 3).Append("...").ToString();
    }

    private static string EndSentence(string text) =>
        text.Length > 0 && text[text.Length - 1] is '.' or '!' or '?' ? text : text + ".";

    /// <summary>The reason phrase of a status, spelled the same on every target framework.</summary>
    internal static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
