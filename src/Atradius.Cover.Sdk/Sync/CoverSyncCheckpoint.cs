namespace Atradius.Cover.Sdk;

/// <summary>Where a portfolio sync stands: what it has already handed to the caller.</summary>
public sealed class CoverSyncCheckpoint
{
    /// <summary>
    /// The latest <c>updatedAt</c> among the changes already handed to the caller; the next incremental run asks
    /// for changes since this instant minus the overlap window. Null until the first full load has completed.
    /// </summary>
    public DateTimeOffset? HighWaterMark { get; set; }

    /// <summary>Whether the first, full load of the portfolio has completed.</summary>
    public bool InitialLoadCompleted { get; set; }

    /// <summary>
    /// During an interrupted first load, the cursor of the next page to fetch, so the load resumes where it stopped.
    /// </summary>
    public string? ContinuationToken { get; set; }

    /// <summary>When the first load started (by the sync's clock); bounds the high-water mark after that load.</summary>
    public DateTimeOffset? InitialLoadStartedAt { get; set; }

    /// <summary>When this checkpoint was saved (by the sync's clock).</summary>
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>Returns a copy, so a store never shares a mutable checkpoint with the sync.</summary>
    /// <returns>A copy of this checkpoint.</returns>
    public CoverSyncCheckpoint Clone() => (CoverSyncCheckpoint)MemberwiseClone();
}
