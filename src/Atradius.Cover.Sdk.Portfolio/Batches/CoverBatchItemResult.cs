namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>The outcome of one application of a batch.</summary>
public sealed record CoverBatchItemResult
{
    /// <summary>
    /// The item's position in the batch's input as given (0-based; its first when the input repeats it). In a result of
    /// <see cref="CoverBatchRunner.SettleAsMadeAsync"/> or <see cref="CoverBatchRunner.SettleAsNotMadeAsync"/>, which are
    /// given no input, its place among the batch's distinct items in the order they were first recorded.
    /// </summary>
    public int Index { get; init; }

    /// <summary>The item's identity: its content, normalised (see <see cref="CoverBatchRunner.ItemKey"/>).</summary>
    public string ItemKey { get; init; } = string.Empty;

    /// <summary>The buyer.</summary>
    public long BuyerId { get; init; }

    /// <summary>How the item ended.</summary>
    public CoverBatchItemStatus Status { get; init; }

    /// <summary>The cover the application created, once known.</summary>
    public long? CoverId { get; init; }

    /// <summary>Whether the outcome was found by looking at the buyer's covers after an attempt whose answer was lost, rather than read from an answer.</summary>
    public bool Recovered { get; init; }

    /// <summary>Whether this run sent the application (false when an earlier run had finished it).</summary>
    public bool SentThisRun { get; init; }

    /// <summary>Why the item failed or is unresolved.</summary>
    public string? Error { get; init; }
}
