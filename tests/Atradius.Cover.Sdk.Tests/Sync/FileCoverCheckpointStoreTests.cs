using Atradius.Cover.Sdk;

namespace Atradius.Cover.Sdk.Tests.Sync;

public sealed class FileCoverCheckpointStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cover-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Checkpoint_and_snapshots_survive_a_new_instance()
    {
        var ct = TestContext.Current.CancellationToken;
        var mark = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(1));
        using (var store = new FileCoverCheckpointStore(_folder))
        {
            await store.SaveCheckpointAsync(new CoverSyncCheckpoint { HighWaterMark = mark, InitialLoadCompleted = true }, ct);
            await store.SaveSnapshotsAsync(new[] { new CoverSnapshot { CoverId = 7, Version = 3, DecisionCode = "DC99" } }, ct);
        }

        using var reopened = new FileCoverCheckpointStore(_folder);
        var checkpoint = await reopened.LoadCheckpointAsync(ct);
        var snapshots = await reopened.GetSnapshotsAsync(new long[] { 7, 8 }, ct);

        Assert.Equal(mark, checkpoint!.HighWaterMark);
        Assert.True(checkpoint.InitialLoadCompleted);
        Assert.Equal("DC99", Assert.Single(snapshots).Value.DecisionCode);
    }

    [Fact]
    public async Task A_write_that_dies_halfway_leaves_the_previous_file_whole_and_no_temporary_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_folder, "checkpoint.json");
        using var store = new FileCoverCheckpointStore(_folder);
        await store.SaveCheckpointAsync(new CoverSyncCheckpoint { ContinuationToken = "page-2" }, ct);
        var before = await File.ReadAllTextAsync(path, ct);

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync(new byte[] { (byte)'{', (byte)'"' }, token);
            await stream.FlushAsync(token);
            throw new IOException("power cut");
        }, ct));

        Assert.Equal(before, await File.ReadAllTextAsync(path, ct));
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder, "*checkpoint*", SearchOption.TopDirectoryOnly).Where(f => !f.EndsWith("covers.json", StringComparison.Ordinal)).ToArray());
        Assert.Equal("page-2", (await store.LoadCheckpointAsync(ct))!.ContinuationToken);
    }
}
