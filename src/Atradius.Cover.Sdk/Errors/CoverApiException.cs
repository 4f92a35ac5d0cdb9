namespace Atradius.Cover.Sdk;

/// <summary>
/// A call to the Cover API failed. Carries the status, the error entries of the body, the correlation id to
/// quote to Atradius support, the answer's headers and its raw body (truncated).
/// </summary>
/// <remarks>
/// Subtypes exist only where a caller reacts differently: <see cref="CoverValidationException"/>,
/// <see cref="CoverConflictException"/>, <see cref="CoverNotFoundException"/>,
/// <see cref="CoverAuthenticationException"/>, <see cref="CoverRateLimitedException"/>,
/// <see cref="CoverTransportException"/> and <see cref="CoverOutcomeUnknownException"/>.
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
    /// <param name="status">The HTTP status code (0 when no answer was received).</param>
    /// <param name="errors">The error entries of the answer.</param>
    /// <param name="correlationId">The correlation id of the call.</param>
    /// <param name="rawBody">The answer's body, truncated.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="errorCode">The gateway's error code (<c>fault.detail.errorcode</c>), if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CoverApiException(string message, int status, IReadOnlyList<CoverApiError>? errors = null, string? correlationId = null, string? rawBody = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Errors = errors ?? NoErrors;
        Parameter = ParameterOf(Errors);
        CorrelationId = correlationId;
        RawBody = rawBody;
        Headers = headers ?? CoverResponseInfo.NoHeaders;
        ErrorCode = errorCode;
    }

    /// <summary>Gets the HTTP status code of the answer (0 when no answer was received).</summary>
    public int Status { get; }

    /// <summary>Gets the error entries of the answer (empty when the body held none).</summary>
    public IReadOnlyList<CoverApiError> Errors { get; }

    /// <summary>The first error that says what is wrong: the one a message gives.</summary>
    internal static CoverApiError? Explained(IReadOnlyList<CoverApiError> errors) => errors.FirstOrDefault(e => !string.IsNullOrEmpty(e.Detail));

    /// <summary>The field of the error the message gives, else the first field named.</summary>
    internal static string? ParameterOf(IReadOnlyList<CoverApiError> errors) =>
        Explained(errors) is { } explained ? explained.Parameter : errors.Select(e => e.Parameter).FirstOrDefault(p => !string.IsNullOrEmpty(p));

    /// <summary>Gets the request field or parameter the answer named as wrong (<c>source.parameter</c>): that of the first error that says what is wrong, else the first named; null when none is.</summary>
    public string? Parameter { get; }

    /// <summary>Gets the <c>Atradius-Correlation-Id</c> of the call; quote it to Atradius support.</summary>
    public string? CorrelationId { get; }

    /// <summary>
    /// Gets the answer's body as received, truncated to 4 KB: of an error answer, and of a success answer the SDK could
    /// not read (a proxy's or a firewall's page served with 200, say); useful when it was not the documented JSON.
    /// </summary>
    public string? RawBody { get; }

    /// <summary>Gets the answer's headers (empty when no answer was received).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the gateway's machine-readable error code (<c>fault.detail.errorcode</c>), if it sent one.</summary>
    public string? ErrorCode { get; }
}
