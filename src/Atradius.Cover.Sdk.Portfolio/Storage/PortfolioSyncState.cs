namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Where the sync of one portfolio stands; written with the commit that completes a step of the sync.</summary>
public sealed class PortfolioSyncState
{
    /// <summary>When the last full reconciliation (a read of the whole lists) finished.</summary>
    public DateTimeOffset? LastFullReconciliationAt { get; init; }

    /// <summary>When the last sync, full or narrowed, finished.</summary>
    public DateTimeOffset? LastSyncAt { get; init; }

    /// <summary>The <c>fromDate</c> the next narrowed read may start from.</summary>
    public DateTimeOffset? LastFromDate { get; init; }

    /// <summary>How many syncs have run.</summary>
    public long RunCount { get; init; }

    /// <summary>Anything else the sync keeps, as UTF-8 JSON; empty when there is nothing.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
