namespace Atradius.Cover.Sdk;

/// <summary>The number of attempts of one logical call; 0 means no counting handler is installed.</summary>
internal sealed class CoverAttemptCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Increment() => Interlocked.Increment(ref _count);
}
