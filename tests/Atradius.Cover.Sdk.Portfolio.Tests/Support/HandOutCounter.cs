namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Counts the items a list of <see cref="FakeCoverSource"/> has handed out, and tells when it reached one.</summary>
internal sealed class HandOutCounter(int signalAt)
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int handedOut;

    /// <summary>How many items were handed out so far.</summary>
    public int HandedOut => Volatile.Read(ref handedOut);

    /// <summary>Completes when the item at <c>signalAt</c> is handed out.</summary>
    public Task Reached => reached.Task;

    /// <summary>The hook to set as <see cref="FakeCoverSource.BeforeCover"/> or <see cref="FakeCoverSource.BeforeBuyer"/>.</summary>
    public Task Before(int item)
    {
        Volatile.Write(ref handedOut, item);
        if (item == signalAt)
        {
            reached.TrySetResult();
        }

        return Task.CompletedTask;
    }
}
