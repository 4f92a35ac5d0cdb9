namespace Atradius.Cover.Sdk;

/// <summary>
/// The API rejected the input (HTTP 400 or 422). See <see cref="CoverApiException.Errors"/> and <see cref="CoverApiException.Parameter"/> for what to fix; retrying the same call will fail again.
/// </summary>
public class CoverValidationException : CoverApiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CoverValidationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverValidationException(string message, Exception? innerException)
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
    public CoverValidationException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}
