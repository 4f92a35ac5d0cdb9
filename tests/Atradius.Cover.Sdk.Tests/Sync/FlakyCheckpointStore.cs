using Atradius.Cover.Sdk;

namespace Atradius.Cover.Sdk.Tests.Sync;

/// <summary>Wraps a store and fails chosen saves, as a crash between the handler and the save would.</summary>
internal sealed class FlakyCheckpointStore(ICoverCheckpointStore inner) : ICoverCheckpointStore
{
    public int FailSnapshotSaveNumber { get; set; } = -1;

    public int FailCheckpointSaveNumber { get; set; } = -1;

    private int _snapshotSaves;
    private int _checkpointSaves;

    public Task<CoverSyncCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken = default) => inner.LoadCheckpointAsync(cancellationToken);

    public Task SaveCheckpointAsync(CoverSyncCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        ++_checkpointSaves == FailCheckpointSaveNumber ? throw new IOException("disk full") : inner.SaveCheckpointAsync(checkpoint, cancellationToken);

    public Task<IReadOnlyDictionary<long, CoverSnapshot>> GetSnapshotsAsync(IReadOnlyCollection<long> coverIds, CancellationToken cancellationToken = default) => inner.GetSnapshotsAsync(coverIds, cancellationToken);

    public Task SaveSnapshotsAsync(IReadOnlyCollection<CoverSnapshot> snapshots, CancellationToken cancellationToken = default) =>
        ++_snapshotSaves == FailSnapshotSaveNumber ? throw new IOException("disk full") : inner.SaveSnapshotsAsync(snapshots, cancellationToken);
}
