namespace Atradius.Cover.Sdk;

/// <summary>
/// Counts how many times one logical call reached the network, so that a submission answered with
/// "cover exists" can tell whether it was sent more than once (its first answer lost). The facade starts a
/// count around the call; <see cref="CoverAttemptCountingHandler"/>, placed inside the retry, adds one per attempt.
/// </summary>
internal static class CoverAttempts
{
    /// <summary>Name of the request option that holds the attempt number, for logs and other handlers.</summary>
    public const string OptionName = "Atradius.Cover.Sdk.Attempt";

#if NET5_0_OR_GREATER
    public static readonly HttpRequestOptionsKey<int> OptionKey = new(OptionName);
#endif

    private static readonly AsyncLocal<CoverAttemptCounter?> CurrentCounter = new();

    public static CoverAttemptCounter? Current => CurrentCounter.Value;

    /// <summary>Starts counting for the calls made in the current async flow until the scope is disposed.</summary>
    public static Scope Start()
    {
        var previous = CurrentCounter.Value;
        var counter = new CoverAttemptCounter();
        CurrentCounter.Value = counter;
        return new Scope(counter, previous);
    }

    internal readonly struct Scope : IDisposable
    {
        private readonly CoverAttemptCounter? _previous;

        public Scope(CoverAttemptCounter counter, CoverAttemptCounter? previous)
        {
            Counter = counter;
            _previous = previous;
        }

        public CoverAttemptCounter Counter { get; }

        public void Dispose() => CurrentCounter.Value = _previous;
    }
}
