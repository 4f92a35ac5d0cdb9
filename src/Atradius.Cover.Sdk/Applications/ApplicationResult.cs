namespace Atradius.Cover.Sdk;

/// <summary>
/// What became of an application the service answered with a success status: decided, referred, or refused inside the
/// answer (<see cref="ApplicationOutcome.Refused"/>). Returned whenever the answer saying the service accepted it was
/// read, even when the SDK could not read the cover back (<see cref="DetailsUnavailable"/>); a success answer whose body
/// was lost is returned only when the buyer's lists show the application.
/// </summary>
public sealed class ApplicationResult
{
    internal ApplicationResult()
    {
    }

    /// <summary>
    /// Gets the id of the cover created; null only when neither the answer nor the read-back gave it. When
    /// <see cref="Outcome"/> is <see cref="ApplicationOutcome.Refused"/>, nothing was created: it is the id the answer
    /// named, if any.
    /// </summary>
    public long? CoverId { get; internal init; }

    /// <summary>Gets the buyer the application is on.</summary>
    public long BuyerId { get; internal init; }

    /// <summary>Gets whether the application was decided at once, referred to an underwriter, or refused inside a success answer.</summary>
    public ApplicationOutcome Outcome { get; internal init; }

    /// <summary>Gets the cover as read back from the lists; null when <see cref="DetailsUnavailable"/> or <see cref="ApplicationOutcome.Refused"/>.</summary>
    public CoverDecision? Cover { get; internal init; }

    /// <summary>Gets whether the application was accepted but its cover could not be read back.</summary>
    public bool DetailsUnavailable { get; internal init; }

    /// <summary>Gets why the cover could not be read back, when <see cref="DetailsUnavailable"/>.</summary>
    public string? DetailsUnavailableReason { get; internal init; }

    /// <summary>
    /// Gets whether the SDK found the application already made: after an attempt whose answer was lost, or an
    /// "already exists" answer matching this application (type, amount, currency, reference).
    /// </summary>
    public bool Recovered { get; internal init; }

    /// <summary>
    /// Gets whether the cover returned was there before this call: the service refused the application as already
    /// existing, no attempt of this call went unanswered, and the buyer's covers hold one like it (<see cref="Recovered"/>
    /// is then set too). This call made nothing.
    /// </summary>
    public bool AlreadyExisted { get; internal init; }

    /// <summary>Gets the service's response text, e.g. "Action successful" or "Action has been refused."; null when the answer gave none or was not read (a recovered application).</summary>
    public string? ResponseText { get; internal init; }

    /// <summary>Gets the last answer of the call (status, correlation id, headers).</summary>
    public CoverResponseInfo Response { get; internal init; } = new(0, null);

    /// <summary>Gets the operation that follows a referred application to its final decision; null when decided.</summary>
    public CoverApplicationOperation? Operation { get; internal init; }

    /// <summary>The outcome and cover.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Outcome == ApplicationOutcome.Refused
            ? "Refused, nothing created" + (ResponseText is null ? string.Empty : ": " + ResponseText)
            : Outcome + " " + (Cover?.ToString() ?? ("cover " + (CoverId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)")))
        + (Recovered ? " (recovered)" : string.Empty) + (DetailsUnavailable ? " (details unavailable)" : string.Empty);
}
