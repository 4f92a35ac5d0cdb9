namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>A client (<see cref="Client"/>) that passes everything to a real one and counts how many submissions are in flight at once.</summary>
internal sealed class CountingCoverClient
{
    private int current;
    private int max;
    private int count;

    public CountingCoverClient(ICoverClient inner) => Client = new SubmissionHookClient(inner, CountAsync);

    public ICoverClient Client { get; }

    public int MaxConcurrentSubmissions => Volatile.Read(ref max);

    public int Submissions => Volatile.Read(ref count);

    private async Task<ApplicationResult> CountAsync(Func<Task<ApplicationResult>> submit, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref current);
        Interlocked.Increment(ref count);
        int seen;
        while ((seen = Volatile.Read(ref max)) < now && Interlocked.CompareExchange(ref max, now, seen) != seen)
        {
        }

        try
        {
            await Task.Delay(20, cancellationToken);
            return await submit();
        }
        finally
        {
            Interlocked.Decrement(ref current);
        }
    }
}
