using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Sandbox.World;
using Atradius.Cover.Sdk.Tests.Support;

namespace Atradius.Cover.Sdk.Tests.Batches;

public sealed class CoverBatchSandboxTests
{
    private static CoverApplication Euro(long buyerId, decimal? amount, CoverType? type = null) => new()
    {
        CustomerId = SandboxFixtures.EuroCustomerId,
        PolicyId = SandboxFixtures.EuroPolicyId,
        BuyerId = buyerId,
        CoverType = type ?? CoverType.CreditLimit,
        CreditLimitAmount = amount,
        CurrencyCode = "EUR",
    };

    [Fact]
    public async Task A_batch_with_invalid_refused_referred_rejected_items_under_injected_faults_creates_each_cover_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await PortfolioSandbox.StartAsync(o => o.Faults.Seed = 7, ct);
        world.Sandbox.Faults.DroppedResponseShare = 0.2;
        world.Sandbox.Faults.ServiceUnavailableShare = 0.1;
        world.Sandbox.Faults.RetryAfterSeconds = 0;

        var result = await world.Client.Applications.SubmitBatchAsync(
            new[]
            {
                Euro(SandboxFixtures.WellRatedDutchBuyerId, 50_000m),
                Euro(SandboxFixtures.VeryGoodBritishBuyerId, 250_000m),
                Euro(SandboxFixtures.WeakSwedishBuyerId, null, CoverType.CreditCheck),
                Euro(99_999_999, 10_000m),
                Euro(SandboxFixtures.FairSpanishBuyerId, 1_500m),
            },
            new CoverBatchOptions { BatchId = "sandbox-mixed", MaxConcurrency = 4 },
            ct);

        Assert.Equal(
            new[] { CoverBatchOutcome.Decided, CoverBatchOutcome.Referred, CoverBatchOutcome.Decided, CoverBatchOutcome.Rejected, CoverBatchOutcome.Invalid },
            result.Items.Select(i => i.Outcome).ToArray());
        Assert.True(result.Items[2].Cover!.IsRefusal);
        Assert.Equal(("UNKNOWN_BUYER", "/buyerId"), (result.Items[3].ErrorCode, result.Items[3].ErrorParameter));
        Assert.Equal(3, world.Sandbox.Statistics.ApplicationsCreated);
        Assert.True(world.Sandbox.Statistics.FaultsInjected > 0, "no fault was injected; the test proves nothing");
    }

    [Fact]
    public async Task A_batch_cancelled_halfway_and_run_again_submits_nothing_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await PortfolioSandbox.StartAsync(cancellationToken: ct);
        var covered = world.Sandbox.GetCovers().Where(c => c.IsCurrent && c.PolicyId == SandboxFixtures.EuroPolicyId).Select(c => c.BuyerId).ToHashSet();
        var applications = world.Sandbox.World.Buyers
            .Where(b => b.Rating <= 40 && !covered.Contains(b.BuyerId))
            .Take(20)
            .Select(b => Euro(b.BuyerId, 30_000m))
            .ToList();
        Assert.Equal(20, applications.Count);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var options = new CoverBatchOptions
        {
            BatchId = "erp-export-42",
            MaxConcurrency = 2,
            Progress = new CancelAfter(6, cts),
        };
        var interrupted = await world.Client.Applications.SubmitBatchAsync(applications, options, cts.Token);
        Assert.True(interrupted.WasCancelled);
        Assert.Equal(20, interrupted.Items.Count);
        Assert.True(interrupted.NotSubmitted > 0);
        var createdBefore = world.Sandbox.Statistics.ApplicationsCreated;

        options.Progress = null;
        var rerun = await world.Client.Applications.SubmitBatchAsync(applications, options, ct);

        Assert.Equal(20, rerun.Decided);
        Assert.Equal(20, world.Sandbox.Statistics.ApplicationsCreated);
        Assert.True(world.Sandbox.Statistics.IdempotentReplays >= createdBefore);
        Assert.Equal(interrupted.Items.Select(i => i.IdempotencyKey), rerun.Items.Select(i => i.IdempotencyKey));
    }

    private sealed class CancelAfter(int count, CancellationTokenSource cts) : IProgress<CoverBatchProgress>
    {
        public void Report(CoverBatchProgress value)
        {
            if (value.Completed >= count)
            {
                cts.Cancel();
            }
        }
    }
}
