namespace Atradius.Cover.Sdk;

/// <summary>
/// The service refused the call because too many calls were made (HTTP 429), after the SDK's retries (a read, an application, a change and a conversion are each sent again after a 429, up to <see cref="CoverResilienceOptions.MaxRetryAttempts"/> times). Nothing was acted on. Slow down and call again later.
/// </summary>
public class CoverRateLimitedException : CoverApiException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CoverRateLimitedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverRateLimitedException(string message, Exception? innerException)
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
    public CoverRateLimitedException(string message, int status, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null, string? errorCode = null, Exception? innerException = null)
        : base(message, status, errors, correlationId, rawBody, headers, errorCode, innerException)
    {
    }

    /// <summary>
    /// Gets how long the service asked to wait before the next request: its <c>Retry-After</c> header, a number of
    /// seconds or a date (taken against the answer's <c>Date</c> header, else against this machine's clock now); null
    /// when the answer named none, or one that cannot be read. The SDK waits at least this long, and at most a minute,
    /// before it sends an application, a change or a conversion again after a 429.
    /// </summary>
    public TimeSpan? RetryAfter => RetryAfterHeader.Read(Headers, DateTimeOffset.UtcNow);
}
