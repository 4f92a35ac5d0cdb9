namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Where a monitor stands; for health checks and dashboards.</summary>
public sealed record CoverMonitorStatus
{
    /// <summary>Whether this instance holds the sync lease now.</summary>
    public bool IsLeaseHolder { get; init; }

    /// <summary>How many syncs this instance completed since it started.</summary>
    public int CompletedSyncs { get; init; }

    /// <summary>The last completed sync, or null before the first.</summary>
    public CoverSyncResult? LastResult { get; init; }

    /// <summary>
    /// The error of the last failed sync, or of the store when it last could not be reached (at start-up, or for the
    /// lease); null when the last sync succeeded, and on an instance without the lease once the store answers again.
    /// </summary>
    public Exception? LastError { get; init; }
}
