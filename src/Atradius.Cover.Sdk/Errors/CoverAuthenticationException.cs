namespace Atradius.Cover.Sdk;

/// <summary>
/// Authentication or authorization failed: the API answered 401 or 403 (after one token renewal), or the token endpoint refused the credentials. <see cref="CoverApiException.Status"/> is 0 when the token endpoint could not be reached.
/// </summary>
public class CoverAuthenticationException : CoverApiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CoverAuthenticationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with everything the API told about the failure.</summary>
    /// <param name="message">What went wrong, readable by a person.</param>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="errorCode">The first machine-readable error code, if any.</param>
    /// <param name="errors">The error entries of the response.</param>
    /// <param name="correlationId">The correlation id of the call.</param>
    /// <param name="rawBody">The response body, truncated.</param>
    /// <param name="retryAfter">How long the API asked to wait, if it did.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CoverAuthenticationException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}
