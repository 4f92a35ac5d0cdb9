using System.Globalization;
using Atradius.Cover.Sdk.Portfolio.Tests.Support;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Batches;

/// <summary>
/// A batch under every fault the sandbox injects at once, with a crash half way, checked against what the sandbox
/// holds. The volume figure (1,000 applications, a killed process) comes from the portfolio benchmarks.
/// </summary>
public sealed class CoverBatchUnderFaultsTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task A_batch_under_random_faults_and_a_crash_half_way_creates_each_application_exactly_once_and_reports_it_truly(int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var sandbox = portfolio.Sandbox;
        var options = SandboxPortfolio.ClientOptions(sandbox);

        // The breaker opens only when nearly everything fails, and a busy machine gets room per attempt: this test is
        // about the faults below, not about timeouts.
        options.Resilience.CircuitBreakerFailureRatio = 0.9;
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(120);
        await using var client = new CoverClient(options);

        // Buyers of every rating: decided at once, referred, refused after referral (a refusal lets a new application
        // replace it, so a second send would show as a second cover).
        var covered = sandbox.GetCovers().Select(c => c.BuyerId).ToHashSet();
        var applications = sandbox.World.Buyers.Where(b => !covered.Contains(b.BuyerId)).Take(60).Select((b, i) => new CoverApplication
        {
            BuyerId = b.BuyerId,
            CreditLimitAmount = 10_000m + (i % 30) * 5_000m,
            CurrencyCode = "EUR",
            CustomerReference = "F-" + i.ToString(CultureInfo.InvariantCulture),
        }).ToList();

        sandbox.Faults.Seed = seed;
        sandbox.Faults.RateLimitedShare = 0.04;
        sandbox.Faults.ServiceUnavailableShare = 0.04;
        sandbox.Faults.DroppedResponseShare = 0.04;
        sandbox.Faults.BadGatewayAfterCommitShare = 0.04;
        sandbox.Faults.CutBodyShare = 0.04;
        sandbox.Faults.RetryAfterSeconds = 0;

        var path = Path.Combine(Path.GetTempPath(), "batch-faults-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            // The process dies once 30 items are finished: every store call fails from then on, so the items in flight
            // were sent and never recorded, and the dead run's lease on the batch is neither renewed nor released.
            var dying = new KillableStore(new SqliteCoverPortfolioStore(path));
            await dying.InitializeAsync(ct);
            var crash = new CrashAfter(30, dying.Kill);
            var batchOptions = new CoverBatchOptions { MaxConcurrency = 6 };
            await Assert.ThrowsAsync<IOException>(() => new CoverBatchRunner(client, dying, batchOptions).RunAsync("faults", applications, crash, ct));
            ((IDisposable)dying.Inner).Dispose();

            // The re-run comes after the dead run's lease has expired, as a re-run after a real crash would (sooner, it
            // waits for the lease to expire), without this test waiting for it.
            using var store = new SqliteCoverPortfolioStore(path, new LaterClock(batchOptions.LeaseDuration + TimeSpan.FromSeconds(1)));
            await store.InitializeAsync(ct);
            var runner = new CoverBatchRunner(client, store, batchOptions);
            CoverBatchResult result;
            var runs = 0;
            do
            {
                result = await runner.RunAsync("faults", applications, cancellationToken: ct);
            }
            while (!result.IsComplete && ++runs < 20);

            var faults = sandbox.Statistics.FaultsInjected;
            sandbox.Faults.Reset();
            Assert.True(result.IsComplete, string.Join("; ", result.Items.Where(i => i.Error is not null).Select(i => i.Error)));
            Assert.True(faults > 5, faults + " faults injected");

            var held = sandbox.GetCovers().Where(c => c.CustomerId == options.CustomerId && c.CoverType == "credit-limit").ToLookup(c => c.BuyerId);
            foreach (var application in applications)
            {
                var item = result.Items.Single(i => i.BuyerId == application.BuyerId);
                var ids = held[application.BuyerId].Where(c => c.ApplicationAmount == application.CreditLimitAmount && c.CustomerRefNumber == application.CustomerReference).Select(c => c.CoverId).Distinct().ToList();
                Assert.True(ids.Count == 1, $"buyer {application.BuyerId}: the service holds [{string.Join(",", ids)}], the batch says {item.Status} {item.CoverId}");
                Assert.True(item.Status is CoverBatchItemStatus.Decided or CoverBatchItemStatus.Referred, $"buyer {application.BuyerId}: {item.Status} {item.Error}");
                Assert.Equal(ids[0], item.CoverId);
            }

            Assert.Equal(applications.Count, sandbox.Statistics.ApplicationsCreated);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private sealed class LaterClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }

    private sealed class CrashAfter(int finished, Action crash) : IProgress<CoverBatchProgress>
    {
        public void Report(CoverBatchProgress value)
        {
            if (value.Completed >= finished)
            {
                crash();
            }
        }
    }
}
