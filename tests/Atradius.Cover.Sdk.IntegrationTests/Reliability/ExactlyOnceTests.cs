using System.Collections.Concurrent;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>
/// A thousand distinct applications under about 20 % injected faults (429, 503, latency beyond the attempt
/// timeout, responses dropped after the server committed): each is created exactly once, every call either
/// answers or says truthfully whether the application may exist, and re-submitting resolves the rest.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const int Applications = 1_000;

    [Fact]
    public async Task A_thousand_concurrent_submissions_under_faults_create_each_application_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await StartFaultySandboxAsync(seed: 1_001, ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options, maxRetries: 2);
        await using var cover = new CoverClient(options);
        var applications = FreeBuyers(sandbox).Take(Applications).Select(Application).ToList();
        Assert.Equal(Applications, applications.Count);
        await cover.Buyers.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, ct); // the token, before the faults start
        var before = CoverIds(sandbox);
        Inject(sandbox);

        var results = new ConcurrentDictionary<long, ApplicationResult>();
        var failures = new ConcurrentDictionary<long, CoverApiException>();
        var untyped = new ConcurrentQueue<Exception>();
        await Parallel.ForEachAsync(applications, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (application, token) =>
        {
            try
            {
                results[application.BuyerId] = await cover.Applications.SubmitAsync(application, token);
            }
            catch (CoverApiException ex)
            {
                failures[application.BuyerId] = ex;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                untyped.Enqueue(ex);
            }
        });
        var faults = Snapshot(sandbox);
        sandbox.Faults.Reset();

        Assert.Empty(untyped);
        Assert.Equal(Applications, results.Count + failures.Count);
        Assert.True(faults.Injected >= Applications / 10, $"only {faults.Injected} faults were injected; the test proves little");

        // Every failure told the truth: "not processed" means the sandbox holds nothing for that buyer.
        var covers = NewCovers(sandbox, before);
        var mayExist = 0;
        foreach (var (buyerId, failure) in failures)
        {
            if (MayHaveBeenCreated(failure))
            {
                mayExist++;
            }
            else
            {
                Assert.False(covers.ContainsKey(buyerId), $"buyer {buyerId}: the SDK said the application was not processed ({failure.GetType().Name} {failure.Status}), yet it exists");
            }
        }

        // Re-submitting the failed ones with the key the exception names (or anew when it said nothing was sent) resolves them.
        var resolvedByReplay = 0;
        foreach (var (buyerId, failure) in failures)
        {
            var application = Application(sandbox.World.FindBuyer(buyerId)!);
            application.IdempotencyKey = (failure as CoverTransportException)?.IdempotencyKey;
            var replaysBefore = sandbox.Statistics.IdempotentReplays;
            results[buyerId] = await cover.Applications.SubmitAsync(application, ct);
            resolvedByReplay += sandbox.Statistics.IdempotentReplays > replaysBefore ? 1 : 0;
        }

        covers = NewCovers(sandbox, before);
        var duplicates = covers.Values.Sum(c => c.Count - 1);
        Assert.Equal(0, duplicates);
        Assert.Equal(Applications, sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(Applications, covers.Count);
        Assert.All(results, r => Assert.Equal(Assert.Single(covers[r.Key]), r.Value.CoverId));
        Assert.Equal(Applications, results.Values.Select(r => r.CoverId).Distinct().Count());

        Figures.Write(
            "Exactly once, individual calls",
            [("applications", Applications), ("answered", Applications - failures.Count), ("typed failures", failures.Count), ("of which may have been created", mayExist),
             ("resolved by replay", resolvedByReplay), .. faults.Figures, ("created", sandbox.Statistics.ApplicationsCreated), ("duplicates", duplicates)]);
    }

    [Fact]
    public async Task A_batch_of_a_thousand_under_faults_creates_each_application_exactly_once_and_a_rerun_resolves_the_failed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await StartFaultySandboxAsync(seed: 2_002, ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options, maxRetries: 2);
        await using var cover = new CoverClient(options);
        var applications = FreeBuyers(sandbox).Take(Applications).Select(Application).ToList();
        await cover.Buyers.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, ct);
        var before = CoverIds(sandbox);
        Inject(sandbox);

        var batchOptions = new CoverBatchOptions { BatchId = "reliability-1000", MaxConcurrency = 32 };
        var first = await cover.Applications.SubmitBatchAsync(applications, batchOptions, ct);
        var faults = Snapshot(sandbox);
        sandbox.Faults.Reset();

        Assert.Equal(Applications, first.Items.Count);
        Assert.Equal(Applications, first.Decided + first.Referred + first.Failed);
        Assert.True(faults.Injected >= Applications / 10, $"only {faults.Injected} faults were injected; the test proves little");
        var covers = NewCovers(sandbox, before);
        foreach (var item in first.Items.Where(i => i.Outcome == CoverBatchOutcome.Failed))
        {
            Assert.IsAssignableFrom<CoverApiException>(item.Exception);
            if (!item.MayHaveBeenCreated)
            {
                Assert.False(covers.ContainsKey(item.Application.BuyerId), $"item {item.Index}: the batch said it was not created ({item.Exception!.GetType().Name}), yet it exists");
            }
        }

        // The same batch again, with the same batch id: the answered items replay, the failed ones are resolved.
        var replaysBefore = sandbox.Statistics.IdempotentReplays;
        var rerun = await cover.Applications.SubmitBatchAsync(applications, batchOptions, ct);

        covers = NewCovers(sandbox, before);
        var duplicates = covers.Values.Sum(c => c.Count - 1);
        Assert.All(rerun.Items, i => Assert.True(i.Outcome is CoverBatchOutcome.Decided or CoverBatchOutcome.Referred, $"item {i.Index}: {i.Outcome} {i.Status} {i.ErrorCode} {i.ErrorDetail} {i.Exception}"));
        Assert.Equal(0, duplicates);
        Assert.Equal(Applications, sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(Applications, covers.Count);
        Assert.Equal(first.Items.Select(i => i.IdempotencyKey), rerun.Items.Select(i => i.IdempotencyKey));
        Assert.All(rerun.Items, i => Assert.Equal(Assert.Single(covers[i.Application.BuyerId]), i.Cover!.CoverId));

        Figures.Write(
            "Exactly once, batch",
            [("applications", Applications), ("decided", first.Decided), ("referred", first.Referred), ("failed", first.Failed),
             ("of which may have been created", first.Items.Count(i => i.MayHaveBeenCreated)), .. faults.Figures,
             ("rerun replays", sandbox.Statistics.IdempotentReplays - replaysBefore), ("created", sandbox.Statistics.ApplicationsCreated), ("duplicates", duplicates)]);
    }

    internal static async Task<CoverSandbox> StartFaultySandboxAsync(int seed, CancellationToken ct)
    {
        var options = new CoverSandboxOptions { Seed = seed, BuyerCount = 1_500, ReferralDelay = TimeSpan.FromHours(1) };
        options.Faults.Seed = seed;
        return await CoverSandbox.StartAsync(options, ct);
    }

    internal static void Inject(CoverSandbox sandbox)
    {
        sandbox.Faults.RetryAfterSeconds = 0;
        sandbox.Faults.RateLimitedShare = 0.06;
        sandbox.Faults.ServiceUnavailableShare = 0.05;
        sandbox.Faults.DroppedResponseShare = 0.05;

        // Latency is drawn for every request; about one in ten waits longer than the 200 ms attempt timeout.
        sandbox.Faults.MinLatency = TimeSpan.Zero;
        sandbox.Faults.MaxLatency = TimeSpan.FromMilliseconds(225);
    }

    internal static IEnumerable<SandboxBuyer> FreeBuyers(CoverSandbox sandbox)
    {
        var covered = sandbox.GetCovers().Where(c => c.IsCurrent && c.PolicyId == SandboxFixtures.EuroPolicyId).Select(c => c.BuyerId).ToHashSet();
        return sandbox.World.Buyers.Where(b => !covered.Contains(b.BuyerId)).OrderBy(b => b.BuyerId);
    }

    internal static CoverApplication Application(SandboxBuyer buyer) => new()
    {
        CustomerId = SandboxFixtures.EuroCustomerId,
        PolicyId = SandboxFixtures.EuroPolicyId,
        BuyerId = buyer.BuyerId,
        CreditLimitAmount = 10_000m + (buyer.BuyerId % 50) * 1_000m,
        CurrencyCode = "EUR",
    };

    internal static HashSet<long> CoverIds(CoverSandbox sandbox) => sandbox.GetCovers().Select(c => c.CoverId).ToHashSet();

    /// <summary>The covers created since <paramref name="before"/>, per buyer, under the euro policy.</summary>
    internal static Dictionary<long, List<long>> NewCovers(CoverSandbox sandbox, HashSet<long> before) =>
        sandbox.GetCovers()
            .Where(c => !before.Contains(c.CoverId) && c.PolicyId == SandboxFixtures.EuroPolicyId)
            .GroupBy(c => c.BuyerId)
            .ToDictionary(g => g.Key, g => g.Select(c => c.CoverId).Distinct().ToList());

    /// <summary>What a failure says about the application: may it exist on the server?</summary>
    internal static bool MayHaveBeenCreated(CoverApiException failure) => failure switch
    {
        CoverTransportException transport => transport.RequestMayHaveBeenProcessed,
        _ => false, // an answer from the service (429, 503, 4xx): it did not act
    };

    internal static FaultFigures Snapshot(CoverSandbox sandbox)
    {
        var s = sandbox.Statistics;
        return new FaultFigures(s.FaultsInjected, Figures.Faults(s));
    }

    internal sealed record FaultFigures(long Injected, (string, object)[] Figures);
}
