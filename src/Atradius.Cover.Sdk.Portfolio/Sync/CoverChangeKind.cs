namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>What kind of change a sync observed. One new cover version can carry several kinds.</summary>
public enum CoverChangeKind
{
    /// <summary>A version changed in a way none of the other kinds names (for example the underwriter's notes).</summary>
    Other = 0,

    /// <summary>A decided cover the portfolio did not know before, or one listed again after it ended.</summary>
    NewDecision = 1,

    /// <summary>A referred application got its decision.</summary>
    Decided = 2,

    /// <summary>
    /// An application (new, or a change of a decided cover) was referred to an underwriter, or a referred cover is
    /// listed again after it ended.
    /// </summary>
    Referred = 3,

    /// <summary>
    /// The decided amount changed (not reported again when a reduction or withdrawal in effect explains it, nor beside
    /// <see cref="Decided"/> or <see cref="Referred"/>, whose status change brings or takes away the decision).
    /// </summary>
    AmountChanged = 4,

    /// <summary>
    /// The insurer notified a reduction or withdrawal (decision code DC21); it takes effect later. Also reported when a
    /// cover already under notice is notified again with another withdrawal date.
    /// </summary>
    ReductionNotified = 5,

    /// <summary>A notified reduction took effect (decision code DC09; also a cover under DC09 whose decided amount fell again).</summary>
    ReductionInEffect = 6,

    /// <summary>A notified withdrawal took effect (decision code DC08).</summary>
    WithdrawalInEffect = 7,

    /// <summary>The decision's conditions changed.</summary>
    ConditionsChanged = 8,

    /// <summary>A pending process (pending process indicator) started or changed.</summary>
    PendingProcessStarted = 9,

    /// <summary>A pending process ended.</summary>
    PendingProcessEnded = 10,

    /// <summary>The cover left the portfolio: it is now historic (its historic code says why).</summary>
    CoverEnded = 11,

    /// <summary>The buyer's rating changed (my-buyers); <see cref="CoverPortfolioChange.RatingDirection"/> says up or down.</summary>
    BuyerRatingChanged = 12,

    /// <summary>The customer's reference on the cover changed.</summary>
    CustomerReferenceChanged = 13,

    /// <summary>
    /// The cover type changed under one cover id, as when the sandbox converts an indication into a credit limit.
    /// Whether the service keeps the id on a conversion is not known: with a new id, the credit limit is a
    /// <see cref="NewDecision"/> and the indication's end a <see cref="CoverEnded"/>.
    /// </summary>
    CoverTypeChanged = 14,
}
