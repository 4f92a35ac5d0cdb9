using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Sandbox.World;
using Atradius.Cover.Sdk.Tests.Support;

namespace Atradius.Cover.Sdk.Tests.Sync;

public sealed class CoverPortfolioSyncSandboxTests
{
    [Fact]
    public async Task Follows_insurer_reductions_withdrawals_and_cancellations_as_time_moves_forward()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await PortfolioSandbox.StartAsync(cancellationToken: ct);
        var sandbox = world.Sandbox;
        var store = new InMemoryCoverCheckpointStore();
        var sync = new CoverPortfolioSync(world.Client, store, new CoverPortfolioSyncOptions { PageSize = 7 }, sandbox.Clock);
        var changes = new List<CoverPortfolioChange>();
        Task Handle(IReadOnlyList<CoverPortfolioChange> page, CancellationToken _)
        {
            changes.AddRange(page);
            return Task.CompletedTask;
        }

        var first = await sync.RunAsync(Handle, ct);
        var current = sandbox.GetCovers().Where(c => c.IsCurrent).Select(c => c.CoverId).OrderBy(id => id).ToArray();
        Assert.True(first.WasInitialLoad);
        Assert.Equal(current, changes.Select(c => c.CoverId).OrderBy(id => id).ToArray());
        Assert.Equal(CoverChangeKind.Referred, changes.Single(c => c.CoverId == SandboxFixtures.PendingApplicationCoverId).Kind);

        changes.Clear();
        await sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 40_000m, ct);
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.DeterioratedBuyerCoverId, ct);
        await world.Client.Decisions.CancelAsync(SandboxFixtures.SupersededCreditLimitCoverId, ct);
        sandbox.AdvanceTime(TimeSpan.FromMinutes(1));
        await sync.RunAsync(Handle, ct);

        Assert.Equal(CoverChangeKind.ReductionNotice, Single(changes, SandboxFixtures.ExistingCreditLimitCoverId).Kind);
        Assert.NotNull(Single(changes, SandboxFixtures.ExistingCreditLimitCoverId).Current.WithdrawalDate);
        Assert.Equal(CoverChangeKind.ReductionNotice, Single(changes, SandboxFixtures.DeterioratedBuyerCoverId).Kind);
        Assert.Equal(CoverChangeKind.Cancellation, Single(changes, SandboxFixtures.SupersededCreditLimitCoverId).Kind);

        changes.Clear();
        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        sandbox.DecideReferredApplications();
        await sync.RunAsync(Handle, ct);

        var reduced = Single(changes, SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal((CoverChangeKind.ReductionNotice, "DC09", 40_000m), (reduced.Kind, reduced.Current.DecisionCode, reduced.Current.DecisionAmount!.Value));
        Assert.Equal(CoverChangeKind.Withdrawal, Single(changes, SandboxFixtures.DeterioratedBuyerCoverId).Kind);
        Assert.Equal(CoverChangeKind.ReferredToDecided, Single(changes, SandboxFixtures.PendingApplicationCoverId).Kind);

        // Nothing new: a further run delivers nothing although the overlap window re-reads the last changes.
        changes.Clear();
        var quiet = await sync.RunAsync(Handle, ct);
        Assert.Empty(changes);
        Assert.True(quiet.DuplicatesSkipped > 0);
    }

    [Fact]
    public async Task A_sync_killed_in_the_middle_delivers_everything_on_the_next_run()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await PortfolioSandbox.StartAsync(cancellationToken: ct);
        var folder = Path.Combine(Path.GetTempPath(), "cover-sync-sandbox-" + Guid.NewGuid().ToString("N"));
        try
        {
            var seen = new HashSet<long>();
            var pages = 0;
            using (var store = new FileCoverCheckpointStore(folder))
            {
                var dying = new CoverPortfolioSync(world.Client, store, new CoverPortfolioSyncOptions { PageSize = 5 }, world.Sandbox.Clock);
                await Assert.ThrowsAsync<InvalidOperationException>(() => dying.RunAsync(
                    (page, _) =>
                    {
                        if (++pages == 4)
                        {
                            throw new InvalidOperationException("process killed");
                        }

                        seen.UnionWith(page.Select(c => c.CoverId));
                        return Task.CompletedTask;
                    },
                    ct));
            }

            using (var store = new FileCoverCheckpointStore(folder))
            {
                var resumed = new CoverPortfolioSync(world.Client, store, new CoverPortfolioSyncOptions { PageSize = 5 }, world.Sandbox.Clock);
                var result = await resumed.RunAsync((page, _) => { seen.UnionWith(page.Select(c => c.CoverId)); return Task.CompletedTask; }, ct);
                Assert.True(result.WasInitialLoad);
            }

            var current = world.Sandbox.GetCovers().Where(c => c.IsCurrent).Select(c => c.CoverId).ToHashSet();
            Assert.Subset(seen, current);
            Assert.Equal(current.Count, seen.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static CoverPortfolioChange Single(List<CoverPortfolioChange> changes, long coverId) =>
        Assert.Single(changes, c => c.CoverId == coverId);
}
