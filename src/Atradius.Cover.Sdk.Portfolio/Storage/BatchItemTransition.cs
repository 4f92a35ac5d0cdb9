namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>What <see cref="ICoverPortfolioStore.TryTransitionBatchItemAsync"/> writes when the item is in the expected state.</summary>
public sealed class BatchItemTransition
{
    /// <summary>The state to move the item to. Moving to <see cref="BatchItemState.InFlight"/> counts an attempt.</summary>
    public BatchItemState State { get; init; }

    /// <summary>The cover to record; <see langword="null"/> keeps the recorded one.</summary>
    public long? CoverId { get; init; }

    /// <summary>The outcome to record as UTF-8 JSON; <see langword="null"/> keeps the recorded one.</summary>
    public ReadOnlyMemory<byte>? Outcome { get; init; }

    /// <summary>
    /// The number of attempts the item must have made; <see langword="null"/> takes any. A run records what its send
    /// led to with the count its move to <see cref="BatchItemState.InFlight"/> gave: should another run have sent the
    /// item again since (which counts another attempt), the record of the earlier send is not written over that run's.
    /// </summary>
    public int? ExpectedAttemptCount { get; init; }

    /// <summary>
    /// The lease the transition is made under; <see langword="null"/> writes unfenced. When set, the store checks in the
    /// write's transaction that the lease still names this holding (holder and fencing token), and refuses the
    /// transition with <see cref="PortfolioLeaseLostException"/> when another holder has taken it over.
    /// </summary>
    public PortfolioLease? Lease { get; init; }
}
