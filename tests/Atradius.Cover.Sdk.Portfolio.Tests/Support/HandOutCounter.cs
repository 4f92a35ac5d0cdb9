namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Counts the covers or buyers a fake source has handed out to a sync.</summary>
internal sealed class HandOutCounter
{
    private int handedOut;

    /// <summary>How many items were handed out so far.</summary>
    public int HandedOut => Volatile.Read(ref handedOut);

    /// <summary>The hook to set as <see cref="FakeCoverSource.BeforeCover"/> or <see cref="FakeCoverSource.BeforeBuyer"/>.</summary>
    public Task Before(int item)
    {
        Volatile.Write(ref handedOut, item);
        return Task.CompletedTask;
    }
}
