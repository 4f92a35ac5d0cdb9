using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Batches;

/// <summary>One fault at a time, injected by the sandbox, then checked against what the sandbox holds.</summary>
public sealed class CoverBatchExactlyOnceTests
{
    private const string CoversPath = "/credit-insurance/cover-management/v1/covers";

    private static CoverApplication Application(long buyerId, decimal amount, string currency = "EUR") => new()
    {
        BuyerId = buyerId,
        CreditLimitAmount = amount,
        CurrencyCode = currency,
        CustomerReference = "B-" + buyerId,
    };

    private static List<long> FreeWellRatedBuyers(SandboxPortfolio portfolio, int count)
    {
        var covered = portfolio.Sandbox.GetCovers().Select(c => c.BuyerId).ToHashSet();
        return portfolio.Sandbox.World.Buyers.Where(b => b.Rating <= 30 && !covered.Contains(b.BuyerId)).Select(b => b.BuyerId).Take(count).ToList();
    }

    [Fact]
    public async Task An_application_whose_201_broke_off_while_the_lists_could_not_be_read_is_unresolved_never_sent_again_and_found_on_the_rerun()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];

        // The service commits the application and its 201 arrives, but the body breaks off half way; every read of the
        // buyer's covers then fails. The lost body may have been a refusal, so the SDK reports the outcome unknown, and
        // the rerun looks at the buyer's covers before it sends anything.
        var services = new ServiceCollection();
        services.AddAtradiusCover(o => SandboxPortfolio.Configure(portfolio.Sandbox, o)).HttpClientBuilder.AddHttpMessageHandler(() => new CutFirstPostBodyHandler());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ICoverClient>();
        var store = new InMemoryCoverPortfolioStore();
        var runner = new CoverBatchRunner(client, store);
        var ct = TestContext.Current.CancellationToken;

        portfolio.Sandbox.Faults.ArmNext("GET", null, SandboxFault.ServiceUnavailable, times: 200);
        var reports = new List<CoverBatchProgress>();
        var first = await runner.RunAsync("cut-201", [Application(buyer, 20000)], new SynchronousProgress(reports.Add), ct);
        portfolio.Sandbox.Faults.Reset();
        var rerun = await runner.RunAsync("cut-201", [Application(buyer, 20000)], cancellationToken: ct);

        var held = Assert.Single(portfolio.Sandbox.GetCovers(), c => c.BuyerId == buyer);
        Assert.Equal(CoverBatchItemStatus.Unresolved, Assert.Single(first.Items).Status);
        Assert.Null(first.Items[0].CoverId);
        Assert.False(first.IsComplete);
        // The progress says so too: before, it counted the item completed and nothing unresolved.
        Assert.Equal((0, 1), (reports[^1].Completed, reports[^1].Unresolved));
        Assert.True(rerun.IsComplete);
        Assert.Equal(held.CoverId, Assert.Single(rerun.Items).CoverId);
        Assert.Equal(0, rerun.Sent);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task An_application_refused_with_429_goes_back_to_pending_and_the_rerun_sends_it_once()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];
        var options = SandboxPortfolio.ClientOptions(portfolio.Sandbox);
        options.Resilience.MaxRetryAttempts = 0;
        await using var client = new CoverClient(options);
        var store = new InMemoryCoverPortfolioStore();
        var ct = TestContext.Current.CancellationToken;

        // A 429 answers before the service processes anything: it proves the application was not made.
        portfolio.Sandbox.Faults.ArmNext("POST", CoversPath, SandboxFault.RateLimited);
        var limited = await new CoverBatchRunner(client, store).RunAsync("rate-limited", [Application(buyer, 20000)], cancellationToken: ct);
        var createdBeforeRerun = portfolio.Sandbox.Statistics.ApplicationsCreated;
        var rerun = await new CoverBatchRunner(client, store).RunAsync("rate-limited", [Application(buyer, 20000)], cancellationToken: ct);

        Assert.False(limited.IsComplete);
        Assert.Equal(CoverBatchItemStatus.Unresolved, Assert.Single(limited.Items).Status);
        Assert.Equal(0, createdBeforeRerun);
        Assert.True(rerun.IsComplete);
        Assert.Equal(1, rerun.Sent);
        Assert.Equal(portfolio.Sandbox.GetCovers().Single(c => c.BuyerId == buyer).CoverId, Assert.Single(rerun.Items).CoverId);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task A_rerun_that_cannot_read_the_buyer_covers_leaves_the_item_unresolved_sends_nothing_and_finishes_the_batch()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var applications = FreeWellRatedBuyers(portfolio, 3).Select(b => Application(b, 20000)).ToList();
        var store = new KillableStore(new InMemoryCoverPortfolioStore()) { FailNextTransitionTo = BatchItemState.Done };
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<IOException>(() => new CoverBatchRunner(portfolio.Client, store, new CoverBatchOptions { MaxConcurrency = 1 }).RunAsync("unreadable", applications, cancellationToken: ct));

        portfolio.Sandbox.Faults.ArmNext("GET", null, SandboxFault.ServiceUnavailable, times: 200);
        var blind = await new CoverBatchRunner(portfolio.Client, store).RunAsync("unreadable", applications, cancellationToken: ct);
        portfolio.Sandbox.Faults.Reset();
        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("unreadable", applications, cancellationToken: ct);

        Assert.False(blind.IsComplete);
        Assert.Equal(0, blind.Sent);
        var waiting = Assert.Single(blind.Items, i => i.Status == CoverBatchItemStatus.Unresolved);
        Assert.Contains("could not be read", waiting.Error, StringComparison.Ordinal);
        Assert.True(rerun.IsComplete);
        Assert.Equal(3, portfolio.Sandbox.Statistics.ApplicationsCreated);
        Assert.All(applications, a => Assert.Single(portfolio.Sandbox.GetCovers(), c => c.BuyerId == a.BuyerId));
        Assert.Equal(portfolio.Sandbox.GetCovers().Single(c => c.BuyerId == waiting.BuyerId).CoverId, rerun.Items.Single(i => i.BuyerId == waiting.BuyerId).CoverId);
    }

    [Fact]
    public async Task A_lower_case_currency_is_sent_in_upper_case_and_a_malformed_application_fails_without_being_sent()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var buyers = FreeWellRatedBuyers(portfolio, 2);
        var runner = new CoverBatchRunner(portfolio.Client, new InMemoryCoverPortfolioStore());
        var ct = TestContext.Current.CancellationToken;

        var result = await runner.RunAsync("spelling", [Application(buyers[0], 20000, "eur"), Application(buyers[1], 1500)], cancellationToken: ct);

        Assert.True(result.IsComplete);
        Assert.Equal(CoverBatchItemStatus.Decided, result.Items[0].Status);
        Assert.Equal(portfolio.Sandbox.GetCovers().Single(c => c.BuyerId == buyers[0]).CoverId, result.Items[0].CoverId);
        Assert.Equal(CoverBatchItemStatus.Failed, result.Items[1].Status);
        Assert.Contains("CreditLimitAmount", result.Items[1].Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Sent);
        Assert.DoesNotContain(portfolio.Sandbox.GetCovers(), c => c.BuyerId == buyers[1]);
    }

    [Fact]
    public async Task An_item_whose_earlier_attempt_went_unanswered_and_whose_resend_is_refused_as_already_existing_stays_unresolved()
    {
        // The existing cover may be the unanswered attempt's, not listed as the application was when the re-run looked:
        // here a cover applied for since the attempt with another amount. Before, the item was recorded failed
        // ("nothing created") for good, and no run looked at it again. (A cover applied for before the attempt proves
        // it made nothing: CoverBatchRunnerTests.An_item_left_in_flight_is_not_matched_to_an_identical_cover_applied_for_before_it.)
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];
        await portfolio.Client.Applications.SubmitAsync(Application(buyer, 30000), cancellationToken: ct);
        var application = Application(buyer, 20000);
        var key = CoverBatchRunner.ItemKey(application);
        await store.AddBatchItemsAsync("lagging", [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        await store.TryTransitionBatchItemAsync("lagging", key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await store.TryTransitionBatchItemAsync("lagging", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous }, ct);

        var run = await new CoverBatchRunner(portfolio.Client, store).RunAsync("lagging", [application], cancellationToken: ct);

        var item = Assert.Single(run.Items);
        Assert.Equal(CoverBatchItemStatus.Unresolved, item.Status);
        Assert.Contains("an earlier attempt of this item went unanswered", item.Error, StringComparison.Ordinal);
        Assert.Equal(BatchItemState.Ambiguous, Assert.Single(await store.GetBatchItemsAsync("lagging", ct)).State);
        Assert.False(run.IsComplete);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task An_item_whose_earlier_attempt_went_unanswered_and_whose_resend_is_refused_as_already_existing_stays_unresolved_when_the_service_dates_covers_by_their_day()
    {
        // The attempt went unanswered at 11:50 UTC and the cover that "already exists" was applied for at noon, after it,
        // but the service lists its date as "2026-06-15" alone. Before, that date was compared as midnight UTC, before the
        // attempt, and the item was recorded failed ("nothing created") for good; a date without a time is judged by its
        // day in any time zone, as the SDK judges it when it looks for an application's cover.
        var noon = new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
        await using var portfolio = await SandboxPortfolio.StartAsync(
            o => { o.TimeProvider = new FakeTimeProvider(noon); o.Irregularities = false; },
            inner => new DayOnlyDatesHandler(inner));
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(noon.AddMinutes(-10));
        var store = new InMemoryCoverPortfolioStore(clock);
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];
        var application = Application(buyer, 20000);
        var key = CoverBatchRunner.ItemKey(application);
        await store.AddBatchItemsAsync("lagging", [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        await store.TryTransitionBatchItemAsync("lagging", key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await store.TryTransitionBatchItemAsync("lagging", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous }, ct);
        await portfolio.Client.Applications.SubmitAsync(Application(buyer, 30000), cancellationToken: ct);

        var run = await new CoverBatchRunner(portfolio.Client, store, timeProvider: clock).RunAsync("lagging", [application], cancellationToken: ct);

        var item = Assert.Single(run.Items);
        Assert.Equal(CoverBatchItemStatus.Unresolved, item.Status);
        Assert.Contains("an earlier attempt of this item went unanswered", item.Error, StringComparison.Ordinal);
        Assert.Equal(BatchItemState.Ambiguous, Assert.Single(await store.GetBatchItemsAsync("lagging", ct)).State);
    }

    [Fact]
    public async Task An_item_whose_earlier_attempt_went_unanswered_keeps_that_attempt_when_the_run_sending_it_again_stops_before_it_sends()
    {
        // A run found nothing at the buyer's covers and was stopped right after its first write of the item. Before, that
        // write set the item back to Pending: the next run sent it as if no attempt had gone unanswered, and the refusal
        // as already existing (the earlier attempt's cover, say) failed it for good.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var inner = new InMemoryCoverPortfolioStore();
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];
        await portfolio.Client.Applications.SubmitAsync(Application(buyer, 30000), cancellationToken: ct);
        var application = Application(buyer, 20000);
        var key = CoverBatchRunner.ItemKey(application);
        await inner.AddBatchItemsAsync("stopped", [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        await inner.TryTransitionBatchItemAsync("stopped", key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await inner.TryTransitionBatchItemAsync("stopped", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous }, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var store = new KillableStore(inner) { AfterTransition = _ => stop.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CoverBatchRunner(portfolio.Client, store).RunAsync("stopped", [application], cancellationToken: stop.Token));
        var rerun = await new CoverBatchRunner(portfolio.Client, inner).RunAsync("stopped", [application], cancellationToken: ct);

        var item = Assert.Single(rerun.Items);
        Assert.Equal(CoverBatchItemStatus.Unresolved, item.Status);
        Assert.Equal(BatchItemState.Ambiguous, Assert.Single(await inner.GetBatchItemsAsync("stopped", ct)).State);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task An_accepted_application_is_recorded_as_made_when_the_run_is_cancelled_while_it_looks_up_the_cover_id()
    {
        // The service accepted the application, its answer was cut before the cover id, and the caller cancelled the run
        // while it looked the id up. Before, the cancellation left the item in flight, to be sent again by a run whose
        // look did not show it yet.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var client = new SubmissionHookClient(portfolio.Client, async (submit, _) =>
        {
            var made = await submit();
            await stop.CancelAsync();
            return new ApplicationResult { BuyerId = made.BuyerId, Outcome = made.Outcome, DetailsUnavailable = true, DetailsUnavailableReason = "The answer was cut.", Response = made.Response };
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CoverBatchRunner(client, store).RunAsync("cut", [application], cancellationToken: stop.Token));
        Assert.Equal(BatchItemState.Done, Assert.Single(await store.GetBatchItemsAsync("cut", ct)).State);

        var rerun = await new CoverBatchRunner(portfolio.Client, store).RunAsync("cut", [application], cancellationToken: ct);

        Assert.True(rerun.IsComplete);
        Assert.Equal(Assert.Single(portfolio.Sandbox.GetCovers(), c => c.BuyerId == application.BuyerId).CoverId, Assert.Single(rerun.Items).CoverId);
        Assert.Equal(1, portfolio.Sandbox.Statistics.ApplicationsCreated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_item_whose_earlier_attempt_went_unanswered_and_whose_resend_is_refused_stays_unresolved(bool inSuccessAnswer)
    {
        // The refusal proves only that the resend made nothing: the earlier attempt may have made the application, not
        // listed yet when the run looked. Before, the item was recorded failed ("nothing created") for good.
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var application = Application(FreeWellRatedBuyers(portfolio, 1)[0], 20000);
        var key = CoverBatchRunner.ItemKey(application);
        await store.AddBatchItemsAsync("refused", [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        await store.TryTransitionBatchItemAsync("refused", key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await store.TryTransitionBatchItemAsync("refused", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous }, ct);
        var refusing = new SubmissionHookClient(portfolio.Client, (_, _) => inSuccessAnswer
            ? Task.FromResult(new ApplicationResult { BuyerId = application.BuyerId, Outcome = ApplicationOutcome.Refused, ResponseText = "Action has been refused.", Response = new CoverResponseInfo(200, null) })
            : throw new CoverApiException("The Cover API refused the call: 400 Bad Request.", 400));

        var run = await new CoverBatchRunner(refusing, store).RunAsync("refused", [application], cancellationToken: ct);

        var item = Assert.Single(run.Items);
        Assert.Equal(CoverBatchItemStatus.Unresolved, item.Status);
        Assert.Contains("an earlier attempt of this item went unanswered", item.Error, StringComparison.Ordinal);
        Assert.Equal(BatchItemState.Ambiguous, Assert.Single(await store.GetBatchItemsAsync("refused", ct)).State);
        Assert.False(run.IsComplete);
    }

    [Fact]
    public async Task A_cover_id_settled_by_hand_while_a_paused_run_looked_it_up_is_not_written_over_by_that_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = default(HeldCoverListHandler);
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => gate = new HeldCoverListHandler(inner));
        var buyer = FreeWellRatedBuyers(portfolio, 1)[0];
        var application = Application(buyer, 20000);
        var made = await portfolio.Client.Applications.SubmitAsync(application, cancellationToken: ct);

        // An earlier run recorded the service's acceptance without the cover id.
        var storeClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryCoverPortfolioStore(storeClock);
        var key = CoverBatchRunner.ItemKey(application);
        await store.AddBatchItemsAsync("looked-up", [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        await store.TryTransitionBatchItemAsync("looked-up", key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await store.TryTransitionBatchItemAsync("looked-up", key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done }, ct);

        // A re-run looks the cover id up and is paused past its lease (its own clock stands still, so it never renews);
        // meanwhile the item is settled by hand with the cover the user found.
        gate!.Armed = true;
        var paused = new CoverBatchRunner(portfolio.Client, store, timeProvider: new FakeTimeProvider(storeClock.GetUtcNow())).RunAsync("looked-up", [application], cancellationToken: ct);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        storeClock.Advance(TimeSpan.FromMinutes(1));
        var settledBy = CoverModelFactory.CoverDecision(coverId: made.CoverId!.Value + 1000, buyerId: buyer);
        var settled = await new CoverBatchRunner(portfolio.Client, store, timeProvider: storeClock).SettleAsMadeAsync("looked-up", key, settledBy, ct);
        gate.Release.SetResult();
        var run = await paused.WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.Equal(settledBy.CoverId, settled.CoverId);
        Assert.Equal(settledBy.CoverId, Assert.Single(await store.GetBatchItemsAsync("looked-up", ct)).CoverId);
        var item = Assert.Single(run.Items);
        Assert.Null(item.CoverId);
        Assert.Contains("another run has taken the batch over", item.Error, StringComparison.Ordinal);
        Assert.True(run.TakenOver);
        Assert.Equal(0, run.Sent);
    }

    /// <summary>While armed, holds the first GET /covers until released, telling when it arrives.</summary>
    private sealed class HeldCoverListHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int held;

        public bool Armed { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Armed && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith(CoversPath, StringComparison.Ordinal)
                && Interlocked.Exchange(ref held, 1) == 0)
            {
                Entered.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Hands each report on as it comes, on the reporting thread.</summary>
    private sealed class SynchronousProgress(Action<CoverBatchProgress> report) : IProgress<CoverBatchProgress>
    {
        public void Report(CoverBatchProgress value) => report(value);
    }

    /// <summary>Lets the first POST reach the service and its answer's headers arrive, then breaks its body off half way.</summary>
    private sealed class CutFirstPostBodyHandler : DelegatingHandler
    {
        private int cut;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post || Interlocked.Exchange(ref cut, 1) == 1)
            {
                return response;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var cutContent = new StreamContent(new BrokenStream(body.AsSpan(0, body.Length / 2).ToArray()));
            foreach (var header in response.Content.Headers)
            {
                cutContent.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = cutContent;
            return response;
        }
    }

    private sealed class BrokenStream(byte[] head) : MemoryStream(head)
    {
        public override int Read(byte[] buffer, int offset, int count) => Position < Length ? base.Read(buffer, offset, count) : throw new IOException("The connection was reset.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("The connection was reset.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Position < Length ? base.ReadAsync(buffer, offset, count, cancellationToken) : throw new IOException("The connection was reset.");
    }
}
