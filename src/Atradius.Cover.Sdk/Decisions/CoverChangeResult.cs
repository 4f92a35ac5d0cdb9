namespace Atradius.Cover.Sdk;

/// <summary>What became of a change (increase, reduction, cancellation, reference).</summary>
public sealed class CoverChangeResult
{
    internal CoverChangeResult()
    {
    }

    /// <summary>Gets whether the change was made, referred, or refused inside a success answer.</summary>
    public CoverChangeOutcome Outcome { get; internal init; }

    /// <summary>
    /// Gets the cover id the service answered with, or the read-back cover's; after a cancellation recovered from the
    /// lists, the id of the cover it ended. A change may give the cover a new id: do not assume it is the id the cover had.
    /// When the answer names the version the change replaces (applied for and decided before the call) and the lists show
    /// the change under another id, it is that id, the one <see cref="Operation"/> follows.
    /// </summary>
    public long? CoverId { get; internal init; }

    /// <summary>
    /// Gets the buyer's current cover of that type as read back after the change: for an increase, a reduction or a new
    /// reference that was not refused, the changed cover, never the version it replaces (which a change given a new id
    /// leaves listed while it waits); null when none was found (e.g. after a cancellation, or while the lists show only
    /// the version the change replaces) or it could not be read.
    /// </summary>
    public CoverDecision? Cover { get; internal init; }

    /// <summary>Gets the service's response text, e.g. "Action successful" or "Action has been refused.".</summary>
    public string? ResponseText { get; internal init; }

    /// <summary>
    /// Gets whether an attempt went unanswered (a timeout, a reset, a 5xx or 408 that may have come after the service
    /// acted) and the SDK then found the change made in the buyer's covers instead of sending it again. False when the
    /// change was found after an attempt that was answered (a 201 or 202 whose body could not be read, say) with no
    /// unanswered one before it: that attempt made it, once.
    /// </summary>
    public bool Recovered { get; internal init; }

    /// <summary>Gets the last answer of the call (status, correlation id, headers).</summary>
    public CoverResponseInfo Response { get; internal init; } = new(0, null);

    /// <summary>
    /// Gets the operation that follows a referred change to the underwriter's decision, as
    /// <see cref="ApplicationResult.Operation"/> follows a referred application: it reads the buyer's lists for
    /// <see cref="CoverId"/> until the final decision shows (a preliminary one, DC06 or DC07, does not end it), or the
    /// historic list shows the change ended (a refused increase ends there, and the cover stays as it was). Set when <see cref="Outcome"/> is <see cref="CoverChangeOutcome.Referred"/>
    /// and the cover id is known, a <see cref="Recovered"/> change included; null otherwise, and for a cancellation. A
    /// decided version applied for and decided before the change (the cover it replaces, should it keep its id) is not
    /// taken for the change's decision. Rebuild it later with <see cref="ApplicationsClient.GetChangeOperation"/> from
    /// <see cref="CoverId"/>, the buyer and the operation's <see cref="CoverApplicationOperation.ChangedNoEarlierThan"/>.
    /// </summary>
    public CoverApplicationOperation? Operation { get; internal init; }

    /// <summary>The outcome and cover.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Outcome + (Cover is null ? string.Empty : " " + Cover) + (Recovered ? " (recovered)" : string.Empty);
}
