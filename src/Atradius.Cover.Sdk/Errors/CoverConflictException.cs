namespace Atradius.Cover.Sdk;

/// <summary>
/// The cover already exists: the service answered "already exists for this buyer" (whatever the HTTP status), or 409. Read the buyer's covers before deciding what to do.
/// </summary>
public class CoverConflictException : CoverApiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CoverConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverConflictException(string message, Exception? innerException)
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
    public CoverConflictException(string message, int status, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null, string? errorCode = null, Exception? innerException = null)
        : base(message, status, errors, correlationId, rawBody, headers, errorCode, innerException)
    {
    }
}
