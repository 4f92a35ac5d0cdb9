namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>An item to record in a batch with <see cref="ICoverPortfolioStore.AddBatchItemsAsync"/>.</summary>
public sealed class NewBatchItem
{
    /// <summary>The item's identity within the batch: a hash of its content computed by the caller.</summary>
    public string ItemKey { get; init; } = string.Empty;

    /// <summary>
    /// The item's position in the batch's input, from 0: it orders the items of one call. The store numbers the items it
    /// adds after those the batch already holds (<see cref="ICoverPortfolioStore.AddBatchItemsAsync"/>), so the index it
    /// records may differ.
    /// </summary>
    public int ItemIndex { get; init; }
}
