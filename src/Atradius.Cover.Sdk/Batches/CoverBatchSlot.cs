namespace Atradius.Cover.Sdk;

/// <summary>The engine's record of one item.</summary>
internal sealed class CoverBatchSlot<TItem, TResult>
    where TResult : class
{
    public CoverBatchSlot(int index, TItem item)
    {
        Index = index;
        Item = item;
    }

    public int Index { get; }

    public TItem Item { get; }

    public string? IdempotencyKey { get; set; }

    public CoverBatchOutcome Outcome { get; set; }

    public TResult? Result { get; set; }

    public Exception? Exception { get; set; }

    public Exception? WaitException { get; set; }

    public bool MayHaveBeenCreated { get; set; }

    public IReadOnlyList<string> ValidationErrors { get; set; } = Array.Empty<string>();
}
