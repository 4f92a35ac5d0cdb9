namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// How every store numbers the items a call adds to a batch, so that a batch's indexes read the same on each: the
/// items the batch does not hold yet take the indexes after the highest it holds (from 0 for a new batch), one after
/// another, in the order of the indexes the caller gave.
/// </summary>
/// <remarks>
/// The caller's indexes order the items, nothing more: a re-run numbers its items from 0 in its own input, so taking
/// them as they are gave an item added by a re-run the index of an item recorded before, and a first call with gaps
/// (0, 5, 9) left them in the record.
/// </remarks>
internal static class BatchItemOrder
{
    /// <summary>
    /// The items, each key once (as it first comes), ordered by the index the caller gave it; items with the same index
    /// stay in the order given.
    /// </summary>
    public static List<NewBatchItem> InIndexOrder(IReadOnlyList<NewBatchItem> items)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var distinct = items.Where(item => keys.Add(item.ItemKey)).ToList();
        // OrderBy is stable: equal indexes keep the order given.
        return distinct.OrderBy(item => item.ItemIndex).ToList();
    }
}
