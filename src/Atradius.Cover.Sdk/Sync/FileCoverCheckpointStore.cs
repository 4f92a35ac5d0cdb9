using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Keeps a sync's checkpoint and known cover states as JSON files in a folder, each replaced atomically (written to a
/// temporary file in the same folder, then renamed over the old one), so a crash never leaves a half-written file.
/// </summary>
/// <remarks>
/// The known states are held in memory once read and the whole file is rewritten on each save: fine for portfolios
/// of up to some hundred thousand covers. Beyond that, or to share the state between hosts, implement
/// <see cref="ICoverCheckpointStore"/> over a database.
/// </remarks>
public sealed class FileCoverCheckpointStore : ICoverCheckpointStore, IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _checkpointPath;
    private readonly string _snapshotsPath;
    private Dictionary<long, CoverSnapshot>? _snapshots;

    /// <summary>Creates a store that keeps its files in <paramref name="folder"/> (created when missing).</summary>
    /// <param name="folder">The folder; one folder per sync.</param>
    public FileCoverCheckpointStore(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new ArgumentException("A folder is required.", nameof(folder));
        }

        Folder = Path.GetFullPath(folder);
        _checkpointPath = Path.Combine(Folder, "checkpoint.json");
        _snapshotsPath = Path.Combine(Folder, "covers.json");
    }

    /// <summary>The folder holding the files.</summary>
    public string Folder { get; }

    /// <summary>Releases the lock that serialises saves.</summary>
    public void Dispose() => _gate.Dispose();

    /// <inheritdoc />
    public async Task<CoverSyncCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_checkpointPath))
        {
            return null;
        }

        using var stream = new FileStream(_checkpointPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        return await JsonSerializer.DeserializeAsync<CoverSyncCheckpoint>(stream, JsonOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SaveCheckpointAsync(CoverSyncCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        _ = checkpoint ?? throw new ArgumentNullException(nameof(checkpoint));

        return AtomicFile.WriteAsync(
            _checkpointPath,
            (stream, ct) => JsonSerializer.SerializeAsync(stream, checkpoint, JsonOptions, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, CoverSnapshot>> GetSnapshotsAsync(IReadOnlyCollection<long> coverIds, CancellationToken cancellationToken = default)
    {
        _ = coverIds ?? throw new ArgumentNullException(nameof(coverIds));

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await LoadSnapshotsAsync(cancellationToken).ConfigureAwait(false);
            var found = new Dictionary<long, CoverSnapshot>(coverIds.Count);
            foreach (var id in coverIds)
            {
                if (all.TryGetValue(id, out var snapshot))
                {
                    found[id] = snapshot;
                }
            }

            return found;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task SaveSnapshotsAsync(IReadOnlyCollection<CoverSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        _ = snapshots ?? throw new ArgumentNullException(nameof(snapshots));

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await LoadSnapshotsAsync(cancellationToken).ConfigureAwait(false);

            // Write a merged copy first and adopt it only once it is on disk, so a failed write leaves memory and file agreeing.
            var merged = new Dictionary<long, CoverSnapshot>(all);
            foreach (var snapshot in snapshots)
            {
                merged[snapshot.CoverId] = snapshot;
            }

            await AtomicFile.WriteAsync(
                _snapshotsPath,
                (stream, ct) => JsonSerializer.SerializeAsync(stream, merged.Values, JsonOptions, ct),
                cancellationToken).ConfigureAwait(false);
            _snapshots = merged;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<long, CoverSnapshot>> LoadSnapshotsAsync(CancellationToken cancellationToken)
    {
        if (_snapshots is not null)
        {
            return _snapshots;
        }

        var loaded = new Dictionary<long, CoverSnapshot>();
        if (File.Exists(_snapshotsPath))
        {
            using var stream = new FileStream(_snapshotsPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await foreach (var snapshot in JsonSerializer.DeserializeAsyncEnumerable<CoverSnapshot>(stream, JsonOptions, cancellationToken).ConfigureAwait(false))
            {
                if (snapshot is not null)
                {
                    loaded[snapshot.CoverId] = snapshot;
                }
            }
        }

        _snapshots = loaded;
        return loaded;
    }
}
