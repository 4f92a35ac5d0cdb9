namespace Atradius.Cover.Sdk.Portfolio.Tests.Batches;

public sealed class CoverBatchSettleTests
{
    private static readonly CoverApplication Application = new() { BuyerId = 1001, CreditLimitAmount = 20000, CurrencyCode = "USD", CustomerReference = "B-1001" };

    // A batch of one application whose send went unanswered, and that a re-run left unresolved: nothing the service
    // shows proves whether it made the cover like it (another currency than the policy's, say).
    private static async Task<(InMemoryCoverPortfolioStore Store, string Key)> UnresolvedAsync(string batchId, CancellationToken ct)
    {
        var store = new InMemoryCoverPortfolioStore();
        var key = CoverBatchRunner.ItemKey(Application);
        await store.AddBatchItemsAsync(batchId, [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        Assert.NotNull(await store.TryTransitionBatchItemAsync(batchId, key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct));
        Assert.NotNull(await store.TryTransitionBatchItemAsync(batchId, key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous }, ct));
        return (store, key);
    }

    [Fact]
    public async Task An_unresolved_item_settled_with_the_cover_it_made_is_finished_and_a_rerun_sends_nothing()
    {
        // Before, no API finished such an item: every re-run left it unresolved, and the batch was never complete.
        var ct = TestContext.Current.CancellationToken;
        var (store, key) = await UnresolvedAsync("dollars", ct);
        var runner = new CoverBatchRunner(new UnreachableClient(), store);
        var cover = CoverModelFactory.CoverDecision(coverId: 77, buyerId: 1001, status: CoverStatus.Referred);

        var settled = await runner.SettleAsMadeAsync("dollars", key, cover, ct);
        var rerun = await runner.RunAsync("dollars", [Application], cancellationToken: ct);

        Assert.Equal((CoverBatchItemStatus.Referred, (long?)77, true, 1001L), (settled.Status, settled.CoverId, settled.Recovered, settled.BuyerId));
        var item = Assert.Single(rerun.Items);
        Assert.Equal((CoverBatchItemStatus.Referred, (long?)77, false), (item.Status, item.CoverId, item.SentThisRun));
        Assert.True(rerun.IsComplete);
    }

    [Fact]
    public async Task An_item_settled_with_a_cover_that_has_a_preliminary_decision_is_referred_as_a_sent_one_would_be()
    {
        // Before, it was Decided on DC07, a refusal the underwriter may still change, while the same application sent by
        // the run was Referred.
        var ct = TestContext.Current.CancellationToken;
        var (store, key) = await UnresolvedAsync("dollars", ct);
        var runner = new CoverBatchRunner(new UnreachableClient(), store);
        var cover = CoverModelFactory.CoverDecision(coverId: 77, buyerId: 1001, status: CoverStatus.Decision, code: DecisionCode.PreliminaryRefusal);

        var settled = await runner.SettleAsMadeAsync("dollars", key, cover, ct);

        Assert.Equal((CoverBatchItemStatus.Referred, (long?)77), (settled.Status, settled.CoverId));
    }

    [Fact]
    public async Task An_unresolved_item_settled_as_not_made_is_failed_with_the_reason_and_never_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, key) = await UnresolvedAsync("dollars", ct);
        var runner = new CoverBatchRunner(new UnreachableClient(), store);

        await runner.SettleAsNotMadeAsync("dollars", key, "The buyer's covers show no application in USD.", ct);
        var rerun = await runner.RunAsync("dollars", [Application], cancellationToken: ct);

        var item = Assert.Single(rerun.Items);
        Assert.Equal(CoverBatchItemStatus.Failed, item.Status);
        Assert.Equal("Settled by hand as not made: The buyer's covers show no application in USD.", item.Error);
        Assert.Equal(0, rerun.Sent);
        Assert.True(rerun.IsComplete);
    }

    [Fact]
    public async Task A_cover_of_another_buyer_or_of_another_item_is_refused_naming_it_and_nothing_is_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, key) = await UnresolvedAsync("dollars", ct);
        var other = new CoverApplication { BuyerId = 1002, CreditLimitAmount = 30000, CurrencyCode = "EUR" };
        await store.AddBatchItemsAsync("dollars", [new NewBatchItem { ItemKey = CoverBatchRunner.ItemKey(other), ItemIndex = 1 }], ct);
        await store.TryTransitionBatchItemAsync("dollars", CoverBatchRunner.ItemKey(other), BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
        await store.TryTransitionBatchItemAsync("dollars", CoverBatchRunner.ItemKey(other), BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done, CoverId = 78 }, ct);
        var runner = new CoverBatchRunner(new UnreachableClient(), store);

        var anotherBuyer = await Assert.ThrowsAsync<ArgumentException>(() => runner.SettleAsMadeAsync("dollars", key, CoverModelFactory.CoverDecision(coverId: 79, buyerId: 1002), ct));
        var anotherItems = await Assert.ThrowsAsync<ArgumentException>(() => runner.SettleAsMadeAsync("dollars", key, CoverModelFactory.CoverDecision(coverId: 78, buyerId: 1001), ct));

        Assert.Equal("cover", anotherBuyer.ParamName);
        Assert.Contains("is on buyer 1002", anotherBuyer.Message, StringComparison.Ordinal);
        Assert.Equal("cover", anotherItems.ParamName);
        Assert.Contains("is recorded for item", anotherItems.Message, StringComparison.Ordinal);
        Assert.Equal(BatchItemState.Ambiguous, (await store.GetBatchItemsAsync("dollars", ct)).Single(i => i.ItemKey == key).State);
    }

    [Fact]
    public async Task An_item_not_sent_yet_or_finished_is_not_settled_by_hand()
    {
        // A pending item is sent by a run; settled as not made, it would be left out of the batch without a word.
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryCoverPortfolioStore();
        var key = CoverBatchRunner.ItemKey(Application);
        await store.AddBatchItemsAsync("pending", [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        var runner = new CoverBatchRunner(new UnreachableClient(), store);

        var pending = await Assert.ThrowsAsync<ArgumentException>(() => runner.SettleAsNotMadeAsync("pending", key, "not wanted", ct));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => runner.SettleAsNotMadeAsync("pending", "no-such-key", "not wanted", ct));
        var noReason = await Assert.ThrowsAsync<ArgumentException>(() => runner.SettleAsNotMadeAsync("pending", key, " ", ct));

        Assert.Equal(("itemKey", "itemKey", "reason"), (pending.ParamName, unknown.ParamName, noReason.ParamName));
        Assert.Contains("not sent yet", pending.Message, StringComparison.Ordinal);
        Assert.Equal(BatchItemState.Pending, Assert.Single(await store.GetBatchItemsAsync("pending", ct)).State);
    }

    // Settling and reporting settled items reads nothing from the service.
    private sealed class UnreachableClient : ICoverClient
    {
        public PoliciesClient Policies => throw new InvalidOperationException();

        public BuyersClient Buyers => throw new InvalidOperationException();

        public ApplicationsClient Applications => throw new InvalidOperationException();

        public DecisionsClient Decisions => throw new InvalidOperationException();

        public IndicationsClient Indications => throw new InvalidOperationException();

        public ReportsClient Reports => throw new InvalidOperationException();
    }
}
