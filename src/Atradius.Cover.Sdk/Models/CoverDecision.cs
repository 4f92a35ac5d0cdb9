namespace Atradius.Cover.Sdk;

/// <summary>
/// One version of a cover on a buyer (a credit limit, credit check or indication) as the service's lists show
/// it: current with its latest decision, referred and waiting for an underwriter, or historic.
/// </summary>
public sealed class CoverDecision
{
    private static readonly IReadOnlyList<BuyerIdentifier> NoIdentifiers = Array.Empty<BuyerIdentifier>();

    internal CoverDecision()
    {
    }

    /// <summary>Gets the id of the cover.</summary>
    public long CoverId { get; internal init; }

    /// <summary>Gets the customer (policy holder).</summary>
    public long CustomerId { get; internal init; }

    /// <summary>Gets the policy the cover is under.</summary>
    public string PolicyId { get; internal init; } = string.Empty;

    /// <summary>Gets the Atradius Buyer ID.</summary>
    public long BuyerId { get; internal init; }

    /// <summary>Gets the buyer's name, when sent.</summary>
    public string? BuyerName { get; internal init; }

    /// <summary>Gets the buyer's identifiers, when sent.</summary>
    public IReadOnlyList<BuyerIdentifier> BuyerIdentifiers { get; internal init; } = NoIdentifiers;

    /// <summary>Gets the cover type: credit limit, credit check or indication.</summary>
    public CoverType CoverType { get; internal init; }

    /// <summary>Gets whether the cover is decided or referred to an underwriter.</summary>
    public CoverStatus Status { get; internal init; }

    /// <summary>Gets the kind of the latest decision; null while referred.</summary>
    public DecisionCode? Code { get; internal init; }

    /// <summary>Gets the decision in words, as the service describes it.</summary>
    public string? DecisionDescription { get; internal init; }

    /// <summary>Gets why this version is no longer current; null while it is current.</summary>
    public HistoricCode? HistoricCode { get; internal init; }

    /// <summary>Gets a process pending on the cover, such as a cancellation; null when there is none.</summary>
    public PendingProcessIndicator? PendingProcess { get; internal init; }

    /// <summary>Gets the pending process in words, e.g. "Pending Cancellation".</summary>
    public string? PendingProcessStatus { get; internal init; }

    /// <summary>Gets the policy currency (ISO 4217): the currency of every amount "in policy currency".</summary>
    public string? PolicyCurrency { get; internal init; }

    /// <summary>Gets the amount applied for, in policy currency; null when not sent (a credit check).</summary>
    public Money? ApplicationAmount { get; internal init; }

    /// <summary>Gets the amount applied for in the user's currency, when sent.</summary>
    public decimal? ApplicationAmountInUserCurrency { get; internal init; }

    /// <summary>Gets the total decision; null while referred.</summary>
    public DecisionAmount? TotalDecision { get; internal init; }

    /// <summary>Gets the first part of a decision split in two amounts, if it is split.</summary>
    public DecisionAmount? FirstAmountDecision { get; internal init; }

    /// <summary>Gets the second part of a decision split in two amounts, if it is split.</summary>
    public DecisionAmount? SecondAmountDecision { get; internal init; }

    /// <summary>Gets when the application was received, when sent.</summary>
    public DateTimeOffset? ApplicationDate { get; internal init; }

    /// <summary>Gets when the decision was taken; null while referred.</summary>
    public DateTimeOffset? DecisionDate { get; internal init; }

    /// <summary>Gets the date the cover starts.</summary>
    public CoverDate? EffectFromDate { get; internal init; }

    /// <summary>Gets the date the cover ended or ends, if it does.</summary>
    public CoverDate? EffectiveToDate { get; internal init; }

    /// <summary>Gets the date a notified withdrawal or reduction takes effect.</summary>
    public CoverDate? WithdrawalDate { get; internal init; }

    /// <summary>Gets the customer's own reference.</summary>
    public string? CustomerReference { get; internal init; }

    /// <summary>Gets the underwriter's remarks.</summary>
    public string? Notes { get; internal init; }

    /// <summary>Gets the buyer's current rating, when sent.</summary>
    public int? BuyerRating { get; internal init; }

    /// <summary>Gets whether the cover has a decision.</summary>
    public bool IsDecided => Status.IsDecided;

    /// <summary>Gets whether the application waits for an underwriter's decision.</summary>
    public bool IsReferred => Status.IsReferred;

    /// <summary>Gets whether this version is no longer current (it has a <see cref="HistoricCode"/>).</summary>
    public bool IsHistoric => HistoricCode.HasValue;

    /// <summary>
    /// Gets whether the decision refuses the application: a refusal code (DC03, DC05, DC07) or a decided amount of 0.
    /// A refused increase (DC05) leaves the cover in force at its earlier amount, which <see cref="TotalDecision"/>
    /// holds: it is a refusal of the increase, not the end of the cover.
    /// </summary>
    public bool IsRefusal => (Code?.IsRefusal ?? false) || (TotalDecision?.IsRefusal ?? false);

    /// <summary>Gets the amount decided in total, in policy currency; null while referred or when not sent.</summary>
    public Money? DecidedAmount => TotalDecision?.Amount;

    /// <summary>Gets whether a cancellation is pending; the cover stays in force until it is processed.</summary>
    public bool IsPendingCancellation => PendingProcess?.IsPendingCancellation ?? false;

    /// <summary>Gets the key that names this cover in a change.</summary>
    public CoverKey Key => new(BuyerId, CoverType, PolicyId.Length == 0 ? null : PolicyId, CustomerId == 0 ? null : CustomerId);

    /// <summary>A short description for logs and debugging.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        "Cover " + CoverId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + CoverType + " " + Status
        + (Code is { } code ? " " + code : string.Empty)
        + (HistoricCode is { } historic ? " " + historic : string.Empty)
        + (DecidedAmount is { } amount ? " " + amount : string.Empty);
}
