using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Turns a failed answer into the right <see cref="CoverApiException"/>. Reads both error shapes of the real
/// service: business errors <c>{"errors":[{"detail","source":{"parameter"}}]}</c> and gateway faults
/// (<c>{"fault":{"faultstring","detail":{"errorcode"}}}</c> or a top-level <c>faultstring</c>). Any other body
/// (HTML from a proxy, empty, cut short) still yields a <see cref="CoverApiException"/>, never a
/// <see cref="JsonException"/>.
/// </summary>
internal static class CoverApiExceptionFactory
{
    /// <summary>The longest body kept on the exception.</summary>
    public const int MaxRawBodyLength = 4096;

    /// <summary>The header that carries the correlation id of a call.</summary>
    public const string CorrelationIdHeader = "Atradius-Correlation-Id";

    private const int MaxDetailLength = 512;

    /// <summary>Builds the exception for an error answer.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="body">The answer's body as text, if it could be read.</param>
    /// <param name="correlationId">The correlation id the request was sent with, when the answer does not repeat it.</param>
    public static CoverApiException Create(int status, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers, string? body, string? correlationId = null)
    {
        correlationId = CoverResponseInfo.FirstHeader(headers, CorrelationIdHeader) ?? correlationId;
        var (errors, fault, errorCode) = ParseBody(body);
        // The first entry that says something, and the field of that same entry: an entry with a field and no detail
        // beside one with a detail and no field would otherwise pair one entry's field with another's detail.
        var detail = CoverApiException.Explained(errors)?.Detail ?? fault;
        var raw = body is null ? null : body.Length > MaxRawBodyLength ? body.Substring(0, MaxRawBodyLength) : body;

        var message = "The Cover API answered " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + ReasonPhrase(status);
        if (status is >= 200 and < 300)
        {
            // A success status whose body carries errors: the read refuses the answer rather than trust its data.
            message += " with errors in its body, so the answer was not used";
        }

        if (!string.IsNullOrEmpty(detail))
        {
            message += ": " + Shorten(detail!);
            if (errors.Count > 1)
            {
                message += " (and " + (errors.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more)";
            }
        }

        var parameter = CoverApiException.ParameterOf(errors);
        if (parameter is not null)
        {
            message = EndSentence(message) + " Field: " + parameter;
        }

        if (status == 403)
        {
            message = EndSentence(message) + ForbiddenHint(errors, fault, errorCode);
        }

        if (status is >= 300 and < 400)
        {
            // Not followed: see CoverTransport.SendAsync.
            var location = CoverResponseInfo.FirstHeader(headers, "Location");
            message = EndSentence(message) + " The SDK does not follow redirects" + (location is null ? string.Empty : " (to " + Shorten(location) + ")")
                + ": the Cover API never answers one, so a proxy or the BaseAddress is probably wrong.";
        }

        message = EndSentence(message);
        if (!string.IsNullOrEmpty(correlationId))
        {
            message += " Correlation id: " + correlationId + ".";
        }

        if (errors.Any(e => IsAlreadyExists(e.Detail)))
        {
            return new CoverConflictException(message, status, errors, correlationId, raw, headers, errorCode);
        }

        if (errors.Any(e => Contains(e.Detail, "cannot supersede")))
        {
            return new CoverConflictException(message, status, errors, correlationId, raw, headers, errorCode);
        }

        if (errors.Any(e => IsNoBuyerMatch(e.Detail)))
        {
            return new CoverNotFoundException(message, status, errors, correlationId, raw, headers, errorCode);
        }

        return status switch
        {
            404 => new CoverNotFoundException(message, status, errors, correlationId, raw, headers, errorCode),
            409 => new CoverConflictException(message, status, errors, correlationId, raw, headers, errorCode),
            400 or 422 => new CoverValidationException(message, status, errors, correlationId, raw, headers, errorCode),
            429 => new CoverRateLimitedException(message, status, errors, correlationId, raw, headers, errorCode),
            401 => new CoverAuthenticationException(message, status, errors, correlationId, raw, headers, errorCode),
            403 => new CoverForbiddenException(message, status, errors, correlationId, raw, headers, errorCode),
            _ => new CoverApiException(message, status, errors, correlationId, raw, headers, errorCode),
        };
    }

    /// <summary>
    /// What a 403 points to. The gateway answers 403 to a route it does not know, before it looks at the credentials,
    /// so a 403 with nothing said, or one that names the route or resource, most likely means a wrong base address. One
    /// that says something else (a write the client may not make, a customer it may not act for) is about permission,
    /// and sending a user to change a base address that is right would cost them the afternoon.
    /// </summary>
    private static string ForbiddenHint(IReadOnlyList<CoverApiError> errors, string? fault, string? errorCode)
    {
        const string WrongRoute = " The gateway did not recognise the route: the BaseAddress (or TokenEndpoint) is probably wrong; it must be the host root, e.g. https://api.atradius.com/.";
        const string NoPermission = " The client is not allowed this call (a read-only client's write, or a customer it may not act for): check the client's rights and the customer id. If every call is refused, the BaseAddress may be wrong instead.";
        if (errors.Count > 0)
        {
            return NoPermission;
        }

        if (fault is null && errorCode is null)
        {
            return WrongRoute;
        }

        return Contains(fault, "route") || Contains(fault, "resource") || Contains(errorCode, "route") || Contains(errorCode, "classification")
            ? WrongRoute
            : NoPermission;
    }

