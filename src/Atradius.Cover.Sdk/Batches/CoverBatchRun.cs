namespace Atradius.Cover.Sdk;

/// <summary>What the engine did with a whole input.</summary>
internal sealed class CoverBatchRun<TItem, TResult>
    where TResult : class
{
    public CoverBatchRun(IReadOnlyList<CoverBatchSlot<TItem, TResult>> slots, bool wasCancelled, bool inputReadToEnd)
    {
        Slots = slots;
        WasCancelled = wasCancelled;
        InputReadToEnd = inputReadToEnd;
    }

    public IReadOnlyList<CoverBatchSlot<TItem, TResult>> Slots { get; }

    public bool WasCancelled { get; }

    public bool InputReadToEnd { get; }
}
