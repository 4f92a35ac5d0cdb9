using Atradius.Cover.Sdk.Portfolio.Internal;
using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Atradius.Cover.Sdk.Portfolio.Tests.Support.Portfolios;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Storage;

/// <summary>
/// The behaviour every store promises, run against each of them: a portfolio feature written against one store
/// behaves the same on the others.
/// </summary>
public abstract class CoverPortfolioStoreConformance : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(T0);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates an empty store of the kind under test on <see cref="Clock"/>.</summary>
    protected abstract Task<ICoverPortfolioStore> CreateStoreAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes of the stores a test made and deletes what they kept.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Commit_round_trips_cover_versions_with_their_keys_and_payload()
    {
        var store = await CreateStoreAsync();

        var result = await store.CommitAsync(Key, Covers(NewCover(11, 501, 7001, T0), NewCover(12, 502, 7002, T0.AddMinutes(1), "application")), Token);

        Assert.Equal(2, result.CoverVersionIds.Count);
        Assert.True(result.CoverVersionIds[1] > result.CoverVersionIds[0]);
        var versions = await store.GetLatestCoverVersionsAsync(Key, [12, 11], Token);
        Assert.Collection(
            versions,
            v =>
            {
                Assert.Equal((11L, 501L, "CreditLimit", "current", 7001L, T0), (v.CoverId, v.BuyerId, v.CoverType, v.SourceList, v.Fingerprint, v.ObservedAt));
                Assert.Equal(result.CoverVersionIds[0], v.VersionId);
                Assert.Equal("""{"coverId":11,"buyerId":501,"fingerprint":7001}""", Text(v.Payload));
            },
            v =>
            {
                Assert.Equal((12L, "application", T0.AddMinutes(1)), (v.CoverId, v.SourceList, v.ObservedAt));
                Assert.Equal(result.CoverVersionIds[1], v.VersionId);
            });
    }

    [Fact]
    public async Task A_cover_the_service_sent_without_a_type_or_with_a_NUL_in_it_is_synced_and_kept_as_sent()
    {
        var store = await CreateStoreAsync();
        var source = new FakeCoverSource();
        source.Covers.Add(Support.Covers.Decided(1, 100, 50000));
        source.Covers.Add(CoverModelFactory.CoverDecision(coverId: 2, customerId: 200417, policyId: "5012345", buyerId: 200, coverType: default(CoverType),
            status: CoverStatus.Referred, applicationAmount: new Money(80000, "EUR"), applicationDate: T0));
        source.Covers.Add(CoverModelFactory.CoverDecision(coverId: 3, customerId: 200417, policyId: "5012345", buyerId: 300, coverType: new CoverType("credit-limit\0"),
            code: new DecisionCode("DC01"), applicationAmount: new Money(60000, "EUR"), decisionDate: T0));
        var sync = new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Key }, Clock);

        var first = await sync.SyncAsync(new RecordingHandler(), Token);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await sync.SyncAsync(new RecordingHandler(), Token);

        Assert.Equal((3, 0), (first.CoverVersionsStored, second.CoverVersionsStored));
        var kept = await store.GetLatestCoverVersionsAsync(Key, [2, 3], Token);
        Assert.Equal(["", "credit-limit\uFFFD"], kept.Select(v => v.CoverType));
        Assert.Contains("credit-limit\\u0000", Text(kept[1].Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_fingerprints_hold_the_newest_version_of_each_cover_of_that_portfolio_in_cover_order()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, Covers(NewCover(30, 501, 1, T0), NewCover(10, 501, 2, T0), NewCover(20, 502, 3, T0)), Token);
        var second = await store.CommitAsync(Key, Covers(NewCover(10, 501, 22, T0.AddHours(1))), Token);
        await store.CommitAsync(OtherKey, Covers(NewCover(10, 501, 99, T0.AddHours(2))), Token);

        var fingerprints = await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync();

        Assert.Equal([10L, 20L, 30L], fingerprints.Select(f => f.CoverId));
        Assert.Equal([22L, 3L, 1L], fingerprints.Select(f => f.Fingerprint));
        Assert.Equal(second.CoverVersionIds[0], fingerprints[0].VersionId);
        Assert.Empty(await store.ReadLatestCoverFingerprintsAsync("200417/0000000", Token).ToListAsync());
    }

    [Fact]
    public async Task Latest_versions_skip_unknown_covers_and_return_the_newest_of_a_cover_committed_twice_at_once()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0), NewCover(10, 501, 2, T0.AddMinutes(5))), Token);

        var versions = await store.GetLatestCoverVersionsAsync(Key, [10, 404], Token);

        var version = Assert.Single(versions);
        Assert.Equal(2, version.Fingerprint);
        Assert.Empty(await store.GetLatestCoverVersionsAsync(Key, [], Token));
    }

    [Fact]
    public async Task Cover_versions_read_oldest_first_and_filter_by_buyer_cover_and_a_half_open_time_range()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 3, T0.AddHours(3)), NewCover(11, 502, 1, T0.AddHours(1))), Token);
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 2, T0.AddHours(2)), NewCover(10, 501, 4, T0.AddHours(4))), Token);
        await store.CommitAsync(OtherKey, Covers(NewCover(10, 501, 5, T0.AddHours(2))), Token);

        var all = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery(), Token).ToListAsync();
        var ofBuyer = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { BuyerId = 501 }, Token).ToListAsync();
        var ofCover = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { CoverId = 11 }, Token).ToListAsync();
        var inRange = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { From = T0.AddHours(2), To = T0.AddHours(4) }, Token).ToListAsync();

        Assert.Equal([1L, 2L, 3L, 4L], all.Select(v => v.Fingerprint));
        Assert.Equal([2L, 3L, 4L], ofBuyer.Select(v => v.Fingerprint));
        Assert.Equal([1L], ofCover.Select(v => v.Fingerprint));
        Assert.Equal([2L, 3L], inRange.Select(v => v.Fingerprint));
    }

    [Fact]
    public async Task A_range_bound_a_fraction_of_a_microsecond_after_a_version_leaves_it_before_the_range()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0), NewCover(10, 501, 2, T0.AddHours(1))), Token);

        var from = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { From = T0.AddTicks(1) }, Token).ToListAsync();
        var to = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { To = T0.AddTicks(1) }, Token).ToListAsync();

        Assert.Equal([2L], from.Select(v => v.Fingerprint));
        Assert.Equal([1L], to.Select(v => v.Fingerprint));
    }

    [Fact]
    public async Task Versions_observed_at_the_same_moment_read_in_the_order_they_were_committed()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0), NewCover(10, 501, 2, T0)), Token);
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 3, T0)), Token);

        var versions = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { CoverId = 10 }, Token).ToListAsync();

        Assert.Equal([1L, 2L, 3L], versions.Select(v => v.Fingerprint));
    }

    [Fact]
    public async Task Versions_read_with_the_one_before_them_get_their_covers_next_lower_version_also_from_before_the_range()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0), NewCover(11, 501, 2, T0)), Token);
        await store.CommitAsync(OtherKey, Covers(NewCover(10, 501, 9, T0.AddHours(1))), Token);
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 3, T0.AddHours(2)), NewCover(12, 502, 4, T0.AddHours(2))), Token);
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 5, T0.AddHours(2))), Token);
        var reader = Assert.IsAssignableFrom<IPreviousCoverVersionReader>(store);

        var inRange = await reader.ReadCoverVersionsWithPreviousAsync(Key, new CoverVersionQuery { From = T0.AddHours(1) }, Token).ToListAsync();
        var ofBuyer = await reader.ReadCoverVersionsWithPreviousAsync(Key, new CoverVersionQuery { BuyerId = 501 }, Token).ToListAsync();
        var plain = await store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { BuyerId = 501 }, Token).ToListAsync();

        Assert.Equal(
            [(3L, """{"coverId":10,"buyerId":501,"fingerprint":1}"""), (4L, ""), (5L, """{"coverId":10,"buyerId":501,"fingerprint":3}""")],
            inRange.Select(v => (v.Version.Fingerprint, Text(v.PreviousPayload))));
        Assert.Equal(plain.Select(v => v.VersionId), ofBuyer.Select(v => v.Version.VersionId));
        Assert.Equal([true, true, false, false], ofBuyer.Select(v => v.PreviousPayload.IsEmpty));
    }

    [Fact]
    public async Task Times_are_kept_in_utc_to_the_microsecond()
    {
        var store = await CreateStoreAsync();
        var observed = new DateTimeOffset(2026, 3, 1, 12, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, observed)), Token);

        var version = Assert.Single(await store.GetLatestCoverVersionsAsync(Key, [10], Token));
        Assert.Equal(TimeSpan.Zero, version.ObservedAt.Offset);
        Assert.Equal(observed.UtcTicks - 7, version.ObservedAt.UtcTicks);
    }

    [Fact]
    public async Task A_time_before_1970_is_kept_to_the_microsecond_at_or_before_it_like_any_other()
    {
        var store = await CreateStoreAsync();
        var observed = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1_234_567);

        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, observed)), Token);

        var version = Assert.Single(await store.GetLatestCoverVersionsAsync(Key, [10], Token));
        Assert.Equal(observed.UtcTicks - 7, version.ObservedAt.UtcTicks);
    }

    [Fact]
    public async Task Buyer_ratings_keep_every_version_and_expose_the_latest_per_buyer()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, new PortfolioCommit { BuyerRatingVersions = [Rating(502, 1, T0), Rating(501, 2, T0)] }, Token);
        var second = await store.CommitAsync(Key, new PortfolioCommit { BuyerRatingVersions = [Rating(501, 3, T0.AddDays(1))] }, Token);

        var fingerprints = await store.ReadLatestBuyerRatingFingerprintsAsync(Key, Token).ToListAsync();
        var latest = await store.GetLatestBuyerRatingVersionsAsync(Key, [501, 999], Token);

        Assert.Equal([(501L, 3L), (502L, 1L)], fingerprints.Select(f => (f.BuyerId, f.Fingerprint)));
        var rating = Assert.Single(latest);
        Assert.Equal((second.BuyerRatingVersionIds[0], 3L, T0.AddDays(1)), (rating.VersionId, rating.Fingerprint, rating.ObservedAt));
        Assert.Equal("""{"buyerId":501,"rating":3}""", Text(rating.Payload));
    }

    [Fact]
    public async Task Changes_are_linked_to_the_versions_of_their_commit_and_to_the_version_before()
    {
        var store = await CreateStoreAsync();
        var first = await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(10, 501, 1, T0)],
            BuyerRatingVersions = [Rating(501, 1, T0)],
            Changes = [new PortfolioChange { Kind = "NewDecision", CoverId = 10, BuyerId = 501, OccurredAt = T0, Payload = Json("{}") }],
        }, Token);
        var second = await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(10, 501, 2, T0.AddHours(1))],
            BuyerRatingVersions = [Rating(501, 2, T0.AddHours(1))],
            Changes =
            [
                new PortfolioChange { Kind = "AmountChanged", CoverId = 10, BuyerId = 501, OccurredAt = T0.AddHours(1), Payload = Json("""{"amount":50000}""") },
                new PortfolioChange { Kind = "BuyerRatingChanged", BuyerId = 501, OccurredAt = T0.AddHours(1) },
                new PortfolioChange { Kind = "PendingProcessStarted", CoverId = 77, OccurredAt = T0.AddHours(1) },
            ],
        }, Token);

        var changes = await store.ReadUndeliveredChangesAsync(Key, 10, Token);

        Assert.Equal(["NewDecision", "AmountChanged", "BuyerRatingChanged", "PendingProcessStarted"], changes.Select(c => c.Kind));
        Assert.Equal(first.ChangeIds.Concat(second.ChangeIds), changes.Select(c => c.ChangeId));
        Assert.Equal((first.CoverVersionIds[0], (long?)null), (changes[0].NewVersionId!.Value, changes[0].PreviousVersionId));
        Assert.Equal((second.CoverVersionIds[0], first.CoverVersionIds[0]), (changes[1].NewVersionId!.Value, changes[1].PreviousVersionId!.Value));
        Assert.Equal((second.BuyerRatingVersionIds[0], first.BuyerRatingVersionIds[0]), (changes[2].NewVersionId!.Value, changes[2].PreviousVersionId!.Value));
        Assert.Equal(((long?)null, (long?)null), (changes[3].NewVersionId, changes[3].PreviousVersionId));
        Assert.Equal("""{"amount":50000}""", Text(changes[1].Payload));
        Assert.Equal((10L, 501L, T0.AddHours(1)), (changes[1].CoverId!.Value, changes[1].BuyerId!.Value, changes[1].OccurredAt));
        Assert.True(changes[2].Payload.IsEmpty);
    }

    [Fact]
    public async Task A_cover_change_is_read_with_the_payloads_of_the_versions_it_refers_to_and_a_buyer_change_without()
    {
        var store = await CreateStoreAsync();
        await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(10, 501, 1, T0), NewCover(11, 501, 5, T0)],
            Changes = [new PortfolioChange { Kind = "NewDecision", CoverId = 10, BuyerId = 501, OccurredAt = T0 }],
        }, Token);
        await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(11, 501, 6, T0.AddHours(1)), NewCover(10, 501, 2, T0.AddHours(1))],
            BuyerRatingVersions = [Rating(501, 2, T0.AddHours(1))],
            Changes =
            [
                new PortfolioChange { Kind = "AmountChanged", CoverId = 10, BuyerId = 501, OccurredAt = T0.AddHours(1) },
                new PortfolioChange { Kind = "BuyerRatingChanged", BuyerId = 501, OccurredAt = T0.AddHours(1) },
            ],
        }, Token);

        var changes = await store.ReadUndeliveredChangesAsync(Key, 10, Token);

        Assert.Equal("""{"coverId":10,"buyerId":501,"fingerprint":1}""", Text(changes[0].NewVersionPayload));
        Assert.True(changes[0].PreviousVersionPayload.IsEmpty);
        Assert.Equal("""{"coverId":10,"buyerId":501,"fingerprint":2}""", Text(changes[1].NewVersionPayload));
        Assert.Equal("""{"coverId":10,"buyerId":501,"fingerprint":1}""", Text(changes[1].PreviousVersionPayload));
        Assert.True(changes[2].NewVersionPayload.IsEmpty);
        Assert.True(changes[2].PreviousVersionPayload.IsEmpty);
    }

    [Fact]
    public async Task Undelivered_changes_read_in_commit_order_up_to_the_limit_until_marked_delivered()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.CommitAsync(Key, new PortfolioCommit { Changes = [new PortfolioChange { Kind = $"K{i}", CoverId = i, OccurredAt = T0 }] }, Token);
        }

        await store.CommitAsync(OtherKey, new PortfolioCommit { Changes = [new PortfolioChange { Kind = "Other", CoverId = 1, OccurredAt = T0 }] }, Token);

        var firstRead = await store.ReadUndeliveredChangesAsync(Key, 2, Token);
        await store.MarkChangesDeliveredAsync(Key, firstRead[^1].ChangeId, Token);
        var secondRead = await store.ReadUndeliveredChangesAsync(Key, 10, Token);
        await store.MarkChangesDeliveredAsync(Key, firstRead[0].ChangeId, Token);
        var afterEarlierMark = await store.ReadUndeliveredChangesAsync(Key, 10, Token);
        await store.MarkChangesDeliveredAsync(Key, secondRead[^1].ChangeId, Token);

        Assert.Equal(["K0", "K1"], firstRead.Select(c => c.Kind));
        Assert.Equal(["K2", "K3", "K4"], secondRead.Select(c => c.Kind));
        Assert.Equal(["K2", "K3", "K4"], afterEarlierMark.Select(c => c.Kind));
        Assert.Empty(await store.ReadUndeliveredChangesAsync(Key, 10, Token));
        Assert.Equal(["Other"], (await store.ReadUndeliveredChangesAsync(OtherKey, 10, Token)).Select(c => c.Kind));
    }

    [Fact]
    public async Task Changes_announcing_many_new_covers_read_back_one_by_one_and_delivery_resumes_inside_them()
    {
        var store = await CreateStoreAsync();
        var initial = Json("""{"IsInitialLoad":true}""");
        PortfolioChange New(long coverId, long buyerId, byte[]? payload = null, string kind = "NewDecision", int hour = 0) =>
            new() { Kind = kind, CoverId = coverId, BuyerId = buyerId, OccurredAt = T0.AddHours(hour), Payload = payload ?? initial };
        await store.CommitAsync(OtherKey, new PortfolioCommit { CoverVersions = [NewCover(1, 101, 9, T0)], Changes = [New(1, 101)] }, Token);
        var first = await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [.. Enumerable.Range(1, 7).Select(i => NewCover(i, 100 + i, i, T0))],
            Changes =
            [
                New(1, 101), New(2, 102), New(3, 103),
                New(4, 104, Json("{}")),
                New(5, 105), New(6, 106, kind: "Decided"),
                new PortfolioChange { Kind = "PendingProcessStarted", CoverId = 77, OccurredAt = T0 },
                New(7, 999),
            ],
        }, Token);
        await store.CommitAsync(OtherKey, new PortfolioCommit { CoverVersions = [NewCover(2, 102, 9, T0)], Changes = [New(2, 102)] }, Token);
        var second = await store.CommitAsync(Key, new PortfolioCommit
        {
            CoverVersions = [NewCover(8, 108, 8, T0.AddHours(1)), NewCover(2, 102, 20, T0.AddHours(1)), NewCover(9, 109, 9, T0.AddHours(1))],
            Changes = [New(8, 108, hour: 1), new PortfolioChange { Kind = "AmountChanged", CoverId = 2, BuyerId = 102, OccurredAt = T0.AddHours(1) }, New(9, 109, hour: 1)],
        }, Token);

        var all = await store.ReadUndeliveredChangesAsync(Key, 100, Token);

        Assert.Equal(first.ChangeIds.Concat(second.ChangeIds), all.Select(c => c.ChangeId));
        Assert.Equal(all.Select(c => c.ChangeId).Distinct().Order(), all.Select(c => c.ChangeId));
        Assert.Equal(["NewDecision", "NewDecision", "NewDecision", "NewDecision", "NewDecision", "Decided", "PendingProcessStarted", "NewDecision", "NewDecision", "AmountChanged", "NewDecision"], all.Select(c => c.Kind));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 77L, 7L, 8L, 2L, 9L], all.Select(c => c.CoverId!.Value));
        Assert.Equal([101L, 102L, 103L, 104L, 105L, 106L, null, 999L, 108L, 102L, 109L], all.Select(c => c.BuyerId));
        Assert.Equal(first.CoverVersionIds.Take(6).Cast<long?>().Append(null).Append(first.CoverVersionIds[6]).Concat(second.CoverVersionIds.Cast<long?>()), all.Select(c => c.NewVersionId));
        Assert.Equal(Enumerable.Repeat<long?>(null, 9).Append(first.CoverVersionIds[1]).Append(null), all.Select(c => c.PreviousVersionId));
        Assert.Equal(["{\"IsInitialLoad\":true}", "{\"IsInitialLoad\":true}", "{\"IsInitialLoad\":true}", "{}"], all.Take(4).Select(c => Text(c.Payload)));
        Assert.All(all.Take(6), c => Assert.Equal($$"""{"coverId":{{c.CoverId}},"buyerId":{{c.BuyerId}},"fingerprint":{{c.CoverId}}}""", Text(c.NewVersionPayload)));
        Assert.True(all[6].NewVersionPayload.IsEmpty);
        Assert.Equal("""{"coverId":2,"buyerId":102,"fingerprint":2}""", Text(all[9].PreviousVersionPayload));
        Assert.All(all, c => Assert.Equal(c.ChangeId < second.ChangeIds[0] ? T0 : T0.AddHours(1), c.OccurredAt));

        await store.MarkChangesDeliveredAsync(Key, first.ChangeIds[1], Token);
        var resumed = await store.ReadUndeliveredChangesAsync(Key, 2, Token);
        await store.MarkChangesDeliveredAsync(Key, resumed[^1].ChangeId, Token);
        var rest = await store.ReadUndeliveredChangesAsync(Key, 100, Token);

        Assert.Equal([first.ChangeIds[2], first.ChangeIds[3]], resumed.Select(c => c.ChangeId));
        Assert.Equal([3L, 4L], resumed.Select(c => c.CoverId!.Value));
        Assert.Equal(all.Skip(4).Select(c => c.ChangeId), rest.Select(c => c.ChangeId));
        Assert.Equal([1L, 2L], (await store.ReadUndeliveredChangesAsync(OtherKey, 100, Token)).Select(c => c.CoverId!.Value));
    }

    [Fact]
    public async Task Sync_state_is_written_by_a_commit_that_carries_one_and_kept_by_one_that_does_not()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetSyncStateAsync(Key, Token));

        await store.CommitAsync(Key, new PortfolioCommit
        {
            SyncState = new PortfolioSyncState { LastFullReconciliationAt = T0, LastSyncAt = T0.AddMinutes(1), LastFromDate = T0.AddDays(-1), RunCount = 3, Payload = Json("""{"cursor":"x"}""") },
        }, Token);
        await store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0)), Token);

        var state = await store.GetSyncStateAsync(Key, Token);
        Assert.NotNull(state);
        Assert.Equal((T0, T0.AddMinutes(1), T0.AddDays(-1), 3L), (state.LastFullReconciliationAt!.Value, state.LastSyncAt!.Value, state.LastFromDate!.Value, state.RunCount));
        Assert.Equal("""{"cursor":"x"}""", Text(state.Payload));
        Assert.Null(await store.GetSyncStateAsync(OtherKey, Token));

        await store.CommitAsync(Key, new PortfolioCommit { SyncState = new PortfolioSyncState { RunCount = 4 } }, Token);
        var replaced = await store.GetSyncStateAsync(Key, Token);
        Assert.Equal((4L, (DateTimeOffset?)null), (replaced!.RunCount, replaced.LastFullReconciliationAt));
    }

    [Fact]
    public async Task Batch_item_keys_longer_than_a_database_index_row_are_recorded_found_and_moved_like_any_other()
    {
        var store = await CreateStoreAsync();
        // 12,800 characters that do not compress, against the 2,704 bytes a PostgreSQL index row holds: two such keys
        // differ in their last character only.
        var body = string.Concat(Enumerable.Range(0, 400).Select(i => Guid.NewGuid().ToString("N")));
        var (first, second) = (body + "1", body + "2");

        var added = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = first, ItemIndex = 0 }, new NewBatchItem { ItemKey = second, ItemIndex = 1 }], Token);
        var addedAgain = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = second, ItemIndex = 1 }, new NewBatchItem { ItemKey = "short", ItemIndex = 2 }], Token);
        var sent = await store.TryTransitionBatchItemAsync("batch-1", second, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);

        Assert.Equal((2, 1), (added, addedAgain));
        Assert.Equal((second, BatchItemState.InFlight), (sent!.ItemKey, sent.State));
        Assert.Equal(
            [(first, BatchItemState.Pending), (second, BatchItemState.InFlight), ("short", BatchItemState.Pending)],
            (await store.GetBatchItemsAsync("batch-1", Token)).Select(i => (i.ItemKey, i.State)));
    }

    [Fact]
    public async Task A_batch_item_move_that_expects_an_attempt_count_is_made_only_after_that_many_attempts()
    {
        var store = await CreateStoreAsync();
        await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }], Token);
        await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);
        await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Pending }, Token);
        await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);

        var stale = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done, CoverId = 1, ExpectedAttemptCount = 1 }, Token);
        var current = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Done, CoverId = 2, ExpectedAttemptCount = 2 }, Token);
        var negative = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Done, new BatchItemTransition { State = BatchItemState.Done, ExpectedAttemptCount = -1 }, Token));

        Assert.Null(stale);
        Assert.Equal((BatchItemState.Done, (long?)2, 2), (current!.State, current.CoverId, current.AttemptCount));
        Assert.Equal("transition", negative.ParamName);
    }

    [Fact]
    public async Task Portfolio_keys_batch_ids_report_names_and_lease_names_at_their_longest_are_kept_as_written()
    {
        var store = await CreateStoreAsync();
        // Characters of three bytes in UTF-8 that do not compress: the most bytes a key of that length can take.
        var random = new Random(20261205);
        string Longest(int length) => new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x4E00, 0x9FFF)).ToArray());
        var (portfolioKey, batchId, reportName) = (Longest(500), Longest(500), Longest(500));
        var (resource, holderId) = (Longest(800), Longest(800));

        await store.CommitAsync(portfolioKey, Covers(NewCover(11, 501, 7001, T0)), Token);
        await store.AddBatchItemsAsync(batchId, [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }], Token);
        await store.SaveReportRunAsync(new ReportRun { ReportName = reportName, LastRunAt = T0, Payload = Json("{}") }, Token);
        var lease = await store.TryAcquireLeaseAsync(resource, holderId, TimeSpan.FromMinutes(1), Token);

        Assert.Equal([11L], (await store.ReadLatestCoverFingerprintsAsync(portfolioKey, Token).ToListAsync()).Select(f => f.CoverId));
        Assert.Equal(["a"], (await store.GetBatchItemsAsync(batchId, Token)).Select(i => i.ItemKey));
        Assert.Equal(reportName, (await store.GetReportRunAsync(reportName, Token))!.ReportName);
        Assert.Equal((resource, holderId), (lease!.Resource, lease.HolderId));
    }

    [Fact]
    public async Task A_key_one_character_longer_than_a_store_keeps_is_refused_naming_it_before_anything_is_written()
    {
        var store = await CreateStoreAsync();
        var (tooLongKey, tooLongName) = (new string('k', 501), new string('l', 801));

        var portfolio = await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(tooLongKey, Covers(NewCover(11, 501, 7001, T0)), Token));
        var batch = await Assert.ThrowsAsync<ArgumentException>(() => store.AddBatchItemsAsync(tooLongKey, [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }], Token));
        var report = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveReportRunAsync(new ReportRun { ReportName = tooLongKey, LastRunAt = T0, Payload = Json("{}") }, Token));
        var resource = await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireLeaseAsync(tooLongName, "host-a", TimeSpan.FromMinutes(1), Token));
        var holder = await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireLeaseAsync("sync", tooLongName, TimeSpan.FromMinutes(1), Token));

        Assert.Equal(("portfolioKey", "batchId", "run", "resource", "holderId"), (portfolio.ParamName, batch.ParamName, report.ParamName, resource.ParamName, holder.ParamName));
        Assert.Contains("portfolioKey must be at most 500 characters long; it has 501.", portfolio.Message, StringComparison.Ordinal);
        Assert.Contains("run.ReportName must be at most 500 characters long", report.Message, StringComparison.Ordinal);
        Assert.Contains("resource must be at most 800 characters long; it has 801.", resource.Message, StringComparison.Ordinal);
        Assert.NotNull(await store.TryAcquireLeaseAsync("sync", "host-a", TimeSpan.FromMinutes(1), Token));
    }

    [Fact]
    public async Task A_report_name_holding_a_NUL_character_is_refused_naming_the_run()
    {
        var store = await CreateStoreAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveReportRunAsync(new ReportRun { ReportName = "exposure\0", LastRunAt = T0, Payload = Json("{}") }, Token));

        Assert.Equal("run", refused.ParamName);
        Assert.Contains("run.ReportName must not contain a NUL character", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_item_key_or_batch_id_holding_a_NUL_character_is_refused_naming_it_before_anything_is_recorded()
    {
        var store = await CreateStoreAsync();

        var badKey = await Assert.ThrowsAsync<ArgumentException>(() => store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }, new NewBatchItem { ItemKey = "b\0c", ItemIndex = 1 }], Token));
        var badBatch = await Assert.ThrowsAsync<ArgumentException>(() => store.AddBatchItemsAsync("batch\0", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }], Token));
        var badTransition = await Assert.ThrowsAsync<ArgumentException>(() => store.TryTransitionBatchItemAsync("batch-1", "a\0", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token));

        Assert.Equal("items", badKey.ParamName);
        Assert.Contains("items[1].ItemKey must not contain a NUL character", badKey.Message, StringComparison.Ordinal);
        Assert.Equal(("batchId", "itemKey"), (badBatch.ParamName, badTransition.ParamName));
        Assert.Empty(await store.GetBatchItemsAsync("batch-1", Token));
    }

    [Fact]
    public async Task A_batch_item_key_holding_half_a_surrogate_pair_is_refused_and_a_whole_pair_is_kept_as_written()
    {
        var store = await CreateStoreAsync();
        var whole = "buyer \uD83D\uDE00 ref";

        var highAlone = await Assert.ThrowsAsync<ArgumentException>(() => store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = whole, ItemIndex = 0 }, new NewBatchItem { ItemKey = "a\uD800b", ItemIndex = 1 }], Token));
        var lowAlone = await Assert.ThrowsAsync<ArgumentException>(() => store.TryTransitionBatchItemAsync("batch-1", "\uDC00a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token));
        Assert.Empty(await store.GetBatchItemsAsync("batch-1", Token));
        await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = whole, ItemIndex = 0 }], Token);
        var sent = await store.TryTransitionBatchItemAsync("batch-1", whole, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);

        Assert.Equal("items", highAlone.ParamName);
        Assert.Contains("items[1].ItemKey must not contain half a surrogate pair (U+D800).", highAlone.Message, StringComparison.Ordinal);
        Assert.Equal("itemKey", lowAlone.ParamName);
        Assert.Equal(whole, sent!.ItemKey);
        Assert.Equal(whole, Assert.Single(await store.GetBatchItemsAsync("batch-1", Token)).ItemKey);
    }

    [Fact]
    public async Task Batch_items_are_added_only_once_and_a_rerun_leaves_recorded_items_alone()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "b", ItemIndex = 1 }, new NewBatchItem { ItemKey = "a", ItemIndex = 0 }], Token);
        await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);

        var addedAgain = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }, new NewBatchItem { ItemKey = "c", ItemIndex = 2 }], Token);
        var items = await store.GetBatchItemsAsync("batch-1", Token);

        Assert.Equal((2, 1), (added, addedAgain));
        Assert.Equal(["a", "b", "c"], items.Select(i => i.ItemKey));
        Assert.Equal([BatchItemState.InFlight, BatchItemState.Pending, BatchItemState.Pending], items.Select(i => i.State));
        Assert.Equal([1, 0, 0], items.Select(i => i.AttemptCount));
        Assert.All(items, i => Assert.Equal(("batch-1", T0), (i.BatchId, i.UpdatedAt)));
        Assert.Empty(await store.GetBatchItemsAsync("batch-2", Token));
    }

    [Fact]
    public async Task Items_a_rerun_adds_are_numbered_after_the_highest_index_the_batch_holds()
    {
        var store = await CreateStoreAsync();
        await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }, new NewBatchItem { ItemKey = "b", ItemIndex = 1 }, new NewBatchItem { ItemKey = "c", ItemIndex = 2 }], Token);

        // A re-run numbers its input from 0 again, finished items left out: its new items must not take "a"'s or "c"'s index.
        var added = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "x", ItemIndex = 0 }, new NewBatchItem { ItemKey = "b", ItemIndex = 1 }, new NewBatchItem { ItemKey = "y", ItemIndex = 2 }], Token);
        await store.AddBatchItemsAsync("batch-2", [new NewBatchItem { ItemKey = "z", ItemIndex = 4 }], Token);

        Assert.Equal(2, added);
        Assert.Equal([("a", 0), ("b", 1), ("c", 2), ("x", 3), ("y", 4)], (await store.GetBatchItemsAsync("batch-1", Token)).Select(i => (i.ItemKey, i.ItemIndex)));
        Assert.Equal(("z", 0), (await store.GetBatchItemsAsync("batch-2", Token)).Select(i => (i.ItemKey, i.ItemIndex)).Single());
    }

    [Fact]
    public async Task A_first_add_with_gapped_or_unordered_indexes_is_numbered_from_0_in_their_order()
    {
        var store = await CreateStoreAsync();

        var added = await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "c", ItemIndex = 9 }, new NewBatchItem { ItemKey = "a", ItemIndex = 0 }, new NewBatchItem { ItemKey = "b", ItemIndex = 5 }, new NewBatchItem { ItemKey = "c", ItemIndex = 2 }], Token);

        Assert.Equal(3, added);
        Assert.Equal([("a", 0), ("b", 1), ("c", 2)], (await store.GetBatchItemsAsync("batch-1", Token)).Select(i => (i.ItemKey, i.ItemIndex)));
    }

    [Fact]
    public async Task Callers_adding_to_one_batch_at_once_get_indexes_of_their_own()
    {
        var store = await CreateStoreAsync();
        await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "first", ItemIndex = 0 }], Token);
        const int Callers = 8;

        using var start = new SemaphoreSlim(0, Callers);
        var adds = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            await start.WaitAsync(Token);
            return await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = $"{caller}-a", ItemIndex = 0 }, new NewBatchItem { ItemKey = $"{caller}-b", ItemIndex = 1 }], Token);
        })).ToList();
        start.Release(Callers);
        await Task.WhenAll(adds);

        var items = (await store.GetBatchItemsAsync("batch-1", Token)).ToDictionary(i => i.ItemKey, i => i.ItemIndex);
        Assert.Equal(Enumerable.Range(0, 1 + (2 * Callers)), items.Values.Order());
        // Each call's items are numbered together, in its order.
        Assert.All(Enumerable.Range(0, Callers), caller => Assert.Equal(items[$"{caller}-a"] + 1, items[$"{caller}-b"]));
    }

    [Fact]
    public async Task A_batch_item_moves_only_from_the_expected_state_and_keeps_what_a_transition_leaves_out()
    {
        var store = await CreateStoreAsync();
        await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }], Token);

        var sent = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);
        var wrongState = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);
        Clock.Advance(TimeSpan.FromSeconds(5));
        var ambiguous = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous, Outcome = Json("""{"status":504}""") }, Token);
        var done = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Ambiguous, new BatchItemTransition { State = BatchItemState.Done, CoverId = 9001 }, Token);
        var unknown = await store.TryTransitionBatchItemAsync("batch-1", "zzz", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token);

        Assert.Equal((BatchItemState.InFlight, 1), (sent!.State, sent.AttemptCount));
        Assert.Null(wrongState);
        Assert.Equal((BatchItemState.Ambiguous, 1, T0.AddSeconds(5)), (ambiguous!.State, ambiguous.AttemptCount, ambiguous.UpdatedAt));
        Assert.Equal((BatchItemState.Done, 9001L, """{"status":504}"""), (done!.State, done.CoverId!.Value, Text(done.Outcome)));
        Assert.Null(unknown);
        var stored = Assert.Single(await store.GetBatchItemsAsync("batch-1", Token));
        Assert.Equal((BatchItemState.Done, 9001L, 1), (stored.State, stored.CoverId!.Value, stored.AttemptCount));
    }

    [Fact]
    public async Task Of_runners_racing_to_send_one_batch_item_exactly_one_wins()
    {
        var store = await CreateStoreAsync();
        await store.AddBatchItemsAsync("batch-1", Enumerable.Range(0, 20).Select(i => new NewBatchItem { ItemKey = $"item-{i}", ItemIndex = i }), Token);

        var wins = await Task.WhenAll(Enumerable.Range(0, 20).SelectMany(i => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            await store.TryTransitionBatchItemAsync("batch-1", $"item-{i}", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, Token) is not null))));

        Assert.Equal(20, wins.Count(won => won));
        Assert.All(await store.GetBatchItemsAsync("batch-1", Token), item => Assert.Equal((BatchItemState.InFlight, 1), (item.State, item.AttemptCount)));
    }

    [Fact]
    public async Task A_lease_is_refused_to_another_holder_until_it_expires_then_taken_over_with_a_larger_fencing_token()
    {
        var store = await CreateStoreAsync();
        var first = await store.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromSeconds(30), Token);
        var refused = await store.TryAcquireLeaseAsync("sync:" + Key, "host-b", TimeSpan.FromSeconds(30), Token);
        var otherResource = await store.TryAcquireLeaseAsync("sync:" + OtherKey, "host-b", TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(10));
        var extended = await store.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(29));
        var stillRefused = await store.TryAcquireLeaseAsync("sync:" + Key, "host-b", TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(2));
        var takenOver = await store.TryAcquireLeaseAsync("sync:" + Key, "host-b", TimeSpan.FromSeconds(30), Token);

        Assert.NotNull(first);
        Assert.Equal(("sync:" + Key, "host-a", T0.AddSeconds(30)), (first.Resource, first.HolderId, first.ExpiresAt));
        Assert.Null(refused);
        Assert.NotNull(otherResource);
        Assert.Equal((first.FencingToken, T0.AddSeconds(40)), (extended!.FencingToken, extended.ExpiresAt));
        Assert.Null(stillRefused);
        Assert.Equal("host-b", takenOver!.HolderId);
        Assert.True(takenOver.FencingToken > first.FencingToken);
        Assert.Null(await store.RenewLeaseAsync(extended, TimeSpan.FromSeconds(30), Token));
        Assert.False(await store.ReleaseLeaseAsync(extended, Token));
    }

    [Fact]
    public async Task A_renewed_lease_holds_longer_and_a_released_one_is_free_at_once()
    {
        var store = await CreateStoreAsync();
        var lease = await store.TryAcquireLeaseAsync("monitor", "host-a", TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(20));
        var renewed = await store.RenewLeaseAsync(lease!, TimeSpan.FromSeconds(30), Token);
        Clock.Advance(TimeSpan.FromSeconds(20));
        var refused = await store.TryAcquireLeaseAsync("monitor", "host-b", TimeSpan.FromSeconds(30), Token);

        var released = await store.ReleaseLeaseAsync(renewed!, Token);
        var renewedAfterRelease = await store.RenewLeaseAsync(renewed!, TimeSpan.FromSeconds(30), Token);
        var taken = await store.TryAcquireLeaseAsync("monitor", "host-b", TimeSpan.FromSeconds(30), Token);

        Assert.Equal((lease!.FencingToken, T0.AddSeconds(50)), (renewed!.FencingToken, renewed.ExpiresAt));
        Assert.Null(refused);
        Assert.True(released);
        Assert.Null(renewedAfterRelease);
        Assert.True(taken!.FencingToken > renewed.FencingToken);
    }

    [Fact]
    public async Task Of_holders_racing_for_a_free_lease_exactly_one_gets_it()
    {
        var store = await CreateStoreAsync();
        await store.InitializeAsync(Token);

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.TryAcquireLeaseAsync("sync", $"host-{i}", TimeSpan.FromMinutes(1), Token))));

        Assert.Single(leases, lease => lease is not null);
    }

    [Fact]
    public async Task A_report_run_is_saved_and_replaced_by_the_next()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetReportRunAsync("exposure", Token));

        await store.SaveReportRunAsync(new ReportRun { ReportName = "exposure", LastRunAt = T0, Payload = Json("""{"buyers":2000}""") }, Token);
        await store.SaveReportRunAsync(new ReportRun { ReportName = "exposure", LastRunAt = T0.AddDays(1), Payload = Json("""{"buyers":2001}""") }, Token);

        var run = await store.GetReportRunAsync("exposure", Token);
        Assert.Equal(("exposure", T0.AddDays(1), """{"buyers":2001}"""), (run!.ReportName, run.LastRunAt, Text(run.Payload)));
    }

    [Fact]
    public async Task A_commit_under_a_lease_is_kept_while_the_lease_is_held_and_refused_whole_once_another_holder_took_it_over()
    {
        var store = await CreateStoreAsync();
        var lease = await store.TryAcquireLeaseAsync("sync:" + Key, "host-a", TimeSpan.FromSeconds(30), Token);
        var held = await store.CommitAsync(Key, new PortfolioCommit { CoverVersions = [NewCover(10, 501, 1, T0)], Lease = lease }, Token);

        // Past its expiry, a lease nobody took is still its holder's.
        Clock.Advance(TimeSpan.FromSeconds(31));
        var expiredNotTaken = await store.CommitAsync(Key, new PortfolioCommit { CoverVersions = [NewCover(11, 501, 2, T0)], Lease = lease }, Token);

        // The holder was paused past its lease, and another took it over.
        var takenOver = await store.TryAcquireLeaseAsync("sync:" + Key, "host-b", TimeSpan.FromSeconds(30), Token);
        var refused = await Assert.ThrowsAsync<PortfolioLeaseLostException>(() => store.CommitAsync(
            Key,
            new PortfolioCommit
            {
                CoverVersions = [NewCover(10, 501, 3, T0.AddMinutes(1))],
                Changes = [new PortfolioChange { Kind = "AmountChanged", CoverId = 10, OccurredAt = T0.AddMinutes(1), Payload = Json("{}") }],
                SyncState = new PortfolioSyncState { LastSyncAt = T0.AddMinutes(1), RunCount = 7 },
                Lease = lease,
            },
            Token));

        Assert.Single(held.CoverVersionIds);
        Assert.Single(expiredNotTaken.CoverVersionIds);
        Assert.True(takenOver!.FencingToken > lease!.FencingToken);
        Assert.Equal(("sync:" + Key, "host-a", lease.FencingToken), (refused.Resource, refused.HolderId, refused.FencingToken));
        Assert.Equal([(10L, 1L), (11L, 2L)], (await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync()).Select(f => (f.CoverId, f.Fingerprint)));
        Assert.Empty(await store.ReadUndeliveredChangesAsync(Key, 10, Token));
        Assert.Null(await store.GetSyncStateAsync(Key, Token));
        Assert.Single((await store.CommitAsync(Key, new PortfolioCommit { CoverVersions = [NewCover(10, 501, 3, T0)], Lease = takenOver }, Token)).CoverVersionIds);
    }

    [Fact]
    public async Task A_batch_transition_under_a_lease_taken_over_is_refused_and_leaves_the_item_as_it_was()
    {
        var store = await CreateStoreAsync();
        await store.AddBatchItemsAsync("batch-1", [new NewBatchItem { ItemKey = "a", ItemIndex = 0 }, new NewBatchItem { ItemKey = "b", ItemIndex = 1 }], Token);
        var lease = await store.TryAcquireLeaseAsync("batch/batch-1", "run-1", TimeSpan.FromSeconds(30), Token);
        var sent = await store.TryTransitionBatchItemAsync("batch-1", "a", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight, Lease = lease }, Token);

        Clock.Advance(TimeSpan.FromSeconds(31));
        var takenOver = await store.TryAcquireLeaseAsync("batch/batch-1", "run-2", TimeSpan.FromSeconds(30), Token);
        var refused = await Assert.ThrowsAsync<PortfolioLeaseLostException>(() =>
            store.TryTransitionBatchItemAsync("batch-1", "b", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight, Lease = lease }, Token));

        Assert.Equal((BatchItemState.InFlight, 1), (sent!.State, sent.AttemptCount));
        Assert.Equal("batch/batch-1", refused.Resource);
        Assert.Equal(
            [(BatchItemState.InFlight, 1), (BatchItemState.Pending, 0)],
            (await store.GetBatchItemsAsync("batch-1", Token)).Select(i => (i.State, i.AttemptCount)));
        Assert.NotNull(await store.TryTransitionBatchItemAsync("batch-1", "b", BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight, Lease = takenOver }, Token));
    }

    [Fact]
    public async Task A_report_run_saved_under_a_lease_taken_over_is_refused_and_the_run_recorded_before_stays()
    {
        var store = await CreateStoreAsync();
        var lease = await store.TryAcquireLeaseAsync("report/exposure", "host-a", TimeSpan.FromSeconds(30), Token);
        await store.SaveReportRunAsync(new ReportRun { ReportName = "exposure", LastRunAt = T0, Payload = Json("""{"buyers":2000}"""), Lease = lease }, Token);

        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.NotNull(await store.TryAcquireLeaseAsync("report/exposure", "host-b", TimeSpan.FromSeconds(30), Token));
        await Assert.ThrowsAsync<PortfolioLeaseLostException>(() =>
            store.SaveReportRunAsync(new ReportRun { ReportName = "exposure", LastRunAt = T0.AddDays(1), Payload = Json("""{"buyers":2001}"""), Lease = lease }, Token));

        var run = await store.GetReportRunAsync("exposure", Token);
        Assert.Equal((T0, """{"buyers":2000}"""), (run!.LastRunAt, Text(run.Payload)));
        Assert.Null(run.Lease);
    }

    [Fact]
    public async Task A_cancelled_commit_writes_nothing()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(Key, Covers(NewCover(10, 501, 1, T0)), cancelled.Token));

        Assert.Empty(await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync());
    }

    [Fact]
    public async Task A_lease_longer_than_49_days_is_refused_naming_the_duration_and_leaves_the_lease_as_it_was()
    {
        var store = await CreateStoreAsync();
        var lease = await store.TryAcquireLeaseAsync("sync", "host-a", TimerLimit.Longest, Token);
        Assert.NotNull(lease);
        Assert.Equal(T0 + TimerLimit.Longest, lease.ExpiresAt);

        // TimeSpan.MaxValue overflowed "now + duration" in the stores, with an error naming no argument.
        foreach (var duration in new[] { TimerLimit.Longest + TimeSpan.FromTicks(1), TimeSpan.FromDays(3650), TimeSpan.MaxValue })
        {
            Assert.Equal("duration", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryAcquireLeaseAsync("other", "host-b", duration, Token))).ParamName);
            Assert.Equal("duration", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryAcquireLeaseAsync("sync", "host-a", duration, Token))).ParamName);
            Assert.Equal("duration", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RenewLeaseAsync(lease, duration, Token))).ParamName);
        }

        var renewed = await store.RenewLeaseAsync(lease, TimerLimit.Longest, Token);
        Assert.Equal((lease.FencingToken, lease.ExpiresAt), (renewed!.FencingToken, renewed.ExpiresAt));
        Assert.NotNull(await store.TryAcquireLeaseAsync("other", "host-b", TimeSpan.FromSeconds(30), Token));
    }

    [Fact]
    public async Task Bad_arguments_fail_naming_the_argument_before_anything_is_written()
    {
        var store = await CreateStoreAsync();

        Assert.Equal("portfolioKey", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CommitAsync(" ", new PortfolioCommit(), Token))).ParamName);
        Assert.Equal("portfolioKey", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.GetSyncStateAsync(null!, Token))).ParamName);
        var badCover = await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(Key, Covers(NewCover(1, 1, 1, T0), new CoverVersion { CoverId = 2, CoverType = "credit-limit\0", SourceList = "current" }), Token));
        Assert.Equal("commit", badCover.ParamName);
        Assert.Contains("CoverVersions[1].CoverType must not contain a NUL character", badCover.Message, StringComparison.Ordinal);
        Assert.Equal("commit", (await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(Key, new PortfolioCommit { Changes = [new PortfolioChange { Kind = "X" }] }, Token))).ParamName);
        Assert.Equal("maxCount", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadUndeliveredChangesAsync(Key, 0, Token))).ParamName);
        Assert.Equal("query", (await Assert.ThrowsAsync<ArgumentException>(() => store.ReadCoverVersionsAsync(Key, new CoverVersionQuery { From = T0, To = T0.AddDays(-1) }, Token).ToListAsync())).ParamName);
        Assert.Equal("duration", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryAcquireLeaseAsync("sync", "host-a", TimeSpan.Zero, Token))).ParamName);
        Assert.Equal("holderId", (await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireLeaseAsync("sync", "", TimeSpan.FromSeconds(1), Token))).ParamName);
        Assert.Equal("items", (await Assert.ThrowsAsync<ArgumentException>(() => store.AddBatchItemsAsync("batch", [new NewBatchItem { ItemKey = "" }], Token))).ParamName);
        Assert.Equal("expectedState", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryTransitionBatchItemAsync("batch", "a", (BatchItemState)42, new BatchItemTransition(), Token))).ParamName);
        Assert.Equal("run", (await Assert.ThrowsAsync<ArgumentException>(() => store.SaveReportRunAsync(new ReportRun(), Token))).ParamName);

        Assert.Empty(await store.ReadLatestCoverFingerprintsAsync(Key, Token).ToListAsync());
    }
}