    /// <summary>
    /// A read of one item (a buyer, a policy's details) answered with others only: the service may have ignored the
    /// id asked for, and the first item is not the one asked for.
    /// </summary>
    /// <param name="kind">What was read, singular and plural: ("buyer", "buyers").</param>
    /// <param name="answered">The ids of the items answered.</param>
    /// <param name="asked">The id asked for.</param>
    /// <param name="info">The answer's status, correlation id and headers.</param>
    public static CoverApiException AnsweredAnother((string One, string Several) kind, IEnumerable<string> answered, string asked, CoverResponseInfo info)
    {
        var ids = answered.Distinct(StringComparer.Ordinal).ToList();
        return new CoverApiException(
            "The Cover API answered " + (ids.Count == 1 ? kind.One + " " : kind.Several + " ") + string.Join(", ", ids.Take(5)) + (ids.Count > 5 ? ", ..." : string.Empty)
                + " to a read of " + kind.One + " " + asked + ": the " + kind.One + " asked for is not in the answer."
                + (info.CorrelationId is null ? string.Empty : " Correlation id: " + info.CorrelationId + "."),
            info.Status,
            correlationId: info.CorrelationId,
            headers: info.Headers);
    }

    /// <summary>Whether an error detail says the buyer already has such cover.</summary>
    public static bool IsAlreadyExists(string? detail) => Contains(detail, "already exists");

    /// <summary>Whether an error detail is the buyer search's "No buyer match found".</summary>
    public static bool IsNoBuyerMatch(string? detail) => Contains(detail, "No buyer match found");

    /// <summary>Builds the exception for a token endpoint that refused the credentials.</summary>
    public static CoverAuthenticationException CreateCredentialRefusal(int status, string? error, string? description, string? correlationId = null)
    {
        var message = "The token endpoint refused the client credentials (" + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + ReasonPhrase(status)
            + (string.IsNullOrEmpty(error) ? string.Empty : ", " + Shorten(error!))
            + (string.IsNullOrEmpty(description) ? string.Empty : ": " + Shorten(description!))
            + "). Check ClientId, ClientSecret and AppKey.";
        return new CoverAuthenticationException(message, status, correlationId: correlationId, errorCode: error);
    }

    /// <summary>Parses an error body; empty results for anything that is not one of the known shapes.</summary>
    internal static (IReadOnlyList<CoverApiError> Errors, string? Fault, string? ErrorCode) ParseBody(string? body)
    {
        var none = ((IReadOnlyList<CoverApiError>)Array.Empty<CoverApiError>(), (string?)null, (string?)null);

        // A UTF-8 byte order mark before the JSON (some gateways write one) is not part of it.
        body = body?.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(body) || body!.TrimStart()[0] != '{')
        {
            return none;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var errors = new List<CoverApiError>();
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    // An error written as bare text is an error all the same: skipped, a list answer carrying only such
                    // entries would be taken for a complete (empty) list.
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        errors.Add(new CoverApiError(item.GetString()));
                        continue;
                    }

                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    string? parameter = null;
                    if (item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
                    {
                        parameter = Text(source, "parameter") ?? Text(source, "pointer");
                    }

                    errors.Add(new CoverApiError(Text(item, "detail") ?? Text(item, "title") ?? Text(item, "message"), parameter));
                }
            }

            string? fault = Text(root, "faultstring");
            string? code = null;

            // A fault at the top level carries its code beside it, as the nested shape does inside "fault".
            if (fault is not null && root.TryGetProperty("detail", out var topDetail) && topDetail.ValueKind == JsonValueKind.Object)
            {
                code = Text(topDetail, "errorcode");
            }

            if (root.TryGetProperty("fault", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                fault ??= Text(nested, "faultstring");
                if (nested.TryGetProperty("detail", out var faultDetail) && faultDetail.ValueKind == JsonValueKind.Object)
                {
                    code ??= Text(faultDetail, "errorcode");
                }
            }

            if (errors.Count == 0 && fault is null && Text(root, "detail") is { } problem)
            {
                errors.Add(new CoverApiError(problem));
            }

            return (errors, fault, code);
        }
        catch (JsonException)
        {
            return none;
        }
    }

    private static bool Contains(string? text, string part) => CoverText.Contains(text, part);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

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
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
