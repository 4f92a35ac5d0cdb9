using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Batches;

public sealed class CoverBatchRunnerTests
{
    private static List<long> FreeWellRatedBuyers(SandboxPortfolio portfolio, int count)
    {
        var covered = portfolio.Sandbox.GetCovers().Select(c => c.BuyerId).ToHashSet();
        return portfolio.Sandbox.World.Buyers.Where(b => b.Rating <= 30 && !covered.Contains(b.BuyerId)).Select(b => b.BuyerId).Take(count).ToList();
    }

    private static CoverApplication Application(long buyerId, decimal amount, string currency = "EUR", string? reference = null) => new()
    {
        BuyerId = buyerId,
        CreditLimitAmount = amount,
        CurrencyCode = currency,
        CustomerReference = reference ?? "B-" + buyerId,
    };

    // A batch of one application that a run recorded and marked in flight, then died.
    private static async Task<(InMemoryCoverPortfolioStore Store, string Key)> RecordedInFlightAsync(string batchId, CoverApplication application, CancellationToken ct)
    {
        var store = new InMemoryCoverPortfolioStore();
        var key = CoverBatchRunner.ItemKey(application);
        await store.AddBatchItemsAsync(batchId, [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        Assert.NotNull(await store.TryTransitionBatchItemAsync(batchId, key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct));
        return (store, key);
    }

    // The item's send ended unanswered.
    private static async Task AnsweredAmbiguouslyAsync(InMemoryCoverPortfolioStore store, string batchId, string key, CancellationToken ct) =>
        Assert.NotNull(await store.TryTransitionBatchItemAsync(batchId, key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous }, ct));

    [Fact]
    public async Task A_rerun_looks_for_an_item_of_another_customer_in_that_customers_lists()
    {
        // A broker's batch names the customer of each application: the look-up before sending again must read that
        // customer's covers, or it never finds the application an earlier run made.
        RequestLogHandler? log = null;
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => log = new RequestLogHandler(inner));
        var ct = TestContext.Current.CancellationToken;
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000);
        application.CustomerId = 2002;
        application.PolicyId = "7000001";
        var key = CoverBatchRunner.ItemKey(application);
        var store = new InMemoryCoverPortfolioStore();
        await store.AddBatchItemsAsync("broker", [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        await store.TryTransitionBatchItemAsync("broker", key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);

        await new CoverBatchRunner(portfolio.Client, store).RunAsync("broker", [application], cancellationToken: ct);

        var lookups = log!.Requests.Where(r => r.Method == HttpMethod.Get && r.Uri.Query.Contains("buyerId=" + application.BuyerId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lookups);
        Assert.All(lookups, r =>
        {
            Assert.Contains("customerId=2002", r.Uri.Query, StringComparison.Ordinal);
            Assert.Contains("policyId=7000001", r.Uri.Query, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_rerun_after_a_kill_between_send_and_record_submits_nothing_twice()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyers = FreeWellRatedBuyers(portfolio, 3);
        var applications = buyers.Select(b => Application(b, 20000)).ToList();
        var store = new KillableStore(new InMemoryCoverPortfolioStore()) { FailNextTransitionTo = BatchItemState.Done };
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<IOException>(() => new CoverBatchRunner(portfolio.Client, store, new CoverBatchOptions { MaxConcurrency = 1 }).RunAsync("batch-1", applications, cancellationToken: ct));
        var created = portfolio.Sandbox.Statistics.ApplicationsCreated;
        Assert.Contains(await store.GetBatchItemsAsync("batch-1", ct), i => i.State == BatchItemState.InFlight);

        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("batch-1", applications, cancellationToken: ct);

        Assert.Equal(created, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.True(rerun.IsComplete);
        Assert.Equal(3, rerun.Items.Count(i => i.Status == CoverBatchItemStatus.Decided && i.CoverId is not null));
        Assert.Single(rerun.Items, i => i.Recovered);
        Assert.Equal(0, rerun.Sent);
        foreach (var buyer in buyers)
        {
            Assert.Single(portfolio.Sandbox.GetCovers(), c => c.BuyerId == buyer && c.IsCurrent);
        }
    }

    [Fact]
    public async Task A_second_runner_started_while_the_first_has_an_item_in_flight_waits_for_it_and_sends_nothing_again()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        // A weak buyer: referred, then refused; a refusal does not block a new application, so a second send would show
        // as a second application.
        var application = new CoverApplication { BuyerId = SandboxFixtures.WeakSwedishBuyerId, CreditLimitAmount = 20000m, CurrencyCode = "EUR", CustomerReference = "W-1" };
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new KillableStore(new InMemoryCoverPortfolioStore()) { LeaseRefused = () => waiting.TrySetResult() };
        var gated = new GatedClient(portfolio.Client);
        var first = new CoverBatchRunner(gated.Client, store).RunAsync("two-runners", [application], cancellationToken: ct);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);

        // The first runner has the item in flight and has not sent it yet.
        var second = new CoverBatchRunner(portfolio.Client, store).RunAsync("two-runners", [application], cancellationToken: ct);
        await Task.WhenAny(second, waiting.Task).WaitAsync(ct);
        if (second.IsCompleted)
        {
            Assert.Fail("The second runner finished while the first had the item in flight; it sent the item " + (await second).Sent + " time(s).");
        }

        portfolio.Sandbox.AdvanceTime(TimeSpan.FromMinutes(5));
        gated.Release.SetResult();
        var firstResult = await first;
        var secondResult = await second;

        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(1, firstResult.Sent);
        Assert.Equal(0, secondResult.Sent);
        var item = Assert.Single(secondResult.Items);
        Assert.Equal(firstResult.Items[0].Status, item.Status);
        Assert.NotNull(item.CoverId);
        Assert.Equal(firstResult.Items[0].CoverId, item.CoverId);
    }

    [Fact]
    public async Task A_rerun_after_a_runner_died_holding_the_batch_waits_until_its_lease_expires_and_then_finishes_the_batch()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock)) { LeaseRefused = () => waiting.TrySetResult() };

        // The dead runner took the lease and marked the item in flight; it can neither renew nor release the lease.
        var options = new CoverBatchOptions();
        Assert.NotNull(await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource("died"), "dead-runner", options.LeaseDuration, ct));
        await store.AddBatchItemsAsync("died", [new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(application), ItemIndex = 0 }], ct);
        Assert.NotNull(await store.TryTransitionBatchItemAsync("died", CoverBatchRunner.ItemKey(application), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct));

