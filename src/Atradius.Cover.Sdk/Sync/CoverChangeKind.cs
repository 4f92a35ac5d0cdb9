namespace Atradius.Cover.Sdk;

/// <summary>What kind of change a portfolio sync found on a cover.</summary>
public enum CoverChangeKind
{
    /// <summary>Not one of the kinds below (for example revised terms, or a code this SDK does not know).</summary>
    Other = 0,

    /// <summary>A cover the sync had not seen before, already decided.</summary>
    NewDecision,

    /// <summary>The decided amount changed (an increase, or a reduction asked by the customer).</summary>
    AmountChanged,

    /// <summary>
    /// The insurer notified or applied a reduction or withdrawal: <c>DC21</c> pre-notification (effective 30 days
    /// later, see <see cref="CoverSnapshot.WithdrawalDate"/>), <c>DC09</c> reduction, <c>DC22</c> reduction by partial expiry.
    /// </summary>
    ReductionNotice,

    /// <summary>The insurer withdrew the cover (<c>DC08</c>, or historic code <c>WCLD</c>).</summary>
    Withdrawal,

    /// <summary>The cover is cancelled (historic code <c>CCLD</c>, <c>CIND</c> or <c>CCLA</c>): no cover remains.</summary>
    Cancellation,

    /// <summary>
    /// A cancellation is pending (pending process indicator <c>C</c>): the cover still stands until it is
    /// cancelled, which a later <see cref="Cancellation"/> reports.
    /// </summary>
    PendingCancellation,

    /// <summary>An application that waited for an underwriter has been decided.</summary>
    ReferredToDecided,

    /// <summary>An application (new, or an increase) was referred to an underwriter.</summary>
    Referred,

    /// <summary>Only the customer's reference changed.</summary>
    ReferenceUpdated,
}
