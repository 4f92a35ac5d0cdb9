namespace Atradius.Cover.Sdk;

/// <summary>
/// The Cover API answered a call with an error. Carries the status, the error entries of the body,
/// the correlation id to quote to Atradius support, and the raw body (truncated).
/// </summary>
/// <remarks>
/// Subtypes exist only where a caller reacts differently: <see cref="CoverNotFoundException"/>,
/// <see cref="CoverConflictException"/>, <see cref="CoverValidationException"/>,
/// <see cref="CoverRateLimitedException"/> and <see cref="CoverAuthenticationException"/>.
/// Messages never contain tokens, the client secret or the application key.
/// </remarks>
public class CoverApiException : Exception
{
    private static readonly IReadOnlyList<CoverApiError> NoErrors = Array.Empty<CoverApiError>();

    /// <summary>Creates the exception with a default message.</summary>
    public CoverApiException()
        : this("The Cover API call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverApiException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverApiException(string message, Exception? innerException)
        : this(message, 0, innerException: innerException)
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
    public CoverApiException(string message, int status, string? errorCode = null, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Errors = errors ?? NoErrors;
        ErrorCode = errorCode ?? Errors.Select(e => e.Code).FirstOrDefault(c => !string.IsNullOrEmpty(c));
        Parameter = Errors.Select(e => e.Parameter).FirstOrDefault(p => !string.IsNullOrEmpty(p));
        CorrelationId = correlationId;
        RawBody = rawBody;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the HTTP status code of the answer (0 when no answer was received).</summary>
    public int Status { get; }

    /// <summary>Gets the first machine-readable error code, e.g. <c>COVER_EXISTS</c>, if the API gave one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the error entries of the answer (empty when the body held none).</summary>
    public IReadOnlyList<CoverApiError> Errors { get; }

    /// <summary>Gets the first offending parameter named by the API, if any.</summary>
    public string? Parameter { get; }

    /// <summary>Gets the <c>Atradius-Correlation-Id</c> of the call; quote it to Atradius support.</summary>
    public string? CorrelationId { get; }

    /// <summary>Gets the response body as received, truncated to 4 KB; useful when it was not the documented JSON.</summary>
    public string? RawBody { get; }

    /// <summary>Gets how long the API asked the caller to wait (<c>Retry-After</c>), if it did.</summary>
    public TimeSpan? RetryAfter { get; }
}
