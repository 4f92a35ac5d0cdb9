using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>A service that ignores idempotency keys: a retried POST whose first answer was lost gets 409 COVER_EXISTS.</summary>
public sealed class ConflictRecoveryTests
{
    [Fact]
    public async Task Without_idempotency_a_retried_submission_whose_answer_was_dropped_returns_the_existing_cover()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { Seed = 77, IdempotencyEnabled = false }, ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options, maxRetries: 5);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        await using var cover = new CoverClient(options);
        await cover.Buyers.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, ct);
        var buyers = ExactlyOnceTests.FreeBuyers(sandbox).Take(60).ToList();
        var before = ExactlyOnceTests.CoverIds(sandbox);
        sandbox.Faults.Seed = 77;
        sandbox.Faults.DroppedResponseShare = 0.3;

        var results = new List<ApplicationResult>();
        foreach (var buyer in buyers)
        {
            results.Add(await cover.Applications.SubmitAsync(ExactlyOnceTests.Application(buyer), ct));
        }

        var dropped = sandbox.Statistics.DroppedResponses;
        sandbox.Faults.Reset();
        var covers = ExactlyOnceTests.NewCovers(sandbox, before);
        var recovered = results.Count(r => r.RecoveredFromConflict);

        Assert.True(recovered > 0, "no submission was recovered from a conflict; the test proves nothing");
        Assert.Equal(buyers.Count, sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(buyers.Count, covers.Count);
        Assert.All(results, r => Assert.Equal(Assert.Single(covers[r.Cover.BuyerId]), r.CoverId));
        Figures.Write("Conflict recovery without idempotency", ("submissions", buyers.Count), ("responses dropped", dropped), ("recovered from 409", recovered), ("created", sandbox.Statistics.ApplicationsCreated));
    }
}
