namespace Atradius.Cover.Sdk;

/// <summary>Settings of the cover monitor registered by <c>AddAtradiusCoverMonitor</c>.</summary>
public sealed class CoverMonitorOptions
{
    /// <summary>Time between two syncs. Default 15 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether to sync once at start-up instead of waiting for the first interval. Default true.</summary>
    public bool RunOnStart { get; set; } = true;

    /// <summary>
    /// Folder for the checkpoint and the known cover states when no <see cref="ICoverCheckpointStore"/> is registered.
    /// When neither is set, the state is kept in memory and each start of the host loads the whole portfolio again.
    /// </summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>Overlap window, page size and filters of the sync.</summary>
    public CoverPortfolioSyncOptions Sync { get; set; } = new();
}
