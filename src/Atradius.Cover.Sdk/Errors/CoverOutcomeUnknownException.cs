namespace Atradius.Cover.Sdk;

/// <summary>
/// An attempt to create or change cover may have reached the service, and nothing the SDK could read proves
/// whether it acted: the application may have been created, or the change made. The SDK looked at the buyer's
/// covers and applications before giving up; look again (<see cref="BuyerId"/>, <see cref="CoverType"/>) before
/// sending the request again.
/// </summary>
public class CoverOutcomeUnknownException : CoverApiException
{
    /// <summary>Creates the exception.</summary>
    public CoverOutcomeUnknownException()
        : this("The outcome of the call is unknown: it may have acted.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public CoverOutcomeUnknownException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The last failure.</param>
    public CoverOutcomeUnknownException(string message, Exception? innerException)
        : this(message, 0, CoverType.CreditLimit, string.Empty, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, saying that the call may have acted.</param>
    /// <param name="buyerId">The buyer the call was about.</param>
    /// <param name="coverType">The kind of cover the call was about.</param>
    /// <param name="requestSummary">What was asked, in words (action, amount, currency, reference).</param>
    /// <param name="innerException">The last failure.</param>
    public CoverOutcomeUnknownException(string message, long buyerId, CoverType coverType, string requestSummary, Exception? innerException)
        : base(message, (innerException as CoverApiException)?.Status ?? 0, (innerException as CoverApiException)?.Errors, (innerException as CoverApiException)?.CorrelationId, (innerException as CoverApiException)?.RawBody, (innerException as CoverApiException)?.Headers, innerException: innerException)
    {
        BuyerId = buyerId;
        CoverType = coverType;
        RequestSummary = requestSummary ?? string.Empty;
    }

    /// <summary>Gets the buyer the call was about: list its covers and applications to see whether the call acted.</summary>
    public long BuyerId { get; }

    /// <summary>Gets the kind of cover the call was about.</summary>
    public CoverType CoverType { get; }

    /// <summary>Gets what was asked, in words (action, amount, currency, reference).</summary>
    public string RequestSummary { get; }
}
