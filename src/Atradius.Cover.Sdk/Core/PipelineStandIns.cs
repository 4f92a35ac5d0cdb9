// Stand-ins for the types the HTTP pipeline branch provides (same names and signatures), so the
// facade builds before that work is merged. This file is deleted when the pipeline is merged.
#pragma warning disable CS1591, CA1032, CA1064, CA1819, CA1720, CA1510
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>Settings of a <see cref="CoverClient"/>.</summary>
public sealed class CoverClientOptions
{
    /// <summary>Base address of the Cover API.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Default interval between two looks at a referred application.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Default longest wait for a referred application's decision.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>One error reported by the Cover API.</summary>
public sealed class CoverApiError
{
    public CoverApiError(int? status, string? code, string? detail, string? parameter = null, string? pointer = null)
    {
        Status = status;
        Code = code;
        Detail = detail;
        Parameter = parameter;
        Pointer = pointer;
    }

    public int? Status { get; }

    public string? Code { get; }

    public string? Detail { get; }

    public string? Parameter { get; }

    public string? Pointer { get; }
}

/// <summary>A failed Cover API call.</summary>
public class CoverApiException : Exception
{
    public CoverApiException()
        : this("The Cover API call failed.")
    {
    }

    public CoverApiException(string message)
        : this(message, innerException: null)
    {
    }

    public CoverApiException(string message, Exception? innerException)
        : this(message, 0, innerException: innerException)
    {
    }

    public CoverApiException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Errors = errors ?? Array.Empty<CoverApiError>();
        ErrorCode = errorCode;
        CorrelationId = correlationId;
        RawBody = rawBody;
        RetryAfter = retryAfter;
    }

    public int Status { get; }

    public string? ErrorCode { get; }

    public IReadOnlyList<CoverApiError> Errors { get; }

    public string? Parameter => Errors.Count > 0 ? Errors[0].Parameter : null;

    public string? CorrelationId { get; }

    public string? RawBody { get; }

    public TimeSpan? RetryAfter { get; }
}

public class CoverNotFoundException : CoverApiException
{
    public CoverNotFoundException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}

public class CoverConflictException : CoverApiException
{
    public CoverConflictException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}

public class CoverValidationException : CoverApiException
{
    public CoverValidationException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}

public class CoverRateLimitedException : CoverApiException
{
    public CoverRateLimitedException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}

public class CoverAuthenticationException : CoverApiException
{
    public CoverAuthenticationException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}

internal static class CoverApiExceptionFactory
{
    public static CoverApiException Create(int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, string? body, Exception? innerException = null)
    {
        string? code = null;
        var errors = new List<CoverApiError>();
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(body!);
                if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && document.RootElement.TryGetProperty("errors", out var list)
                    && list.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        var itemCode = item.TryGetProperty("code", out var c) ? c.GetString() : null;
                        string? parameter = null;
                        if (item.TryGetProperty("source", out var source) && source.ValueKind == System.Text.Json.JsonValueKind.Object && source.TryGetProperty("parameter", out var p))
                        {
                            parameter = p.GetString();
                        }

                        code ??= itemCode;
                        errors.Add(new CoverApiError(status, itemCode, item.TryGetProperty("detail", out var d) ? d.GetString() : null, parameter));
                    }
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        string? correlationId = null;
        TimeSpan? retryAfter = null;
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                if (string.Equals(header.Key, "Atradius-Correlation-Id", StringComparison.OrdinalIgnoreCase))
                {
                    correlationId = header.Value.FirstOrDefault();
                }
                else if (string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(header.Value.FirstOrDefault(), out var seconds))
                {
                    retryAfter = TimeSpan.FromSeconds(seconds);
                }
            }
        }

        var message = $"Cover API returned {status} ({code}).";
        return status switch
        {
            404 => new CoverNotFoundException(message, status, code, errors, correlationId, body, retryAfter, innerException),
            409 or 412 => new CoverConflictException(message, status, code, errors, correlationId, body, retryAfter, innerException),
            400 or 422 => new CoverValidationException(message, status, code, errors, correlationId, body, retryAfter, innerException),
            429 => new CoverRateLimitedException(message, status, code, errors, correlationId, body, retryAfter, innerException),
            401 or 403 => new CoverAuthenticationException(message, status, code, errors, correlationId, body, retryAfter, innerException),
            _ => new CoverApiException(message, status, code, errors, correlationId, body, retryAfter, innerException),
        };
    }
}

internal static class CoverHttpClientFactory
{
    public static HttpClient CreateStandalone(CoverClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, HttpMessageHandler primaryHandler)
    {
        _ = loggerFactory;
        _ = timeProvider;
        return new HttpClient(primaryHandler, disposeHandler: true) { BaseAddress = options.BaseAddress };
    }

    public static HttpMessageHandler CreatePrimaryHandler() => new HttpClientHandler();
}
