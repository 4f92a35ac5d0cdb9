namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>What one sync did.</summary>
public sealed record CoverSyncResult
{
    /// <summary>Whether the whole lists were read (a full reconciliation) rather than a <c>fromDate</c>-narrowed read.</summary>
    public bool WasFullReconciliation { get; init; }

    /// <summary>The <c>fromDate</c> of a narrowed read; null on a full reconciliation.</summary>
    public DateTimeOffset? ChangedSince { get; init; }

    /// <summary>How many covers the lists returned.</summary>
    public int CoversRead { get; init; }

    /// <summary>How many buyers my-buyers returned.</summary>
    public int BuyersRead { get; init; }

    /// <summary>How many new cover versions were stored.</summary>
    public int CoverVersionsStored { get; init; }

    /// <summary>How many classified changes were recorded.</summary>
    public int ChangesRecorded { get; init; }

    /// <summary>How many changes were delivered to the handler (including ones left undelivered by an earlier sync).</summary>
    public int ChangesDelivered { get; init; }

    /// <summary>How many commits the sync made.</summary>
    public int Commits { get; init; }

    /// <summary>When the sync started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the sync finished (UTC).</summary>
    public DateTimeOffset CompletedAt { get; init; }
}
