namespace Atradius.Cover.Sdk;

/// <summary>
/// The resource does not exist (HTTP 404): a buyer, application or cover id that is unknown or not visible to your policy.
/// </summary>
public class CoverNotFoundException : CoverApiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CoverNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverNotFoundException(string message, Exception? innerException)
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
    public CoverNotFoundException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, status, errorCode, errors, correlationId, rawBody, retryAfter, innerException)
    {
    }
}
