namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>How far a batch has come; reported through <see cref="IProgress{T}"/> after each item.</summary>
public sealed record CoverBatchProgress
{
    /// <summary>How many items the batch has.</summary>
    public int Total { get; init; }

    /// <summary>How many items are finished (decided or referred with their cover id, or failed), including those an earlier run finished.</summary>
    public int Completed { get; init; }

    /// <summary>How many items failed.</summary>
    public int Failed { get; init; }

    /// <summary>
    /// How many items are left unresolved by this run so far: outcome unknown, or accepted by the service with the cover
    /// id still to be looked up (a re-run looks it up and sends nothing), as <see cref="CoverBatchResult.IsComplete"/> counts them.
    /// </summary>
    public int Unresolved { get; init; }

    /// <summary>How long this run has taken.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Items finished by this run per second.</summary>
    public double ItemsPerSecond { get; init; }
}
