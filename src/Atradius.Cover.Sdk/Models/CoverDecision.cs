namespace Atradius.Cover.Sdk;

/// <summary>
/// A cover on a buyer (a credit limit, credit check or indication) with its latest decision, or an
/// application referred to an underwriter and waiting for one.
/// </summary>
public sealed class CoverDecision
{
    internal CoverDecision()
    {
    }

    /// <summary>Id of the cover, which is also the id of the application that created it.</summary>
    public long CoverId { get; internal init; }

    /// <summary>The customer (policy holder).</summary>
    public long CustomerId { get; internal init; }

    /// <summary>The policy the cover is under.</summary>
    public string PolicyId { get; internal init; } = string.Empty;

    /// <summary>The Atradius Buyer ID.</summary>
    public long BuyerId { get; internal init; }

    /// <summary>Name of the buyer, when the service sends it.</summary>
    public string? BuyerName { get; internal init; }

    /// <summary>Credit limit, credit check or indication.</summary>
    public CoverType CoverType { get; internal init; }

    /// <summary>Decided, or referred to an underwriter.</summary>
    public CoverStatus Status { get; internal init; }

    /// <summary>The kind of the latest decision; null while the application is referred.</summary>
    public DecisionCode? Code { get; internal init; }

    /// <summary>Why the cover is no longer current; null while it is current.</summary>
    public HistoricCode? HistoricCode { get; internal init; }

    /// <summary>A process pending on the cover, such as a cancellation; null when there is none.</summary>
    public PendingProcessIndicator? PendingProcess { get; internal init; }

    /// <summary>The amount of the latest application; null for a credit check.</summary>
    public Money? ApplicationAmount { get; internal init; }

    /// <summary>The total amount decided, with its conditions; null while referred.</summary>
    public DecisionAmount? TotalDecision { get; internal init; }

    /// <summary>The first part of a decision split in two amounts, if it is split.</summary>
    public DecisionAmount? FirstAmountDecision { get; internal init; }

    /// <summary>The second part of a decision split in two amounts, if it is split.</summary>
    public DecisionAmount? SecondAmountDecision { get; internal init; }

    /// <summary>When the latest application was received.</summary>
    public DateTimeOffset ApplicationDate { get; internal init; }

    /// <summary>When the latest decision was taken; null while referred.</summary>
    public DateTimeOffset? DecisionDate { get; internal init; }

    /// <summary>The date the cover starts.</summary>
    public CoverDate? EffectFromDate { get; internal init; }

    /// <summary>The date the cover ends, if it does.</summary>
    public CoverDate? EffectiveToDate { get; internal init; }

    /// <summary>The date a notified withdrawal or reduction takes effect.</summary>
    public CoverDate? WithdrawalDate { get; internal init; }

    /// <summary>The customer's own reference for the buyer.</summary>
    public string? CustomerReference { get; internal init; }

    /// <summary>Remarks of the underwriter.</summary>
    public string? Notes { get; internal init; }

    /// <summary>Version of the cover, raised by every change.</summary>
    public int Version { get; internal init; }

    /// <summary>
    /// The entity tag of this version, to pass as <see cref="CoverRequestOptions.IfMatch"/> so that a change is
    /// refused when the cover changed since it was read. Present on covers read one at a time or returned by a
    /// change; null on covers read from a list.
    /// </summary>
    public string? ETag { get; internal set; }

    /// <summary>When the cover last changed.</summary>
    public DateTimeOffset UpdatedAt { get; internal init; }

    /// <summary>Whether the cover has a decision.</summary>
    public bool IsDecided => Status.IsDecided;

    /// <summary>Whether the application waits for an underwriter's decision.</summary>
    public bool IsReferred => Status.IsReferred;

    /// <summary>The amount decided in total; null while referred.</summary>
    public Money? DecidedAmount => TotalDecision?.Amount;

    /// <summary>
    /// Whether the decision is a refusal: a refusal code (DC03, DC05, DC07) or a decided amount of 0.
    /// </summary>
    public bool IsRefusal => (Code?.IsRefusal ?? false) || (TotalDecision?.IsRefusal ?? false);

    /// <summary>Whether a cancellation is pending; the cover stays in force until it is processed.</summary>
    public bool IsPendingCancellation => PendingProcess?.IsPendingCancellation ?? false;

    /// <summary>
    /// Whether the cover was cancelled: it is historic with CCLD (decision), CIND (indication) or CCLA
    /// (application). A cover with a pending cancellation is not cancelled yet, see <see cref="IsPendingCancellation"/>.
    /// </summary>
    public bool IsCancelled => HistoricCode?.IsCancellation ?? false;

    /// <summary>Whether the cover is no longer current (it has a <see cref="HistoricCode"/>).</summary>
    public bool IsHistoric => HistoricCode.HasValue;

    /// <summary>A short description for logs and debugging.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        "Cover " + CoverId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + CoverType + " " + Status
        + (Code is { } code ? " " + code : string.Empty)
        + (TotalDecision is { } total ? " " + total : string.Empty);
}
