using System.Diagnostics;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>Many calls at once while the service fails at random, and while tokens expire under them.</summary>
public sealed class LoadUnderFaultsTests
{
    [Fact]
    public async Task A_thousand_concurrent_submissions_under_random_faults_create_no_duplicate_and_never_say_not_created()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = 1_200, GeneratedCoverCount = 0 }, ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options, maxRetries: 4);

        // The tests' machine may be busy (other test assemblies compile native code meanwhile): an attempt that
        // times out ends as a truthful "may have been created", but this test is about recovering from the
        // sandbox's faults, so a slow machine must not add attempts that time out.
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        options.Resilience.TotalTimeout = TimeSpan.FromMinutes(5);
        await using var cover = new CoverClient(options);
        var taken = sandbox.GetCovers().Where(c => c.CustomerId == sandbox.ReadWriteClient.CustomerId).Select(c => c.BuyerId).ToHashSet();
        var buyers = sandbox.World.Buyers.Select(b => b.BuyerId).Where(id => !taken.Contains(id)).Take(1_000).ToList();
        Assert.Equal(1_000, buyers.Count);

        // About one request in five fails: refused before the service acted, or answered badly after it committed.
        sandbox.Faults.Seed = 7;
        sandbox.Faults.RateLimitedShare = 0.04;
        sandbox.Faults.ServiceUnavailableShare = 0.04;
        sandbox.Faults.RetryAfterSeconds = 0;
        sandbox.Faults.DroppedResponseShare = 0.04;
        sandbox.Faults.BadGatewayAfterCommitShare = 0.04;
        sandbox.Faults.CutBodyShare = 0.04;
        var clock = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(buyers.Select(async buyerId =>
        {
            try
            {
                return (buyerId, Result: await cover.Applications.SubmitAsync(ExactlyOnceTests.Application(buyerId, 20_000m), cancellationToken: ct), Error: (Exception?)null);
            }
            catch (Exception ex) when (ex is CoverApiException)
            {
                return (buyerId, Result: (ApplicationResult?)null, Error: ex);
            }
        }));
        clock.Stop();
        sandbox.Faults.Reset();

        var held = sandbox.GetCovers().Where(c => c.IsCurrent && c.CustomerId == sandbox.ReadWriteClient.CustomerId && buyers.Contains(c.BuyerId)).GroupBy(c => c.BuyerId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(held, pair => Assert.Single(pair.Value));
        foreach (var (buyerId, result, error) in outcomes)
        {
            if (result is not null)
            {
                Assert.True(held.TryGetValue(buyerId, out var covers), $"buyer {buyerId}: the SDK returned {result} but the sandbox holds nothing");
                Assert.True(result.CoverId is null || result.CoverId == covers[0].CoverId, $"buyer {buyerId}: {result} vs {covers[0].CoverId}");
            }
            else if (held.ContainsKey(buyerId))
            {
                // The service holds this application: the only truthful failure is "may have been created".
                Assert.IsType<CoverOutcomeUnknownException>(error);
            }
        }

        Assert.True(sandbox.Statistics.FaultsInjected > 500, $"only {sandbox.Statistics.FaultsInjected} faults injected");
        Assert.True(outcomes.Count(o => o.Result is not null) >= 950, $"{outcomes.Count(o => o.Result is null)} of 1000 submissions failed: " + string.Join(", ", outcomes.Where(o => o.Error is not null).GroupBy(o => o.Error!.GetType().Name + " " + o.Error!.Message.Split('.')[0]).Select(g => g.Count() + " x " + g.Key).Take(5)));
        TestContext.Current.TestOutputHelper?.WriteLine($"1000 submissions in {clock.Elapsed.TotalSeconds:F1} s; {sandbox.Statistics.FaultsInjected} faults injected; {outcomes.Count(o => o.Error is CoverOutcomeUnknownException)} outcomes unknown; 0 duplicates.");
    }

    [Fact]
    public async Task Tokens_that_expire_under_load_are_renewed_without_failing_a_call()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromMinutes(30) }, ct);
        var options = SandboxClients.Options(sandbox);
        options.TokenRefreshSkew = TimeSpan.Zero;
        await using var cover = new CoverClient(options);

        var reads = 0;
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
            {
                var covers = await cover.Decisions.ListAsync(new CoverQuery { BuyerId = SandboxFixtures.ExistingCoverBuyerId }, cancellationToken: ct).ToListAsync(ct);
                Assert.NotEmpty(covers);
                Interlocked.Increment(ref reads);
            }));

            // Every token handed out so far is now expired on the sandbox's clock; the SDK learns it from a 401.
            sandbox.AdvanceTime(TimeSpan.FromMinutes(31));
        }

        Assert.Equal(500, reads);

        // One token per round at most a few more, never one per call.
        Assert.InRange(sandbox.Statistics.TokenRequests, 5, 25);
    }
}
