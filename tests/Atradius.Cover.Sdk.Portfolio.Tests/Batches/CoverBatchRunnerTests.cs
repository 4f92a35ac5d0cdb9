using Atradius.Cover.Sdk.Portfolio.Tests.Support;

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
    public async Task An_item_left_in_flight_is_not_matched_to_an_identical_cover_applied_for_before_it()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        // The same content as the fixture credit limit applied for weeks ago; a run marked the item in flight and died
        // before sending it.
        var application = Application(Atradius.Cover.Sdk.Sandbox.World.SandboxFixtures.ExistingCoverBuyerId, 75_000m, "EUR", "ERP-000101");
        var store = new InMemoryCoverPortfolioStore();
        await store.AddBatchItemsAsync("before", [new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(application), ItemIndex = 0 }], ct);
        Assert.NotNull(await store.TryTransitionBatchItemAsync("before", CoverBatchRunner.ItemKey(application), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct));

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
    public async Task No_more_applications_than_the_concurrency_bound_are_in_flight_and_progress_counts_every_item()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var client = new CountingCoverClient(portfolio.Client);
        var applications = FreeWellRatedBuyers(portfolio, 12).Select(b => Application(b, 10000)).ToList();
        var reports = new List<CoverBatchProgress>();
        var progress = new SynchronousProgress<CoverBatchProgress>(reports.Add);

        var result = await new CoverBatchRunner(client, new InMemoryCoverPortfolioStore(), new CoverBatchOptions { MaxConcurrency = 3 })
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
        var runner = new CoverBatchRunner(new CountingCoverClient(new ThrowingClient()), store);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync("batch-4", [new CoverApplication { CreditLimitAmount = 1000 }], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("applications", error.ParamName);
        Assert.Empty(await store.GetBatchItemsAsync("batch-4", TestContext.Current.CancellationToken));
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
