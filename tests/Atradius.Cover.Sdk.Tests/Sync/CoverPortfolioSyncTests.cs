using Atradius.Cover.Sdk;
using Microsoft.Extensions.Time.Testing;
using static Atradius.Cover.Sdk.Tests.Sync.FakeCoverSyncSource;

namespace Atradius.Cover.Sdk.Tests.Sync;

public sealed class CoverPortfolioSyncTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(T0.AddHours(1));
    private readonly FakeCoverSyncSource _source = new();
    private readonly InMemoryCoverCheckpointStore _store = new();

    private CoverPortfolioSync CreateSync(ICoverCheckpointStore? store = null, int pageSize = 2) =>
        new(_source, store ?? _store, new CoverPortfolioSyncOptions { PageSize = pageSize }, _clock);

    [Fact]
    public async Task First_run_loads_the_whole_portfolio_then_later_runs_ask_for_changes_since_checkpoint_minus_overlap()
    {
        for (var i = 1; i <= 5; i++)
        {
            _source.Put(Snap(i, 1, T0.AddMinutes(i)));
        }

        var handler = new RecordingHandler();
        var first = await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        Assert.True(first.WasInitialLoad);
        Assert.Equal(3, first.PagesRead);
        Assert.Equal(5, handler.Received.Count);
        Assert.All(handler.Received, c => Assert.Equal(CoverChangeKind.NewDecision, c.Kind));
        Assert.All(handler.Received, c => Assert.True(c.IsInitialLoad));
        Assert.True(first.Checkpoint.InitialLoadCompleted);
        Assert.Null(first.Checkpoint.ContinuationToken);
        Assert.Equal(T0.AddMinutes(5), first.Checkpoint.HighWaterMark);
        Assert.Empty(_source.ChangeQueries);

        _source.Put(Snap(3, 2, T0.AddMinutes(30), amount: 80_000m));
        handler.Received.Clear();
        var second = await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        Assert.False(second.WasInitialLoad);
        Assert.Equal(T0.AddMinutes(5) - TimeSpan.FromMinutes(5), Assert.Single(_source.ChangeQueries));
        var change = Assert.Single(handler.Received);
        Assert.Equal(CoverChangeKind.AmountChanged, change.Kind);
        Assert.Equal(50_000m, change.Previous!.DecisionAmount);
        Assert.Equal(80_000m, change.Current.DecisionAmount);
        Assert.False(change.IsInitialLoad);

        // The covers the overlap window brings back at a version already delivered are folded away.
        Assert.Equal(4, second.DuplicatesSkipped);
        Assert.Equal(T0.AddMinutes(30), second.Checkpoint.HighWaterMark);
    }

    [Fact]
    public async Task A_new_referred_application_is_reported_from_the_pending_list_then_reported_again_when_decided()
    {
        _source.Put(Snap(1, 1, T0));
        await CreateSync().RunAsync(new RecordingHandler(), TestContext.Current.CancellationToken);
        _source.Put(Snap(2, 1, T0.AddMinutes(10), amount: null, status: "REFERRED", decisionCode: null));

        var handler = new RecordingHandler();
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);
        _source.Put(Snap(2, 2, T0.AddMinutes(40), amount: 20_000m, decisionCode: "DC04"));
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal(new[] { CoverChangeKind.Referred, CoverChangeKind.ReferredToDecided }, handler.Received.Select(c => c.Kind).ToArray());
    }

    [Fact]
    public async Task A_change_stamped_inside_the_overlap_window_is_not_missed()
    {
        _source.Put(Snap(1, 1, T0));
        var handler = new RecordingHandler();
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);
        _source.Put(Snap(2, 1, T0.AddMinutes(10)));
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        // Published late: stamped three minutes before the checkpoint the last run saved.
        _source.Put(Snap(3, 1, T0.AddMinutes(7)));
        handler.Received.Clear();
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal(3, Assert.Single(handler.Received).CoverId);
    }

    [Fact]
    public async Task A_cover_listed_twice_in_one_run_is_delivered_once_at_its_latest_version()
    {
        _source.Put(Snap(1, 1, T0));
        await CreateSync().RunAsync(new RecordingHandler(), TestContext.Current.CancellationToken);
        _source.Put(Snap(1, 2, T0.AddMinutes(1), amount: 60_000m));
        _source.Put(Snap(2, 1, T0.AddMinutes(2)));

        var handler = new RecordingHandler();
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal(new long[] { 1, 2 }, handler.Received.Select(c => c.CoverId).ToArray());
    }

    [Fact]
    public async Task When_the_handler_throws_the_next_run_delivers_the_same_changes_again()
    {
        _source.Put(Snap(1, 1, T0));
        await CreateSync().RunAsync(new RecordingHandler(), TestContext.Current.CancellationToken);
        _source.Put(Snap(1, 2, T0.AddMinutes(20), decisionCode: "DC21", amount: 50_000m));
        _source.Put(Snap(2, 1, T0.AddMinutes(21)));
        var before = _store.Checkpoint!.HighWaterMark;

        var failing = new RecordingHandler { FailWhen = _ => true };
        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateSync().RunAsync(failing, TestContext.Current.CancellationToken));
        Assert.Equal(before, _store.Checkpoint!.HighWaterMark);

        var handler = new RecordingHandler();
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal(new[] { CoverChangeKind.ReductionNotice, CoverChangeKind.NewDecision }, handler.Received.Select(c => c.Kind).ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task When_saving_fails_after_the_handler_nothing_is_lost(bool failSnapshots)
    {
        _source.Put(Snap(1, 1, T0));
        await CreateSync().RunAsync(new RecordingHandler(), TestContext.Current.CancellationToken);
        _source.Put(Snap(2, 1, T0.AddMinutes(20)));
        _source.Put(Snap(3, 1, T0.AddMinutes(21)));
        _source.Put(Snap(4, 1, T0.AddMinutes(22)));

        var flaky = new FlakyCheckpointStore(_store);
        if (failSnapshots)
        {
            flaky.FailSnapshotSaveNumber = 2;
        }
        else
        {
            flaky.FailCheckpointSaveNumber = 2;
        }

        var handler = new RecordingHandler();
        await Assert.ThrowsAsync<IOException>(() => CreateSync(flaky).RunAsync(handler, TestContext.Current.CancellationToken));
        await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        // Every change reached the handler at least once, and what had been saved was not delivered twice.
        Assert.Equal(new long[] { 2, 3, 4 }, handler.Received.Select(c => c.CoverId).Distinct().OrderBy(i => i).ToArray());
        var third = new RecordingHandler();
        await CreateSync().RunAsync(third, TestContext.Current.CancellationToken);
        Assert.Empty(third.Received);
    }

    [Fact]
    public async Task An_interrupted_first_load_resumes_from_its_continuation_token()
    {
        for (var i = 1; i <= 6; i++)
        {
            _source.Put(Snap(i, 1, T0.AddMinutes(i)));
        }

        _source.FailPortfolioPageAt = 4;
        var handler = new RecordingHandler();
        await Assert.ThrowsAsync<HttpRequestException>(() => CreateSync().RunAsync(handler, TestContext.Current.CancellationToken));
        Assert.Equal("4", _store.Checkpoint!.ContinuationToken);
        Assert.False(_store.Checkpoint.InitialLoadCompleted);

        _source.FailPortfolioPageAt = -1;
        _source.PortfolioCursors.Clear();
        var result = await CreateSync().RunAsync(handler, TestContext.Current.CancellationToken);

        Assert.True(result.WasInitialLoad);
        Assert.Equal(new string?[] { "4" }, _source.PortfolioCursors.ToArray());
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i).ToArray(), handler.Received.Select(c => c.CoverId).ToArray());
    }

    [Fact]
    public async Task The_first_incremental_run_starts_no_later_than_the_first_load_started()
    {
        // The service clock runs ahead of ours: the latest updatedAt is after our start.
        _source.Put(Snap(1, 1, _clock.GetUtcNow().AddMinutes(30)));
        var result = await CreateSync().RunAsync(new RecordingHandler(), TestContext.Current.CancellationToken);

        Assert.Equal(_clock.GetUtcNow(), result.Checkpoint.HighWaterMark);
    }

    [Fact]
    public async Task Sync_keeps_its_state_in_a_file_store_across_instances()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cover-sync-" + Guid.NewGuid().ToString("N"));
        try
        {
            _source.Put(Snap(1, 1, T0));
            using (var store = new FileCoverCheckpointStore(folder))
            {
                await CreateSync(store).RunAsync(new RecordingHandler(), TestContext.Current.CancellationToken);
            }

            _source.Put(Snap(1, 2, T0.AddMinutes(9), historicCode: "CCLD", amount: 0m));
            var handler = new RecordingHandler();
            using (var store = new FileCoverCheckpointStore(folder))
            {
                await CreateSync(store).RunAsync(handler, TestContext.Current.CancellationToken);
            }

            var change = Assert.Single(handler.Received);
            Assert.Equal(CoverChangeKind.Cancellation, change.Kind);
            Assert.Equal(1, change.Previous!.Version);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
