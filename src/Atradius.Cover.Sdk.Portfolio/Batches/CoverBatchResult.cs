namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>The outcome of a batch run.</summary>
public sealed record CoverBatchResult
{
    /// <summary>The batch.</summary>
    public string BatchId { get; init; } = string.Empty;

    /// <summary>One result per distinct item, in input order.</summary>
    public IReadOnlyList<CoverBatchItemResult> Items { get; init; } = Array.Empty<CoverBatchItemResult>();

    /// <summary>How many applications this run sent to the service.</summary>
    public int Sent { get; init; }

    /// <summary>
    /// Whether another run took the batch over while this one worked on it (the store refused this run's lease): this
    /// run stopped sending then, and the items it had not sent are unresolved, left as the store has them for the run
    /// holding the batch or a re-run.
    /// </summary>
    public bool TakenOver { get; init; }

    /// <summary>
    /// Whether every item is finished: none unresolved, and the cover id of every application the service accepted is
    /// known (an answer cut short with the buyer's covers unreadable leaves it to a re-run to look up; nothing is sent
    /// again for it).
    /// </summary>
    public bool IsComplete => Items.All(i => i.Status == CoverBatchItemStatus.Failed || (i.Status != CoverBatchItemStatus.Unresolved && i.CoverId is not null));
}