        var rerun = new CoverBatchRunner(portfolio.Client, store, options).RunAsync("died", [application], cancellationToken: ct);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.False(rerun.IsCompleted);
        Assert.Equal(BatchItemState.InFlight, Assert.Single(await store.GetBatchItemsAsync("died", ct)).State);

        clock.Advance(options.LeaseDuration + TimeSpan.FromSeconds(1));
        var result = await rerun.WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.True(result.IsComplete);
        Assert.Equal(1, result.Sent);
        Assert.Equal(portfolio.Sandbox.GetCovers().Single(c => c.BuyerId == application.BuyerId).CoverId, Assert.Single(result.Items).CoverId);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task A_run_that_loses_its_lease_on_the_batch_stops_the_item_it_is_sending_sends_nothing_more_and_reports_the_items_unresolved()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var applications = FreeWellRatedBuyers(portfolio, 3).Select(b => Application(b, 20000)).ToList();

        // The store and the run each have their own fake clock. Renewing in real time, the run could renew its lapsed
        // lease between the store's clock moving on and the other run asking for the batch, on a busy machine, and the
        // other run was then refused; its renewals now come only when the test moves the run's clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runClock = new TimerRecordingClock(DateTimeOffset.UtcNow);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock))
        {
            LeaseRenewed = lease =>
            {
                if (lease is null)
                {
                    lost.TrySetResult();
                }
            },
        };
        var gated = new GatedClient(portfolio.Client);
        var options = new CoverBatchOptions { MaxConcurrency = 1, LeaseDuration = TimeSpan.FromSeconds(1) };
        var run = new CoverBatchRunner(gated.Client, store, options, runClock).RunAsync("lost", applications, cancellationToken: ct);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);

        // The first item is being sent when the store lets the lease lapse and another run takes the batch over; the
        // run's next renewal finds it. The client could be about to send that item again (after an unanswered attempt,
        // say) while the other run sends it too: the run stops it.
        clock.Advance(TimeSpan.FromSeconds(2));
        var other = await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource("lost"), "other-run", TimeSpan.FromMinutes(1), ct);
        Assert.NotNull(other);
        var third = TimeSpan.FromTicks(options.LeaseDuration.Ticks / 3);
        await runClock.WaitForTimersAsync(third, 1);
        runClock.Advance(third);
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), ct);
        gated.Release.SetResult();

        Assert.Equal(0, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.Equal((CoverBatchItemStatus.Unresolved, true), (result.Items[0].Status, result.Items[0].SentThisRun));
        Assert.Contains("Stopped while it was being sent", result.Items[0].Error, StringComparison.Ordinal);
        Assert.All(result.Items.Skip(1), i => Assert.Equal(CoverBatchItemStatus.Unresolved, i.Status));
        Assert.All(result.Items.Skip(1), i => Assert.False(i.SentThisRun));
        Assert.All(result.Items.Skip(1), i => Assert.Contains("lease", i.Error, StringComparison.Ordinal));
        Assert.False(result.IsComplete);
        Assert.Equal([BatchItemState.InFlight, BatchItemState.Pending, BatchItemState.Pending], (await store.GetBatchItemsAsync("lost", ct)).OrderBy(i => i.ItemIndex).Select(i => i.State));

        // Once the other run is done with the batch, a re-run looks for the stopped item at the service, finds nothing,
        // and sends every item once.
        Assert.True(await store.ReleaseLeaseAsync(other, ct));
        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("lost", applications, cancellationToken: ct);
        Assert.True(rerun.IsComplete);
        Assert.Equal(3, rerun.Sent);
        Assert.Equal(3, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task A_run_paused_past_its_lease_is_refused_its_next_item_in_flight_once_another_run_took_the_batch_over_and_sends_nothing_more()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var applications = FreeWellRatedBuyers(portfolio, 3).Select(b => Application(b, 20000)).ToList();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryCoverPortfolioStore(clock);
        var gated = new GatedClient(portfolio.Client);

        // So long a lease that no renewal comes during the test: the run does not know its lease is gone, as a process
        // paused past it would not; only the store can stop it.
        var options = new CoverBatchOptions { MaxConcurrency = 1, LeaseDuration = TimeSpan.FromMinutes(10) };
        var run = new CoverBatchRunner(gated.Client, store, options).RunAsync("paused", applications, cancellationToken: ct);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        clock.Advance(TimeSpan.FromMinutes(11));
        var other = await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource("paused"), "other-run", TimeSpan.FromMinutes(1), ct);
        Assert.NotNull(other);
        gated.Release.SetResult();
        var result = await run;

        Assert.True(result.TakenOver);
        Assert.False(result.IsComplete);
        Assert.Equal(1, result.Sent);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(CoverBatchItemStatus.Decided, result.Items[0].Status);
        Assert.All(result.Items.Skip(1), i => Assert.Equal((CoverBatchItemStatus.Unresolved, false), (i.Status, i.SentThisRun)));
        Assert.All(result.Items.Skip(1), i => Assert.Contains("taken the batch over", i.Error, StringComparison.Ordinal));
        Assert.Equal(
            [(BatchItemState.Done, 1), (BatchItemState.Pending, 0), (BatchItemState.Pending, 0)],
            (await store.GetBatchItemsAsync("paused", ct)).OrderBy(i => i.ItemIndex).Select(i => (i.State, i.AttemptCount)));
        Assert.NotNull(await store.RenewLeaseAsync(other, TimeSpan.FromMinutes(1), ct));
    }

    [Fact]
    public async Task A_run_on_the_clock_it_is_given_renews_its_lease_on_the_batch_while_an_item_is_slow_so_no_other_run_takes_the_batch()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var applications = FreeWellRatedBuyers(portfolio, 2).Select(b => Application(b, 20000)).ToList();
        var clock = new TimerRecordingClock(DateTimeOffset.UtcNow);
        using var renewals = new SemaphoreSlim(0);
        var store = new KillableStore(new InMemoryCoverPortfolioStore(clock))
        {
            LeaseRenewed = lease =>
            {
                if (lease is not null)
                {
                    renewals.Release();
                }
            },
        };
        var gated = new GatedClient(portfolio.Client);
        var options = new CoverBatchOptions { MaxConcurrency = 1, LeaseDuration = TimeSpan.FromSeconds(30) };
        var run = new CoverBatchRunner(gated.Client, store, options, clock).RunAsync("slow", applications, cancellationToken: ct);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);

        // The first item's send takes twice the lease's duration on the clock the runner and the store share: only
        // renewals paced by that clock keep the batch this run's. Each step is a third of the lease, when a renewal is
        // due; the batch is never free for another run meanwhile. The clock moves only once the run waits for its next
        // renewal: moved while a renewal was still under way on a busy machine, it could run past the lease.
        var step = TimeSpan.FromTicks(options.LeaseDuration.Ticks / 3);
        var elapsed = TimeSpan.Zero;
        var renewed = 0;
        while (elapsed < options.LeaseDuration + options.LeaseDuration)
        {
            await clock.WaitForTimersAsync(step, renewed + 1);
            clock.Advance(step);
            elapsed += step;
            Assert.True(await renewals.WaitAsync(TimeSpan.FromSeconds(30), ct), "the lease was renewed a third of its duration after the last renewal");
            renewed++;
            Assert.Null(await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource("slow"), "other-run", options.LeaseDuration, ct));
        }

        gated.Release.SetResult();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(6, renewed);
        Assert.False(result.TakenOver);
        Assert.True(result.IsComplete);
        Assert.Equal(2, result.Sent);
        Assert.Equal(2, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.All(result.Items, i => Assert.Equal(CoverBatchItemStatus.Decided, i.Status));
    }

    [Fact]
    public async Task Items_the_client_refuses_to_send_for_want_of_a_policy_are_not_counted_as_sent_and_are_sent_by_the_next_run()
    {
        // No PolicyId is set and the service shows no single live policy: the client refuses before sending. Before, each
        // item counted as sent and was left in flight, "sent, outcome unknown", looked for before the next run sent it.
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var unset = new SubmissionHookClient(new ThrowingClient(), (_, _) =>
            throw new InvalidOperationException("PolicyId is not set and the policy details show no live policy; set PolicyId."));
        var applications = new[] { Application(1001, 20000), Application(1002, 20000) };

        var refused = await new CoverBatchRunner(unset, store).RunAsync("unset", applications, cancellationToken: ct);

        Assert.Equal(0, refused.Sent);
        Assert.All(refused.Items, i => Assert.Contains("no live policy", i.Error, StringComparison.Ordinal));
        Assert.All(await store.GetBatchItemsAsync("unset", ct), i => Assert.Equal(BatchItemState.Pending, i.State));

        var coverId = 9000L;
        var sentAgain = 0;
        var set = new SubmissionHookClient(new ThrowingClient(), (_, _) =>
        {
            Interlocked.Increment(ref sentAgain);
            return Task.FromResult(new ApplicationResult { CoverId = Interlocked.Increment(ref coverId), Outcome = ApplicationOutcome.Decided, Response = new CoverResponseInfo(201, null) });
        });
        var rerun = await new CoverBatchRunner(set, store).RunAsync("unset", applications, cancellationToken: ct);

        Assert.True(rerun.IsComplete);
        Assert.Equal(2, sentAgain);
        Assert.All(rerun.Items, i => Assert.Equal(CoverBatchItemStatus.Decided, i.Status));
    }

    [Fact]
    public async Task Progress_times_the_run_and_its_rate_on_the_clock_the_runner_is_given()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var coverId = 9000L;

        // Each application takes two seconds on the runner's clock to be decided.
        var client = new SubmissionHookClient(new ThrowingClient(), (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(new ApplicationResult
            {
                CoverId = Interlocked.Increment(ref coverId),
                Outcome = ApplicationOutcome.Decided,
                Response = new CoverResponseInfo(201, null),
            });
        });
        var reports = new List<CoverBatchProgress>();

        var result = await new CoverBatchRunner(client, new InMemoryCoverPortfolioStore(), new CoverBatchOptions { MaxConcurrency = 1 }, clock)
            .RunAsync("timed", [Application(1001, 20000), Application(1002, 20000), Application(1003, 20000)], new SynchronousProgress<CoverBatchProgress>(reports.Add), ct);

        Assert.True(result.IsComplete);
        Assert.Equal([1, 2, 3], reports.Select(r => r.Completed));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)], reports.Select(r => r.Elapsed));
        Assert.All(reports, r => Assert.Equal(0.5, r.ItemsPerSecond));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(86_401)]
    public void A_lease_duration_shorter_than_a_second_or_longer_than_a_day_is_refused_naming_the_option(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CoverBatchRunner(new ThrowingClient(), new InMemoryCoverPortfolioStore(), new CoverBatchOptions { LeaseDuration = TimeSpan.FromSeconds(seconds) }));

        Assert.Equal("LeaseDuration", error.ParamName);
        Assert.Contains("CoverBatchOptions.LeaseDuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_left_in_flight_is_not_matched_to_an_identical_cover_applied_for_before_it()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        // The same content as the fixture credit limit applied for weeks ago; a run marked the item in flight and died
        // before sending it.
        var application = Application(Atradius.Cover.Sdk.Sandbox.World.SandboxFixtures.ExistingCoverBuyerId, 75_000m, "EUR", "ERP-000101");
        var (store, _) = await RecordedInFlightAsync("before", application, ct);

        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("before", [application], cancellationToken: ct);

        // Sent again and refused by the service: the old cover is not reported as this item's.
        var item = Assert.Single(rerun.Items);
        Assert.Equal(CoverBatchItemStatus.Failed, item.Status);
        Assert.Null(item.CoverId);
        Assert.False(item.Recovered);
        Assert.Contains("already exists", item.Error, StringComparison.Ordinal);
        Assert.Equal(1, rerun.Sent);
        Assert.Equal(0, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task An_item_answered_ambiguously_whose_cover_ended_before_the_rerun_is_recovered_from_the_historic_covers_not_sent_again()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000);
        var (store, key) = await RecordedInFlightAsync("ended", application, ct);

        // The application reached the service, its answer was lost, and the cover was cancelled before the re-run.
        var made = await portfolio.Client.Applications.SubmitAsync(application, cancellationToken: ct);
        await AnsweredAmbiguouslyAsync(store, "ended", key, ct);
        await portfolio.Client.Decisions.CancelAsync(new CoverKey(application.BuyerId, CoverType.CreditLimit), cancellationToken: ct);
        Assert.DoesNotContain(portfolio.Sandbox.GetCovers(), c => c.BuyerId == application.BuyerId && c.IsCurrent);

        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("ended", [application], cancellationToken: ct);

        var item = Assert.Single(rerun.Items);
        Assert.Equal((CoverBatchItemStatus.Decided, made.CoverId, true), (item.Status, item.CoverId, item.Recovered));
        Assert.Equal(0, rerun.Sent);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.True(rerun.IsComplete);
    }

    [Fact]
    public async Task An_item_answered_ambiguously_and_refused_since_is_recovered_from_the_decided_covers_when_the_portfolio_leaves_refusals_out()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => new RefusalsOnlyAmongDecisionsHandler(inner));
        var ct = TestContext.Current.CancellationToken;
        var covered = portfolio.Sandbox.GetCovers().Select(c => c.BuyerId).ToHashSet();
        var poorlyRated = portfolio.Sandbox.World.Buyers.First(b => b.Rating > 70 && !covered.Contains(b.BuyerId)).BuyerId;
        var application = Application(poorlyRated, 20000);
        var (store, key) = await RecordedInFlightAsync("refused", application, ct);

        // The application reached the service and its answer was lost; an underwriter refused it before the re-run.
        var made = await portfolio.Client.Applications.SubmitAsync(application, cancellationToken: ct);
        await AnsweredAmbiguouslyAsync(store, "refused", key, ct);
        portfolio.Sandbox.DecideReferredApplications();
        Assert.Contains(portfolio.Sandbox.GetCovers(), c => c.CoverId == made.CoverId && c.DecisionCode == "DC03" && c.IsCurrent);

        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("refused", [application], cancellationToken: ct);

        // Sent again, it would have been a second application on the buyer.
        var item = Assert.Single(rerun.Items);
        Assert.Equal((CoverBatchItemStatus.Decided, made.CoverId, true), (item.Status, item.CoverId, item.Recovered));
        Assert.Equal(0, rerun.Sent);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task An_item_the_client_never_sent_goes_back_to_pending_and_the_next_run_sends_it_without_a_look_first()
    {
        // No access token: the client proves the application was never sent. Before, the item was left in flight, as if it
        // might have reached the service, and reported so.
        TokenRefusingHandler? tokens = null;
        RequestLogHandler? log = null;
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => tokens = new TokenRefusingHandler(log = new RequestLogHandler(inner)));
        var ct = TestContext.Current.CancellationToken;
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000);
        var store = new InMemoryCoverPortfolioStore();

        var first = await new CoverBatchRunner(portfolio.Client, store).RunAsync("no-token", [application], cancellationToken: ct);

        Assert.Equal(CoverBatchItemStatus.Unresolved, Assert.Single(first.Items).Status);
        Assert.Equal(BatchItemState.Pending, Assert.Single(await store.GetBatchItemsAsync("no-token", ct)).State);
        Assert.Equal(0, first.Sent);

        tokens!.Refusing = false;
        var second = await new CoverBatchRunner(portfolio.Client, store).RunAsync("no-token", [application], cancellationToken: ct);

        Assert.Equal(CoverBatchItemStatus.Decided, Assert.Single(second.Items).Status);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
        var apiCalls = log!.Requests.Where(r => !r.Uri.AbsolutePath.EndsWith("/tokens", StringComparison.Ordinal)).ToList();
        Assert.Equal(HttpMethod.Post, apiCalls[0].Method);
    }

    [Fact]
    public async Task An_item_an_earlier_run_may_have_sent_stays_ambiguous_when_this_runs_attempt_is_refused_before_processing()
    {
        // The earlier run's attempt went unanswered and the lists show nothing yet; this run's attempts are all answered
        // 429. The earlier attempt may still show up: the item is looked for again before it is sent, not sent blind.
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => new RateLimitingWritesHandler(inner));
        var ct = TestContext.Current.CancellationToken;
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000);
        var (store, key) = await RecordedInFlightAsync("lagging", application, ct);
        await AnsweredAmbiguouslyAsync(store, "lagging", key, ct);

        var run = await new CoverBatchRunner(portfolio.Client, store).RunAsync("lagging", [application], cancellationToken: ct);

        Assert.Equal(CoverBatchItemStatus.Unresolved, Assert.Single(run.Items).Status);
        Assert.Equal(BatchItemState.Ambiguous, Assert.Single(await store.GetBatchItemsAsync("lagging", ct)).State);
    }

    [Fact]
    public async Task An_item_in_another_currency_answered_ambiguously_is_not_sent_again_nor_failed_when_a_cover_like_it_appeared_since()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => new ForeignCurrencyHandler(inner, "USD", "EUR"));
        var ct = TestContext.Current.CancellationToken;
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000, currency: "USD");
        var (store, key) = await RecordedInFlightAsync("dollars", application, ct);

        // The application reached the service and its answer was lost. The cover states its amount in euros only, so no
        // amount on it can show that it is this application's.
        var made = await portfolio.Client.Applications.SubmitAsync(application, cancellationToken: ct);
        await AnsweredAmbiguouslyAsync(store, "dollars", key, ct);

        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("dollars", [application], cancellationToken: ct);

        // Sent again, it was refused as "already exists" and reported failed, though the first attempt had made it.
        var item = Assert.Single(rerun.Items);
        Assert.Equal((CoverBatchItemStatus.Unresolved, (long?)null), (item.Status, item.CoverId));
        Assert.Contains("cover " + made.CoverId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Error, StringComparison.Ordinal);
        Assert.Contains("USD", item.Error, StringComparison.Ordinal);
        Assert.Equal(0, rerun.Sent);
        Assert.False(rerun.IsComplete);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(BatchItemState.Ambiguous, Assert.Single(await store.GetBatchItemsAsync("dollars", ct)).State);
    }

    [Fact]
    public async Task One_cover_that_two_items_in_flight_both_match_is_given_to_one_item_at_most()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];

        // Two items alike but for the effect date, which one leaves to the service (today): the cover either makes
        // matches both.
        var today = CoverDate.FromDateTime(portfolio.Sandbox.Clock.GetUtcNow().UtcDateTime.Date);
        var undated = Application(buyer, 20000, reference: "R-1");
        var dated = Application(buyer, 20000, reference: "R-1");
        dated.EffectFromDate = today;
        var store = new InMemoryCoverPortfolioStore();
        await store.AddBatchItemsAsync("alike", [new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(undated), ItemIndex = 0 }, new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(dated), ItemIndex = 1 }], ct);
        foreach (var application in new[] { undated, dated })
        {
            Assert.NotNull(await store.TryTransitionBatchItemAsync("alike", CoverBatchRunner.ItemKey(application), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct));
        }

        // Only one of them reached the service before the run died.
        var made = await portfolio.Client.Applications.SubmitAsync(dated, cancellationToken: ct);

        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("alike", [undated, dated], cancellationToken: ct);

        Assert.Single(rerun.Items, i => i.CoverId == made.CoverId);
        var other = Assert.Single(rerun.Items, i => i.CoverId != made.CoverId);
        Assert.Equal(CoverBatchItemStatus.Unresolved, other.Status);
        Assert.Null(other.CoverId);
        Assert.Contains(made.CoverId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Error, StringComparison.Ordinal);
        Assert.False(rerun.IsComplete);
        Assert.Equal(0, rerun.Sent);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.Single(await store.GetBatchItemsAsync("alike", ct), i => i.CoverId == made.CoverId);

        // The next run looks again, and still gives the cover to one item only.
        var again = await new CoverBatchRunner(portfolio.Client, store).RunAsync("alike", [undated, dated], cancellationToken: ct);
        Assert.Single(again.Items, i => i.CoverId == made.CoverId);
        Assert.Equal(0, again.Sent);
    }

    [Fact]
    public async Task A_cover_the_client_recovered_for_an_item_is_not_taken_when_another_item_of_the_batch_holds_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, first, second) = await TwoItemsAlikeTheFirstAnsweredWithCover9001Async("held");

        // The service answered the first item with cover 9001. The second's send went unanswered, and the client found
        // cover 9001 like it in the buyer's covers.
        var recovering = new SubmissionHookClient(new ThrowingClient(), (_, _) => Task.FromResult(new ApplicationResult
        {
            BuyerId = 1001,
            CoverId = 9001,
            Outcome = ApplicationOutcome.Decided,
            Recovered = true,
            Response = new CoverResponseInfo(201, null),
        }));

        var run = await new CoverBatchRunner(recovering, store).RunAsync("held", [first, second], cancellationToken: ct);

        Assert.Equal(9001, run.Items[0].CoverId);
        Assert.Equal((CoverBatchItemStatus.Unresolved, (long?)null), (run.Items[1].Status, run.Items[1].CoverId));
        Assert.Contains("9001", run.Items[1].Error, StringComparison.Ordinal);
        Assert.False(run.IsComplete);
        var record = Assert.Single(await store.GetBatchItemsAsync("held", ct), i => i.ItemKey == CoverBatchRunner.ItemKey(second));
        Assert.Equal((BatchItemState.Ambiguous, (long?)null), (record.State, record.CoverId));
    }

    [Fact]
    public async Task An_item_refused_as_already_existing_whose_like_another_item_holds_fails_rather_than_being_sent_again()
    {
        // Before, such an item was left unresolved, sent again at every re-run and refused the same way, for an hour.
        var ct = TestContext.Current.CancellationToken;
        var (store, first, second) = await TwoItemsAlikeTheFirstAnsweredWithCover9001Async("exists");

        // The service refused the second item as already existing; no attempt went unanswered, and the client found
        // cover 9001 like it.
        var sends = 0;
        var refused = new SubmissionHookClient(new ThrowingClient(), (_, _) =>
        {
            Interlocked.Increment(ref sends);
            return Task.FromResult(new ApplicationResult
            {
                BuyerId = 1001,
                CoverId = 9001,
                Outcome = ApplicationOutcome.Decided,
                Recovered = true,
                AlreadyExisted = true,
                Response = new CoverResponseInfo(400, null),
            });
        });

        var run = await new CoverBatchRunner(refused, store).RunAsync("exists", [first, second], cancellationToken: ct);
        var rerun = await new CoverBatchRunner(refused, store).RunAsync("exists", [first, second], cancellationToken: ct);

        Assert.Equal((CoverBatchItemStatus.Failed, (long?)null), (run.Items[1].Status, run.Items[1].CoverId));
        Assert.Contains("already existing", run.Items[1].Error, StringComparison.Ordinal);
        Assert.True(run.IsComplete);
        Assert.Equal(1, Volatile.Read(ref sends));
        Assert.Equal(CoverBatchItemStatus.Failed, rerun.Items[1].Status);
    }

    [Fact]
    public async Task A_second_batch_of_an_application_the_first_made_fails_it_as_already_existing_rather_than_reporting_it_made()
    {
        // Before, the client's "already existed" cover was taken as the item's, reported Decided and recovered: the second
        // batch said it made the cover the first had made.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(portfolio.Client, store);
        var ct = TestContext.Current.CancellationToken;

        var first = await runner.RunAsync("monday", [Application(buyer, 50000m, "EUR", "R-1")], cancellationToken: ct);
        var second = await runner.RunAsync("tuesday", [Application(buyer, 50000m, "EUR", "R-1")], cancellationToken: ct);

        Assert.Equal(CoverBatchItemStatus.Decided, first.Items[0].Status);
        var item = Assert.Single(second.Items);
        Assert.Equal((CoverBatchItemStatus.Failed, (long?)null, false), (item.Status, item.CoverId, item.Recovered));
        Assert.Contains("already existing", item.Error, StringComparison.Ordinal);
        Assert.Contains(first.Items[0].CoverId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Error, StringComparison.Ordinal);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task Amounts_currencies_and_references_written_differently_are_the_same_item()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(portfolio.Client, store);
        var ct = TestContext.Current.CancellationToken;

        var first = await runner.RunAsync("batch-2", [Application(buyer, 50000m, "EUR", "R-1")], cancellationToken: ct);
        var again = await runner.RunAsync("batch-2", [Application(buyer, 50000.00m, "eur", "  R-1 "), Application(buyer, 50_000m, "EUR", "R-1")], cancellationToken: ct);

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, again.Sent);
        var item = Assert.Single(again.Items);
        Assert.Equal(first.Items[0].ItemKey, item.ItemKey);
        Assert.Equal(first.Items[0].CoverId, item.CoverId);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task Each_result_names_its_application_by_its_place_in_the_input_also_after_a_repeat()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyers = FreeWellRatedBuyers(portfolio, 2);
        var runner = new CoverBatchRunner(portfolio.Client, new InMemoryCoverPortfolioStore());
        CoverApplication[] applications = [Application(buyers[0], 50000m), Application(buyers[0], 50000.00m), Application(buyers[1], 30000m)];

        var result = await runner.RunAsync("batch-6", applications, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([0, 2], result.Items.Select(i => i.Index));
        Assert.All(result.Items, item => Assert.Equal(applications[item.Index].BuyerId, item.BuyerId));
    }

    [Fact]
    public async Task Options_changed_after_the_runner_was_created_do_not_reach_its_runs()
    {
        var options = new CoverBatchOptions();
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(new ThrowingClient(), store, options);
        options.MaxConcurrency = 0;
        options.LeaseDuration = TimeSpan.MaxValue;

        var result = await runner.RunAsync("changed", [], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsComplete);
        Assert.Empty(result.Items);
        Assert.NotNull(await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource("changed"), "other", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_more_applications_than_the_concurrency_bound_are_in_flight_and_progress_counts_every_item()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var client = new CountingCoverClient(portfolio.Client);
        var applications = FreeWellRatedBuyers(portfolio, 12).Select(b => Application(b, 10000)).ToList();
        var reports = new List<CoverBatchProgress>();
        var progress = new SynchronousProgress<CoverBatchProgress>(reports.Add);

        var result = await new CoverBatchRunner(client.Client, new InMemoryCoverPortfolioStore(), new CoverBatchOptions { MaxConcurrency = 3 })
            .RunAsync("batch-3", applications, progress, TestContext.Current.CancellationToken);

        Assert.InRange(client.MaxConcurrentSubmissions, 1, 3);
        Assert.Equal(12, client.Submissions);
        Assert.True(result.IsComplete);
        Assert.Equal(12, reports.Count);
        Assert.Equal(12, reports.Max(r => r.Completed));
        Assert.All(reports, r => Assert.Equal(12, r.Total));
    }

    [Fact]
    public async Task A_batch_with_an_application_without_buyer_is_refused_before_anything_is_sent()
    {
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()).Client, store);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync("batch-4", [new CoverApplication { CreditLimitAmount = 1000 }], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("applications", error.ParamName);
        Assert.Empty(await store.GetBatchItemsAsync("batch-4", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(nameof(CoverApplication.CustomerReference))]
    [InlineData(nameof(CoverApplication.PolicyId))]
    [InlineData(nameof(CoverApplication.CurrencyCode))]
    public async Task An_application_with_a_NUL_character_in_its_key_is_refused_naming_the_field_before_anything_is_recorded_or_sent(string field)
    {
        var store = new InMemoryCoverPortfolioStore();
        var client = new CountingCoverClient(new ThrowingClient());
        var runner = new CoverBatchRunner(client.Client, store);
        var application = Application(1002, 20000);
        typeof(CoverApplication).GetProperty(field)!.SetValue(application, "A\0B");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync("batch-6", [Application(1001, 20000), application], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("applications", error.ParamName);
        Assert.StartsWith($"Application 2 of the batch has a NUL character (U+0000) in its {field}.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Submissions);
        Assert.Empty(await store.GetBatchItemsAsync("batch-6", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_application_with_a_key_separator_in_a_field_before_its_reference_is_refused_rather_than_taken_for_another()
    {
        // Before, "EUR|" with reference "R" had the key of "EUR" with reference "|R": it was taken for that item and
        // never sent.
        var store = new InMemoryCoverPortfolioStore();
        var client = new CountingCoverClient(new ThrowingClient());
        var runner = new CoverBatchRunner(client.Client, store);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync("batch-8", [Application(1001, 20000, "EUR", "|R"), Application(1001, 20000, "EUR|", "R")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("applications", error.ParamName);
        Assert.StartsWith("Application 2 of the batch has a '|' (it separates the fields of the item's key) in its CurrencyCode.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Submissions);
        Assert.Empty(await store.GetBatchItemsAsync("batch-8", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_application_with_half_a_surrogate_pair_in_its_key_is_refused_naming_the_field_before_anything_is_recorded()
    {
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()).Client, store);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync("batch-7", [Application(1001, 20000, reference: "B-\uD83D")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("applications", error.ParamName);
        Assert.StartsWith("Application 1 of the batch has half a surrogate pair (U+D83D) in its CustomerReference.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetBatchItemsAsync("batch-7", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_batch_id_with_a_NUL_character_is_refused_naming_it_before_anything_is_recorded()
    {
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()).Client, store);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync("batch\0", [Application(1001, 20000)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("batchId", error.ParamName);
        Assert.Empty(await store.GetBatchItemsAsync("batch", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_batch_id_longer_than_a_store_keeps_is_refused_naming_it_before_the_batch_is_taken()
    {
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()).Client, store);
        var batchId = new string('b', 501);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync(batchId, [Application(1001, 20000)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("batchId", error.ParamName);
        Assert.Contains("The batch id must be at most 500 characters long; it has 501.", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource(batchId), "another-runner", TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_rerun_that_leaves_out_an_unfinished_item_is_refused_naming_it_before_anything_is_recorded_or_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var done = Application(1001, 20000);
        var inFlight = Application(1002, 20000);
        var pending = Application(1003, 20000);
        await store.AddBatchItemsAsync("left-out", [new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(done), ItemIndex = 0 }, new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(inFlight), ItemIndex = 1 }, new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(pending), ItemIndex = 2 }], ct);
        await store.TryTransitionBatchItemAsync("left-out", CoverBatchRunner.ItemKey(done), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await store.TryTransitionBatchItemAsync("left-out", CoverBatchRunner.ItemKey(done), BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done, CoverId = 9001 }, ct);
        await store.TryTransitionBatchItemAsync("left-out", CoverBatchRunner.ItemKey(inFlight), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        var client = new CountingCoverClient(new ThrowingClient());
        var added = Application(1004, 20000);

        // The item in flight may have reached the service: left out, its outcome would never be resolved, and the
        // pending one never sent, while the run reported the batch complete.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new CoverBatchRunner(client.Client, store).RunAsync("left-out", [done, added], cancellationToken: ct));

        Assert.Equal("applications", error.ParamName);
        Assert.Contains(CoverBatchRunner.ItemKey(inFlight), error.Message, StringComparison.Ordinal);
        Assert.Contains(CoverBatchRunner.ItemKey(pending), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CoverBatchRunner.ItemKey(done), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Submissions);
        Assert.Equal(
            [(0, BatchItemState.Done), (1, BatchItemState.InFlight), (2, BatchItemState.Pending)],
            (await store.GetBatchItemsAsync("left-out", ct)).OrderBy(i => i.ItemIndex).Select(i => (i.ItemIndex, i.State)));
        Assert.NotNull(await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource("left-out"), "other", TimeSpan.FromSeconds(30), ct));
    }

    [Fact]
    public async Task A_rerun_may_leave_out_the_items_an_earlier_run_finished()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var done = Application(1001, 20000);
        var failed = Application(1002, 20000);
        await store.AddBatchItemsAsync("finished", [new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(done), ItemIndex = 0 }, new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(failed), ItemIndex = 1 }], ct);
        foreach (var (application, state, coverId) in new[] { (done, BatchItemState.Done, (long?)9001), (failed, BatchItemState.Failed, null) })
        {
            await store.TryTransitionBatchItemAsync("finished", CoverBatchRunner.ItemKey(application), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
            await store.TryTransitionBatchItemAsync("finished", CoverBatchRunner.ItemKey(application), BatchItemState.InFlight, new BatchItemTransition { State = state, CoverId = coverId }, ct);
        }

        var rerun = await new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()).Client, store).RunAsync("finished", [done], cancellationToken: ct);

        Assert.Equal(9001, Assert.Single(rerun.Items).CoverId);
        Assert.True(rerun.IsComplete);
    }

    [Fact]
    public async Task An_application_without_buyer_after_a_repeated_one_is_named_by_its_place_in_the_input()
    {
        var runner = new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()).Client, new InMemoryCoverPortfolioStore());
        var repeated = Application(1001, 20000);

        // The third application has no buyer; the second repeats the first, so the batch has one item before it.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync("batch-5", [repeated, Application(1001, 20000), new CoverApplication { CreditLimitAmount = 1000 }], cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith("Application 3 of the batch has no buyer id.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_refused_inside_a_success_answer_is_a_failed_item_with_no_cover_not_a_decided_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var refused = new SubmissionHookClient(new ThrowingClient(), (_, _) => Task.FromResult(new ApplicationResult
        {
            BuyerId = 1001,
            CoverId = 9001,
            Outcome = ApplicationOutcome.Refused,
            ResponseText = "Action has been refused.",
            Response = new CoverResponseInfo(201, null),
        }));
        var store = new InMemoryCoverPortfolioStore();

        var run = await new CoverBatchRunner(refused, store).RunAsync("refused", [Application(1001, 20000)], cancellationToken: ct);

        var item = Assert.Single(run.Items);
        Assert.Equal(CoverBatchItemStatus.Failed, item.Status);
        Assert.Null(item.CoverId);
        Assert.Contains("Action has been refused.", item.Error, StringComparison.Ordinal);
        Assert.Equal(BatchItemState.Failed, Assert.Single(await store.GetBatchItemsAsync("refused", ct)).State);
    }

    [Fact]
    public async Task The_rate_counts_the_items_this_run_finished_not_those_it_left_unresolved()
    {
        var ct = TestContext.Current.CancellationToken;
        var submissions = 0;

        // One submission is refused before it is sent (a malformed field): finished. The other two were sent and left
        // unanswered: not finished.
        var client = new SubmissionHookClient(new ThrowingClient(), (_, _) => Task.FromException<ApplicationResult>(Interlocked.Increment(ref submissions) == 1
            ? new ArgumentException("application.CreditLimitAmount must be a positive multiple of 1000.", "application.CreditLimitAmount")
            : new HttpRequestException("Connection reset.")));
        var reports = new List<CoverBatchProgress>();

        await new CoverBatchRunner(client, new InMemoryCoverPortfolioStore())
            .RunAsync("rate", [Application(1001, 20000), Application(1002, 20000), Application(1003, 20000)], new SynchronousProgress<CoverBatchProgress>(reports.Add), ct);

        var last = reports.Single(r => r.Completed + r.Unresolved == 3);
        Assert.Equal((1, 2), (last.Completed, last.Unresolved));
        Assert.Equal(1, Math.Round(last.ItemsPerSecond * last.Elapsed.TotalSeconds));
    }

    [Fact]
    public async Task A_rerun_of_a_finished_batch_finishes_nothing_and_reports_no_rate_also_for_an_item_an_earlier_run_recovered()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var recovering = new SubmissionHookClient(new ThrowingClient(), (_, _) => Task.FromResult(new ApplicationResult
        {
            BuyerId = 1001,
            CoverId = 9001,
            Outcome = ApplicationOutcome.Decided,
            Recovered = true,
            Response = new CoverResponseInfo(201, null),
        }));
        var first = await new CoverBatchRunner(recovering, store).RunAsync("recovered", [Application(1001, 20000)], cancellationToken: ct);
        Assert.True(Assert.Single(first.Items).Recovered);
        var reports = new List<CoverBatchProgress>();

        var rerun = await new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()).Client, store)
            .RunAsync("recovered", [Application(1001, 20000)], new SynchronousProgress<CoverBatchProgress>(reports.Add), ct);

        Assert.Equal(0, rerun.Sent);
        var report = Assert.Single(reports);
        Assert.Equal(1, report.Completed);
        Assert.Equal(0, report.ItemsPerSecond);
    }

    [Fact]
    public async Task A_request_timeout_is_no_refusal_the_item_stays_unresolved_for_a_rerun()
    {
        // A 408 that reaches the runner came from a read before the application was sent (the client turns one on the
        // application itself into an unknown outcome): nothing refused the application.
        var ct = TestContext.Current.CancellationToken;
        var client = new SubmissionHookClient(new ThrowingClient(), (_, _) => Task.FromException<ApplicationResult>(new CoverApiException("The Cover API answered 408 (Request Timeout).", 408)));
        var store = new InMemoryCoverPortfolioStore();

        var run = await new CoverBatchRunner(client, store).RunAsync("timeout", [Application(1001, 20000)], cancellationToken: ct);

        var item = Assert.Single(run.Items);
        Assert.Equal(CoverBatchItemStatus.Unresolved, item.Status);
        Assert.False(run.IsComplete);
        Assert.NotEqual(BatchItemState.Failed, Assert.Single(await store.GetBatchItemsAsync("timeout", ct)).State);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object gate = new();

        public void Report(T value)
        {
            lock (gate)
            {
                report(value);
            }
        }
    }

    /// <summary>Holds every submission until released, telling when the first arrives.</summary>
    /// <summary>
    /// A batch whose first item the service answered with cover 9001, and a second item alike enough for that cover to
    /// match it too (of another customer's, so that its key differs), not yet recorded.
    /// </summary>
    private static async Task<(InMemoryCoverPortfolioStore Store, CoverApplication First, CoverApplication Second)> TwoItemsAlikeTheFirstAnsweredWithCover9001Async(string batchId)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var first = Application(1001, 20000, reference: "R-1");
        var second = Application(1001, 20000, reference: "R-1");
        second.CustomerId = 2002;
        await store.AddBatchItemsAsync(batchId, [new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(first), ItemIndex = 0 }], ct);
        await store.TryTransitionBatchItemAsync(batchId, CoverBatchRunner.ItemKey(first), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await store.TryTransitionBatchItemAsync(batchId, CoverBatchRunner.ItemKey(first), BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done, CoverId = 9001 }, ct);
        return (store, first, second);
    }

    private sealed class GatedClient
    {
        public GatedClient(ICoverClient inner) => Client = new SubmissionHookClient(inner, async (submit, cancellationToken) =>
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await submit();
        });

        public ICoverClient Client { get; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// A run of batch "paused" with one item (buyer 4242) whose send stays out until another run has taken the batch
    /// over (the store's clock moves and the paused run's does not, so its renewals never fire) and sent the item again;
    /// the paused send is then answered by <paramref name="answer"/>.
    /// </summary>
    /// <returns>The store, its clock, the item's key, the other run's attempt count and lease, and the paused run's result.</returns>
    private static async Task<(InMemoryCoverPortfolioStore Store, FakeTimeProvider StoreClock, string Key, int ResentAttempt, PortfolioLease OtherRun, CoverBatchResult Run)> PausedPastItsLeaseWhileAnotherRunSendsTheItemAgainAsync(Func<ApplicationResult> answer)
    {
        var ct = TestContext.Current.CancellationToken;
        var storeClock = new FakeTimeProvider(Portfolios.T0);
        var store = new InMemoryCoverPortfolioStore(storeClock);
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new SubmissionHookClient(new ThrowingClient(), async (_, _) =>
        {
            sending.TrySetResult();
            await answered.Task;
            return answer();
        });
        var application = Application(4242, 20000);
        var key = CoverBatchRunner.ItemKey(application);
        var paused = new CoverBatchRunner(client, store, new CoverBatchOptions { MaxConcurrency = 1 }, new FakeTimeProvider(Portfolios.T0)).RunAsync("paused", [application], cancellationToken: ct);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);

        // Its lease expires; another run takes the batch over, finds nothing at the service yet and sends the item again.
        storeClock.Advance(TimeSpan.FromMinutes(1));
        var lease = await store.TryAcquireLeaseAsync(CoverBatchRunner.LeaseResource("paused"), "other-run", TimeSpan.FromSeconds(30), ct);
        Assert.NotNull(await store.TryTransitionBatchItemAsync("paused", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Pending, Lease = lease }, ct));
        var resent = await store.TryTransitionBatchItemAsync("paused", key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight, Lease = lease }, ct);
        answered.SetResult();
        var run = await paused.WaitAsync(TimeSpan.FromSeconds(60), ct);
        return (store, storeClock, key, resent!.AttemptCount, lease!, run);
    }

    [Theory]
    [InlineData("rate-limited")]
    [InlineData("refused")]
    public async Task A_run_paused_past_its_lease_does_not_write_its_answer_over_the_record_of_the_run_that_sent_the_item_again(string answer)
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, _, key, resentAttempt, _, run) = await PausedPastItsLeaseWhileAnotherRunSendsTheItemAgainAsync(() => answer switch
        {
            "rate-limited" => throw new CoverRateLimitedException("Too many requests.", 429),
            _ => throw new CoverValidationException("Must be positive number greater than zero and a multiple of 1000.", 400),
        });

        var record = Assert.Single(await store.GetBatchItemsAsync("paused", ct));
        Assert.Equal((BatchItemState.InFlight, 2), (record.State, record.AttemptCount));
        var item = Assert.Single(run.Items);
        Assert.Equal(CoverBatchItemStatus.Unresolved, item.Status);
        Assert.Contains("Another run of the batch has sent or recorded this item", item.Error, StringComparison.Ordinal);
        Assert.NotNull(await store.TryTransitionBatchItemAsync("paused", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done, CoverId = 9002, ExpectedAttemptCount = resentAttempt }, ct));
    }

    [Fact]
    public async Task A_run_paused_past_its_lease_records_the_cover_its_send_made_over_the_other_runs_attempt_and_nothing_is_sent_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, storeClock, key, resentAttempt, lease, run) = await PausedPastItsLeaseWhileAnotherRunSendsTheItemAgainAsync(
            () => new ApplicationResult { BuyerId = 4242, CoverId = 9001, Outcome = ApplicationOutcome.Decided, Response = new CoverResponseInfo(201, null) });

        // The paused run's send made cover 9001: recorded over the other run's attempt. That attempt's 429, which proves
        // only that it made nothing, no longer puts the item back to Pending.
        Assert.Equal((CoverBatchItemStatus.Decided, (long?)9001), (run.Items[0].Status, run.Items[0].CoverId));
        Assert.Null(await store.TryTransitionBatchItemAsync("paused", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Pending, ExpectedAttemptCount = resentAttempt }, ct));
        await store.ReleaseLeaseAsync(lease, ct);

        var submits = 0;
        var rerunClient = new SubmissionHookClient(new ThrowingClient(), (_, _) =>
        {
            submits++;
            return Task.FromResult(new ApplicationResult { BuyerId = 4242, CoverId = 9003, Outcome = ApplicationOutcome.Decided, Response = new CoverResponseInfo(201, null) });
        });
        var rerun = await new CoverBatchRunner(rerunClient, store, new CoverBatchOptions { MaxConcurrency = 1 }, storeClock).RunAsync("paused", [Application(4242, 20000)], cancellationToken: ct);

        Assert.Equal((0, (long?)9001), (submits, Assert.Single(await store.GetBatchItemsAsync("paused", ct)).CoverId));
        Assert.Equal(9001, Assert.Single(rerun.Items).CoverId);
    }

    private sealed class ThrowingClient : ICoverClient
    {
        public PoliciesClient Policies => throw new InvalidOperationException();

        public BuyersClient Buyers => throw new InvalidOperationException();

        public ApplicationsClient Applications => null!;

        public DecisionsClient Decisions => throw new InvalidOperationException();

        public IndicationsClient Indications => throw new InvalidOperationException();

        public ReportsClient Reports => throw new InvalidOperationException();
    }
}
