namespace Atradius.Cover.Sdk;

/// <summary>
/// The Cover API could not be reached or did not answer in time, after every retry. <see cref="CoverApiException.Status"/> is 0.
/// When <see cref="RequestMayHaveBeenProcessed"/> is true, a change may have been made: retry with the same
/// <see cref="IdempotencyKey"/> (in <see cref="CoverRequestOptions.IdempotencyKey"/> or
/// <see cref="CoverApplication.IdempotencyKey"/>) so that it is made at most once.
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
        : this(message, idempotencyKey: null, requestMayHaveBeenProcessed: false, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="idempotencyKey">The idempotency key the request was sent with, if it changes cover.</param>
    /// <param name="requestMayHaveBeenProcessed">Whether the service may have made the change.</param>
    /// <param name="innerException">The transport failure.</param>
    public CoverTransportException(string message, string? idempotencyKey, bool requestMayHaveBeenProcessed, Exception? innerException)
        : base(message, 0, innerException: innerException)
    {
        IdempotencyKey = idempotencyKey;
        RequestMayHaveBeenProcessed = requestMayHaveBeenProcessed;
    }

    /// <summary>The idempotency key of the failed request; null for a read.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>Whether the service may have made the change although no answer arrived.</summary>
    public bool RequestMayHaveBeenProcessed { get; }
}
