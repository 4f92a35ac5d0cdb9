using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>
/// The portfolio sync never loses a change: while the sandbox's covers change (submissions, reductions,
/// cancellations, insurer reduction notices, time moving on), its GETs fail (429, 503, responses dropped), the
/// handler is killed on a random change and the checkpoint store fails at random saves, a file-backed sync that is
/// simply run again until it completes cleanly ends with a local copy equal to the sandbox's portfolio.
/// </summary>
public sealed class SyncUnderFaultsTests
{
    private const int Rounds = 40;

    [Fact]
    public async Task A_sync_killed_and_faulted_at_random_points_converges_on_the_portfolio_and_loses_no_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(31_337);
        await using var sandbox = await CoverSandbox.StartAsync(
            new CoverSandboxOptions { Seed = 31_337, BuyerCount = 400, ReferralDelay = TimeSpan.FromHours(1), TokenLifetime = TimeSpan.FromDays(3_650) },
            ct);

        // One client changes covers with the faults off; the sync's client reads through them, with few retries.
        await using var changer = new CoverClient(SandboxClients.Options(sandbox));
        var syncOptions = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(syncOptions, maxRetries: 1);
        await using var reader = new CoverClient(syncOptions);

        var folder = Path.Combine(Path.GetTempPath(), "cover-sync-faults-" + Guid.NewGuid().ToString("N"));
        var local = new Dictionary<long, Entry>();
        var figures = new Tally();
        var freeBuyers = new Queue<Atradius.Cover.Sdk.Sandbox.World.SandboxBuyer>(ExactlyOnceTests.FreeBuyers(sandbox));
        try
        {
            for (var round = 0; round <= Rounds; round++)
            {
                if (round > 0)
                {
                    await ChangeCoversAsync(sandbox, changer, freeBuyers, random, figures, ct);
                }

                await SyncUntilCleanAsync(sandbox, reader, folder, local, random, figures, ct);
            }

            // The last word: decide whatever is still referred, let every notice take effect, and sync once more.
            sandbox.DecideReferredApplications();
            sandbox.AdvanceTime(TimeSpan.FromDays(31));
            await SyncUntilCleanAsync(sandbox, reader, folder, local, random, figures, ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var expected = sandbox.GetCovers().Where(c => c.IsCurrent).ToDictionary(c => c.CoverId, Entry.From);
        var portfolio = local.Where(l => l.Value.HistoricCode is null).ToDictionary(l => l.Key, l => l.Value);
        var missing = expected.Keys.Except(portfolio.Keys).ToList();
        var extra = portfolio.Keys.Except(expected.Keys).ToList();
        var stale = expected.Where(e => portfolio.TryGetValue(e.Key, out var mine) && mine != e.Value).Select(e => $"{e.Key}: local {local[e.Key]}, sandbox {e.Value}").ToList();
        Assert.True(missing.Count == 0, "changes lost, covers missing locally: " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, "covers no longer in the portfolio kept locally: " + string.Join(", ", extra));
        Assert.True(stale.Count == 0, "stale covers: " + string.Join("; ", stale));
        Assert.True(figures.Kills >= Rounds, $"only {figures.Kills} kills; the test proves little");
        Assert.True(figures.FailedByFaults > 0, "no sync run failed on an injected fault; the test proves little");

        var s = sandbox.Statistics;
        Figures.Write(
            "Sync under faults and kills",
            ("rounds", Rounds), ("covers in the portfolio", expected.Count), ("cover changes made", figures.ChangesMade), ("sync runs", figures.Runs),
            ("clean runs", figures.CleanRuns), ("runs killed in the handler", figures.HandlerKills), ("runs killed on a store save", figures.StoreKills),
            ("runs failed on a fault", figures.FailedByFaults), ("changes delivered", figures.Delivered), ("of which re-delivered", figures.Redelivered),
            ("429", s.RateLimitedResponses), ("503", s.ServiceUnavailableResponses), ("dropped", s.DroppedResponses), ("changes lost", missing.Count + stale.Count));
    }

    private static async Task ChangeCoversAsync(CoverSandbox sandbox, CoverClient changer, Queue<Atradius.Cover.Sdk.Sandbox.World.SandboxBuyer> freeBuyers, Random random, Tally figures, CancellationToken ct)
    {
        sandbox.Faults.Reset();
        var current = sandbox.GetCovers().Where(c => c.IsCurrent && c.PolicyId == Atradius.Cover.Sdk.Sandbox.World.SandboxFixtures.EuroPolicyId).ToList();
        var decided = current.Where(c => c.CoverStatus == "DECISION" && c.DecisionAmount >= 10_000m && c.CoverType == "credit-limit" && c.PendingProcessIndicator is null).ToList();

        async Task TryAsync(Func<Task> change)
        {
            try
            {
                await change();
                figures.ChangesMade++;
            }
            catch (CoverApiException)
            {
                // The sandbox refused this change (for example a cover that cannot be reduced): nothing changed.
            }
        }

        for (var i = random.Next(2, 8); i > 0 && freeBuyers.Count > 0; i--)
        {
            var application = ExactlyOnceTests.Application(freeBuyers.Dequeue());
            await TryAsync(() => changer.Applications.SubmitAsync(application, ct));
        }

        foreach (var cover in decided.OrderBy(_ => random.Next()).Take(random.Next(2, 7)))
        {
            switch (random.Next(4))
            {
                case 0:
                    await TryAsync(() => changer.Decisions.ReduceAsync(cover.CoverId, Math.Floor(cover.DecisionAmount!.Value / 2_000m) * 1_000m, ct));
                    break;
                case 1:
                    await TryAsync(() => changer.Decisions.CancelAsync(cover.CoverId, ct));
                    break;
                case 2:
                    await TryAsync(() => changer.Decisions.UpdateCustomerReferenceAsync(cover.CoverId, "R-" + random.Next(1_000_000), ct));
                    break;
                default:
                    try
                    {
                        await sandbox.NotifyReductionAsync(cover.CoverId, Math.Floor(cover.DecisionAmount!.Value / 2_000m) * 1_000m, ct);
                        figures.ChangesMade++;
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
                    {
                    }

                    break;
            }
        }

        if (random.Next(3) == 0)
        {
            sandbox.DecideReferredApplications();
        }

        sandbox.AdvanceTime(random.Next(6) switch
        {
            0 => TimeSpan.FromDays(31),
            1 => TimeSpan.FromHours(2),
            2 => TimeSpan.FromSeconds(1),
            _ => TimeSpan.FromMinutes(random.Next(1, 30)),
        });
    }

    private static async Task SyncUntilCleanAsync(CoverSandbox sandbox, CoverClient reader, string folder, Dictionary<long, Entry> local, Random random, Tally figures, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(attempt < 60, "the sync did not complete cleanly in 60 runs");

            // Faults and kills until a few runs have failed; then the process is left alone so that it can finish.
            var hostile = attempt < 4;
            sandbox.Faults.Reset();
            if (hostile)
            {
                sandbox.Faults.Seed = random.Next();
                sandbox.Faults.RetryAfterSeconds = 0;
                sandbox.Faults.RateLimitedShare = 0.08;
                sandbox.Faults.ServiceUnavailableShare = 0.08;
                sandbox.Faults.DroppedResponseShare = 0.06;
            }

            var killAt = hostile && random.Next(5) < 3 ? random.Next(1, 12) : int.MaxValue;
            var handled = 0;
            using var files = new FileCoverCheckpointStore(folder); // a new process: only what was saved survives
            var store = new DyingStore(files, hostile ? 0.2 : 0, random.Next());
            var sync = new CoverPortfolioSync(reader, store, new CoverPortfolioSyncOptions { PageSize = 7 }, sandbox.Clock);
            figures.Runs++;
            try
            {
                await sync.RunAsync(
                    (changes, _) =>
                    {
                        foreach (var change in changes)
                        {
                            if (++handled == killAt)
                            {
                                throw new ProcessKilledException("killed in the handler at change " + handled);
                            }

                            Apply(local, change.Current, figures);
                        }

                        return Task.CompletedTask;
                    },
                    ct);
                figures.CleanRuns++;
                return;
            }
            catch (ProcessKilledException) when (store.Killed)
            {
                figures.StoreKills++;
            }
            catch (ProcessKilledException)
            {
                figures.HandlerKills++;
            }
            catch (CoverApiException)
            {
                figures.FailedByFaults++;
            }
        }
    }

    /// <summary>The ERP's idempotent upsert: by cover id, keep the highest version (a cover no longer current stays as a tombstone).</summary>
    private static void Apply(Dictionary<long, Entry> local, CoverSnapshot current, Tally figures)
    {
        figures.Delivered++;
        if (local.TryGetValue(current.CoverId, out var known) && known.Version >= current.Version)
        {
            figures.Redelivered++;
            return;
        }

        local[current.CoverId] = new Entry(current.Version, current.DecisionAmount, current.DecisionCode, current.CoverStatus, current.PendingProcessIndicator, current.CustomerReference, current.HistoricCode);
    }

    private sealed record Entry(int Version, decimal? Amount, string? DecisionCode, string? Status, string? Pending, string? Reference, string? HistoricCode)
    {
        public static Entry From(SandboxCover c) => new(c.Version, c.DecisionAmount, c.DecisionCode, c.CoverStatus, c.PendingProcessIndicator, c.CustomerRefNumber, c.HistoricCode);
    }

    private sealed class Tally
    {
        public int ChangesMade;
        public int Runs;
        public int CleanRuns;
        public int HandlerKills;
        public int StoreKills;
        public int FailedByFaults;
        public int Delivered;
        public int Redelivered;

        public int Kills => HandlerKills + StoreKills;
    }

    private sealed class ProcessKilledException(string message) : Exception(message);

    /// <summary>A store whose process dies at random on a save: before the write or just after it.</summary>
    private sealed class DyingStore(ICoverCheckpointStore inner, double share, int seed) : ICoverCheckpointStore
    {
        private readonly Random _random = new(seed);

        public bool Killed { get; private set; }

        public Task<CoverSyncCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken = default) => inner.LoadCheckpointAsync(cancellationToken);

        public Task<IReadOnlyDictionary<long, CoverSnapshot>> GetSnapshotsAsync(IReadOnlyCollection<long> coverIds, CancellationToken cancellationToken = default) =>
            inner.GetSnapshotsAsync(coverIds, cancellationToken);

        public Task SaveCheckpointAsync(CoverSyncCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
            DieOrAsync(() => inner.SaveCheckpointAsync(checkpoint, cancellationToken));

        public Task SaveSnapshotsAsync(IReadOnlyCollection<CoverSnapshot> snapshots, CancellationToken cancellationToken = default) =>
            DieOrAsync(() => inner.SaveSnapshotsAsync(snapshots, cancellationToken));

        private async Task DieOrAsync(Func<Task> save)
        {
            var roll = _random.NextDouble();
            if (roll < share / 2)
            {
                Killed = true;
                throw new ProcessKilledException("killed before a save");
            }

            await save();
            if (roll < share)
            {
                Killed = true;
                throw new ProcessKilledException("killed just after a save");
            }
        }
    }
}
