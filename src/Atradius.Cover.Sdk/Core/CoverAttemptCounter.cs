namespace Atradius.Cover.Sdk;

/// <summary>The number of attempts of one logical call; 0 means no counting handler is installed.</summary>
internal sealed class CoverAttemptCounter
{
    private int _count;
    private int _unanswered;

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Gets whether an attempt ended without an answer (connection lost, attempt timeout): the server may have
    /// acted on it, whatever later attempts were told.
    /// </summary>
    public bool AnyUnanswered => Volatile.Read(ref _unanswered) != 0;

    public int Increment() => Interlocked.Increment(ref _count);

    public void MarkUnanswered() => Interlocked.Exchange(ref _unanswered, 1);
}
