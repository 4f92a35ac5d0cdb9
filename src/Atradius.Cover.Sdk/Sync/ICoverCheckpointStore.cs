namespace Atradius.Cover.Sdk;

/// <summary>
/// Keeps a portfolio sync's checkpoint and the compact known state of each cover between runs. Implement it over
/// a database to share the state between hosts; <see cref="FileCoverCheckpointStore"/> and
/// <see cref="InMemoryCoverCheckpointStore"/> are provided.
/// </summary>
/// <remarks>
/// The sync calls <see cref="SaveSnapshotsAsync"/> and then <see cref="SaveCheckpointAsync"/> only after the
/// caller's handler has accepted the changes, so a saved snapshot or checkpoint always means "delivered". A store
/// must make each save all-or-nothing; it need not make the two saves one transaction.
/// </remarks>
public interface ICoverCheckpointStore
{
    /// <summary>Reads the checkpoint, or null before the first run.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint last saved, or null.</returns>
    Task<CoverSyncCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the checkpoint.</summary>
    /// <param name="checkpoint">The new checkpoint.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    Task SaveCheckpointAsync(CoverSyncCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Reads the known state of the given covers; covers the store does not know are left out.</summary>
    /// <param name="coverIds">The covers of one page of changes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The known states, by cover id.</returns>
    Task<IReadOnlyDictionary<long, CoverSnapshot>> GetSnapshotsAsync(IReadOnlyCollection<long> coverIds, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the known state of the given covers.</summary>
    /// <param name="snapshots">The states handed to the caller.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes when the states are durable.</returns>
    Task SaveSnapshotsAsync(IReadOnlyCollection<CoverSnapshot> snapshots, CancellationToken cancellationToken = default);
}
