namespace Atradius.Cover.Sdk;

/// <summary>
/// An attempt to create or change cover may have reached the service, and nothing the SDK could read proves
/// whether it acted: the application may have been created, or the change made. The SDK looked at the buyer's
/// covers and applications before giving up; look again (<see cref="BuyerId"/>, <see cref="CoverType"/>, and the
/// <see cref="CustomerId"/> and <see cref="PolicyId"/> the call named) before sending the request again.
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

    /// <summary>
    /// Gets the buyer the call was about: list its covers and applications to see whether the call acted. Zero when
    /// the call named no buyer (the conversion of an indication names only its cover: see <see cref="CoverId"/>).
    /// </summary>
    public long BuyerId { get; }

    /// <summary>
    /// Gets the cover the call named, when it named one (the indication of a conversion: look for it among the credit
    /// limits of <see cref="CustomerId"/>); null for an application or a change, which name the buyer instead.
    /// </summary>
    public long? CoverId { get; private set; }

    /// <summary>Gets the kind of cover the call was about.</summary>
    public CoverType CoverType { get; }

    /// <summary>Gets what was asked, in words (action, amount, currency, reference).</summary>
    public string RequestSummary { get; }

    /// <summary>
    /// Gets the customer the call was for when it named one (a broker's call for another customer): look in that
    /// customer's lists, not the client's. Null for the client's own customer.
    /// </summary>
    public long? CustomerId { get; private set; }

    /// <summary>Gets the policy the call named; null when it named none (the client's policy).</summary>
    public string? PolicyId { get; private set; }

    /// <summary>
    /// The customer and policy a call named, as look-up advice in a message says them, each after
    /// <paramref name="lead"/> and then a comma; empty when it named none.
    /// </summary>
    internal static string Whose(long? customerId, string? policyId, string lead)
    {
        var customer = customerId is { } id ? "customer " + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var policy = policyId is null ? null : "policy " + policyId;
        return customer is null && policy is null ? string.Empty
            : lead + (customer is not null && policy is not null ? customer + ", " + policy : customer ?? policy);
    }

    /// <summary>The cover the call named, for the caller's look before sending again.</summary>
    internal CoverOutcomeUnknownException ForCover(long coverId)
    {
        CoverId = coverId;
        return this;
    }

    /// <summary>The customer and policy the call named, for the caller's look before sending again.</summary>
    internal CoverOutcomeUnknownException For(long? customerId, string? policyId)
    {
        CustomerId = customerId;
        PolicyId = policyId;
        return this;
    }
}
