namespace Atradius.Cover.Sdk;

/// <summary>
/// HTTP 403: the call was refused before anything was done. Either the client may not make it (a read-only client's
/// write, a customer the client may not act for) or the gateway does not know the route (a wrong
/// <see cref="CoverClientOptions.BaseAddress"/> or <see cref="CoverClientOptions.TokenEndpoint"/>); the message says
/// which the answer points to. Not retried: the same call is refused again.
/// </summary>
public class CoverForbiddenException : CoverApiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CoverForbiddenException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverForbiddenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverForbiddenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with everything the API told about the failure.</summary>
    /// <param name="message">What went wrong, readable by a person.</param>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="errors">The error entries of the answer.</param>
    /// <param name="correlationId">The correlation id of the call.</param>
    /// <param name="rawBody">The answer's body, truncated.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="errorCode">The gateway's error code, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CoverForbiddenException(string message, int status, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null, string? errorCode = null, Exception? innerException = null)
        : base(message, status, errors, correlationId, rawBody, headers, errorCode, innerException)
    {
    }
}
