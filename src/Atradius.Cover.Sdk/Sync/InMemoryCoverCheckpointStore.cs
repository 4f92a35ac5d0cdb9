using System.Collections.Concurrent;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Keeps a sync's state in memory: for tests, and for hosts that reload the whole portfolio on each start.
/// </summary>
public sealed class InMemoryCoverCheckpointStore : ICoverCheckpointStore
{
    private readonly ConcurrentDictionary<long, CoverSnapshot> _snapshots = new();
    private CoverSyncCheckpoint? _checkpoint;

    /// <summary>The checkpoint last saved, or null.</summary>
    public CoverSyncCheckpoint? Checkpoint => Volatile.Read(ref _checkpoint)?.Clone();

    /// <summary>How many covers the store knows.</summary>
    public int SnapshotCount => _snapshots.Count;

    /// <inheritdoc />
    public Task<CoverSyncCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Checkpoint);

    /// <inheritdoc />
    public Task SaveCheckpointAsync(CoverSyncCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        _ = checkpoint ?? throw new ArgumentNullException(nameof(checkpoint));

        Volatile.Write(ref _checkpoint, checkpoint.Clone());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, CoverSnapshot>> GetSnapshotsAsync(IReadOnlyCollection<long> coverIds, CancellationToken cancellationToken = default)
    {
        _ = coverIds ?? throw new ArgumentNullException(nameof(coverIds));

        var found = new Dictionary<long, CoverSnapshot>(coverIds.Count);
        foreach (var id in coverIds)
        {
            if (_snapshots.TryGetValue(id, out var snapshot))
            {
                found[id] = snapshot;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<long, CoverSnapshot>>(found);
    }

    /// <inheritdoc />
    public Task SaveSnapshotsAsync(IReadOnlyCollection<CoverSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        _ = snapshots ?? throw new ArgumentNullException(nameof(snapshots));

        foreach (var snapshot in snapshots)
        {
            _snapshots[snapshot.CoverId] = snapshot;
        }

        return Task.CompletedTask;
    }
}
