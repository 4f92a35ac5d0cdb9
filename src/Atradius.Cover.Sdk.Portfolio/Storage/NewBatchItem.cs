namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>An item to record in a batch with <see cref="ICoverPortfolioStore.AddBatchItemsAsync"/>.</summary>
public sealed class NewBatchItem
{
    /// <summary>The item's identity within the batch: a hash of its content computed by the caller.</summary>
    public string ItemKey { get; init; } = string.Empty;

    /// <summary>The item's position in the batch's input, from 0.</summary>
    public int ItemIndex { get; init; }
}
