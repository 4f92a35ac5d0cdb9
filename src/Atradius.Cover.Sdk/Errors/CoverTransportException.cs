namespace Atradius.Cover.Sdk;

/// <summary>
/// The Cover API could not be reached or did not answer in time, after every retry a read is allowed, or the
/// SDK refused to send because the circuit breaker is open. <see cref="CoverApiException.Status"/> is 0. A call
/// that changes cover never ends in this exception after an attempt that may have reached the service: it
/// ends in a result or in a <see cref="CoverOutcomeUnknownException"/>.
/// </summary>
public class CoverTransportException : CoverApiException
{
    /// <summary>Creates the exception.</summary>
    public CoverTransportException()
        : this("The Cover API could not be reached.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverTransportException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The transport failure.</param>
    public CoverTransportException(string message, Exception? innerException)
        : this(message, requestWasSent: true, correlationId: null, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="requestWasSent">Whether the request left the client (false when the circuit breaker refused it, or it failed before it went out).</param>
    /// <param name="correlationId">The correlation id the request was sent with.</param>
    /// <param name="innerException">The transport failure.</param>
    public CoverTransportException(string message, bool requestWasSent, string? correlationId, Exception? innerException)
        : base(message, 0, correlationId: correlationId, innerException: innerException)
    {
        RequestWasSent = requestWasSent;
    }

    /// <summary>
    /// Gets whether the request left the client. False only when the SDK refused to send it (open circuit
    /// breaker) or it failed before it went out (no access token within the attempt's time): then the service cannot
    /// have acted on it.
    /// </summary>
    public bool RequestWasSent { get; }
}
