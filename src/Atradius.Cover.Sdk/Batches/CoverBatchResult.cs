namespace Atradius.Cover.Sdk;

/// <summary>The record of a batch: every item with its index, idempotency key and outcome, even when cancelled.</summary>
public sealed class CoverBatchResult
{
    internal CoverBatchResult(IReadOnlyList<CoverBatchItemResult> items, bool wasCancelled, bool inputReadToEnd)
    {
        Items = items;
        WasCancelled = wasCancelled;
        InputReadToEnd = inputReadToEnd;
        var counts = new int[6];
        foreach (var item in items)
        {
            counts[(int)item.Outcome]++;
        }

        NotSubmitted = counts[(int)CoverBatchOutcome.NotSubmitted];
        Decided = counts[(int)CoverBatchOutcome.Decided];
        Referred = counts[(int)CoverBatchOutcome.Referred];
        Rejected = counts[(int)CoverBatchOutcome.Rejected];
        Invalid = counts[(int)CoverBatchOutcome.Invalid];
        Failed = counts[(int)CoverBatchOutcome.Failed];
    }

    /// <summary>Every item read from the input, in input order.</summary>
    public IReadOnlyList<CoverBatchItemResult> Items { get; }

    /// <summary>Whether the batch was cancelled; items not sent are <see cref="CoverBatchOutcome.NotSubmitted"/>.</summary>
    public bool WasCancelled { get; }

    /// <summary>
    /// Whether the whole input was read. An in-memory input always is; a stream (<see cref="IAsyncEnumerable{T}"/>) is
    /// not read further after cancellation, so items after the last one listed were neither read nor sent.
    /// </summary>
    public bool InputReadToEnd { get; }

    /// <summary>Items decided.</summary>
    public int Decided { get; }

    /// <summary>Items referred to an underwriter.</summary>
    public int Referred { get; }

    /// <summary>Items the service refused.</summary>
    public int Rejected { get; }

    /// <summary>Items that failed validation and were not sent.</summary>
    public int Invalid { get; }

    /// <summary>Items without an answer after retries.</summary>
    public int Failed { get; }

    /// <summary>Items not sent because the batch was cancelled.</summary>
    public int NotSubmitted { get; }

    /// <summary>Whether every item was sent and got an answer (decided or referred).</summary>
    public bool AllAccepted => Decided + Referred == Items.Count && InputReadToEnd;
}
