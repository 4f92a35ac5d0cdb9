using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.History;

public sealed class CoverHistoryTests
{
    private readonly FakeCoverSource source = new();
    private readonly InMemoryCoverPortfolioStore store = new();
    private readonly FakeTimeProvider clock = new(Portfolios.T0);

    private async Task SyncAsync()
    {
        await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key }, clock)
            .SyncAsync(new RecordingHandler(), forceFullReconciliation: true, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(1));
    }

    // The built-in stores read each version with the one before it in one query; a store of the user's own (here a
    // wrapper that offers only the public contract) has each previous version looked up.
    private ICoverPortfolioStore HistoryStore(bool ofItsOwn) => ofItsOwn ? new KillableStore(store) : store;

    [Fact]
    public async Task A_covers_history_is_the_services_older_versions_then_every_version_seen_oldest_first_with_what_changed()
    {
        var superseded = CoverModelFactory.CoverDecision(coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"), historicCode: new HistoricCode("SCLD"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(30000, "EUR")), decisionDate: Portfolios.T0.AddYears(-1));
        source.Historic.Add(superseded);
        source.Historic.Add(Covers.Decided(9, 900, 1000, historic: "CCLD"));
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        await SyncAsync();
        source.Replace(Covers.Decided(1, 100, 40000, code: "DC21", pending: "F"));
        await SyncAsync();
        source.Replace(Covers.Decided(1, 100, 25000, code: "DC09"));
        await SyncAsync();

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal([CoverHistory.ServiceHistoric, "current", "current", "current"], history.Select(h => h.Source));
        Assert.Equal([30000m, 50000m, 40000m, 25000m], history.Select(h => h.Cover.DecidedAmount!.Value));
        Assert.Empty(history[0].Kinds);
        Assert.Contains(CoverChangeKind.ReductionNotified, history[2].Kinds);
        Assert.Contains(history[3].FieldChanges, f => f is { Field: "DecisionCode", Before: "DC21", After: "DC09" });
        Assert.Contains(CoverChangeKind.ReductionInEffect, history[3].Kinds);
    }

    [Theory]
    [InlineData(0, 1, "buyerId")]
    [InlineData(100, 0, "coverId")]
    [InlineData(100, -1, "coverId")]
    public async Task A_cover_history_for_an_id_that_is_not_positive_fails_naming_it_before_the_service_is_read(long buyerId, long coverId, string argument)
    {
        var history = new CoverHistory(store, Portfolios.Key, source);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => history.GetCoverHistoryAsync(buyerId, coverId, TestContext.Current.CancellationToken));

        Assert.Equal(argument, error.ParamName);
        Assert.Equal(0, source.HistoricReads);
    }

    // Before, a cover's first version had no change kind in its history, where the sync had reported NewDecision (or
    // Referred) for the same observation.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_covers_first_version_carries_the_change_kind_the_sync_reported_for_it(bool storeOfItsOwn)
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Applications.Add(Covers.Referred(2, 100, 20000));
        source.Historic.Add(Covers.Decided(3, 100, 10000, historic: "CCLD"));
        var handler = new RecordingHandler();
        var from = clock.GetUtcNow();
        await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key }, clock)
            .SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(1));
        var history = new CoverHistory(HistoryStore(storeOfItsOwn), Portfolios.Key, source);

        var buyer = await history.GetBuyerHistoryAsync(100, TestContext.Current.CancellationToken);
        var range = await history.ReadPortfolioHistoryAsync(from, clock.GetUtcNow(), TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([CoverChangeKind.NewDecision], handler.KindsFor(1));
        Assert.Equal([CoverChangeKind.Referred], handler.KindsFor(2));
        Assert.Equal(handler.KindsFor(1), Assert.Single(buyer, e => e.CoverId == 1).Kinds);
        Assert.Equal(handler.KindsFor(2), Assert.Single(buyer, e => e.CoverId == 2).Kinds);
        Assert.Equal(handler.KindsFor(1), Assert.Single(range, e => e.CoverId == 1).Kinds);
        Assert.Equal(handler.KindsFor(2), Assert.Single(range, e => e.CoverId == 2).Kinds);
        // A version only the service knows, ended and followed by nothing, is a cover first seen ended.
        var ended = Assert.Single(buyer, e => e.CoverId == 3);
        Assert.Equal(CoverHistory.ServiceHistoric, ended.Source);
        Assert.Equal([CoverChangeKind.CoverEnded], ended.Kinds);
        Assert.All(buyer, e => Assert.Empty(e.FieldChanges));
    }

    // A supersede that keeps the cover id: the store saw 50000, then 40000; the service keeps the replaced 50000 in
    // GET /covers/historic with SCLD and its own decision date, older than when the store first saw it. The cover goes
    // on under its id, so the copy ends nothing: the history says what the sync said, an amount changed.
    [Fact]
    public async Task The_services_ended_copy_of_a_version_the_store_saw_follows_that_version_once_and_ends_the_cover_only_when_nothing_follows()
    {
        static CoverDecision Decided(decimal amount, DateTimeOffset decided, string? historic = null) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"),
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR")), decisionDate: decided);
        var decided = Portfolios.T0.AddHours(-2);
        source.Covers.Add(Decided(50000, decided));
        await SyncAsync();
        source.Replace(Decided(40000, Portfolios.T0.AddHours(20)));
        source.Historic.Add(Decided(50000, decided, historic: "SCLD"));
        await SyncAsync();
        source.Covers.Clear();
        source.Historic.Add(Decided(40000, Portfolios.T0.AddHours(20), historic: "CCLD"));
        await SyncAsync();

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal(["current", CoverHistory.ServiceHistoric, "current", "historic"], history.Select(h => h.Source));
        Assert.Equal([(50000m, null), (50000m, "SCLD"), (40000m, null), (40000m, "CCLD")], history.Select(h => (h.Cover.DecidedAmount!.Value, h.Cover.HistoricCode)));
        Assert.Empty(history[1].Kinds);
        Assert.Contains(history[1].FieldChanges, f => f is { Field: "HistoricCode", After: "SCLD" });
        Assert.Contains(CoverChangeKind.AmountChanged, history[2].Kinds);
        Assert.DoesNotContain(CoverChangeKind.NewDecision, history[2].Kinds);
        Assert.Equal([CoverChangeKind.CoverEnded], history[3].Kinds);
    }

    // A cancellation fills in the end date as it ends the cover: the service's ended copy differs from every version
    // the store saw. Before, it was sorted by its decision date, before the version it ends, and the cover read as
    // current after its own end; a cover recorded missing then showed that end before it started.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_services_ended_copy_changed_as_it_ended_the_cover_follows_the_version_it_ends(bool recordedMissingFirst)
    {
        var decided = Portfolios.T0.AddHours(-2);
        CoverDecision Version(string? historic = null, CoverDate? endsOn = null) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"),
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")), decisionDate: decided, effectiveToDate: endsOn);
        source.Covers.Add(Version());
        await SyncAsync();
        source.Covers.Clear();
        if (recordedMissingFirst)
        {
            await SyncAsync();
        }

        source.Historic.Add(Version("CCLD", new CoverDate(2026, 1, 6)));

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        var ended = history[^1];
        Assert.Equal(("current", CoverHistory.ServiceHistoric), (history[0].Source, ended.Source));
        Assert.Equal([CoverChangeKind.NewDecision], history[0].Kinds);
        Assert.Equal(recordedMissingFirst ? [] : [CoverChangeKind.CoverEnded], ended.Kinds);
        Assert.Equal(recordedMissingFirst ? 3 : 2, history.Count);
    }

    [Fact]
    public async Task A_referred_application_withdrawn_before_its_decision_ends_its_history()
    {
        // The referred version has no decision date, nor has the service's ended copy (the end date filled in as it
        // ended). Before, that copy was taken as older and sorted by its application date, before the referred version:
        // the history's last word was "referred" for an application the service lists as ended.
        var applied = Portfolios.T0.AddHours(-3);
        CoverDecision Application(string? historic = null, CoverDate? endsOn = null) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Referred,
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            applicationAmount: new Money(50000, "EUR"), applicationDate: applied, effectiveToDate: endsOn);
        source.Covers.Add(Application());
        await SyncAsync();
        source.Covers.Clear();
        source.Historic.Add(Application("CCLA", new CoverDate(2026, 1, 5)));

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal(["current", CoverHistory.ServiceHistoric], history.Select(h => h.Source));
        Assert.Equal("CCLA", history[^1].Cover.HistoricCode);
        Assert.Equal([CoverChangeKind.CoverEnded], history[^1].Kinds);
    }

    [Fact]
    public async Task The_services_ended_copy_of_the_referred_stage_of_an_application_decided_since_ends_nothing()
    {
        // The application was referred, then decided under the same id; the service keeps an ended copy of its referred
        // stage, changed as it ended (an end date filled in). It is older than the decision: the cover stays current.
        var applied = Portfolios.T0.AddHours(-3);
        CoverDecision Referred(string? historic = null, CoverDate? endsOn = null) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Referred,
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            applicationAmount: new Money(50000, "EUR"), applicationDate: applied, effectiveToDate: endsOn);
        source.Covers.Add(Referred());
        await SyncAsync();
        source.Replace(CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: new DecisionCode("DC01"),
            applicationAmount: new Money(50000, "EUR"), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            applicationDate: applied, decisionDate: clock.GetUtcNow()));
        await SyncAsync();
        source.Historic.Add(Referred("SCLA", new CoverDate(2026, 1, 5)));

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal("current", history[^1].Source);
        Assert.Equal("DECISION", history[^1].Cover.Status);
        Assert.DoesNotContain(history, h => h.Kinds.Contains(CoverChangeKind.CoverEnded));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_services_ended_copy_of_an_increase_refused_under_the_covers_id_ends_nothing(bool refusalDatedByItsDayAlone)
    {
        // The increase (applied for after the cover's decision) was refused: the cover is decided again (DC05) under its
        // older application date. The service's ended copy of the increase, changed as it ended, is older than that, also
        // when the refusal's date has no time (read as midnight, before the increase's time that day).
        var applied = Portfolios.T0.AddDays(-30);
        CoverDecision Increase(string? historic = null, CoverDate? endsOn = null) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Referred,
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            applicationAmount: new Money(80000, "EUR"), applicationDate: Portfolios.T0.AddHours(-5), effectiveToDate: endsOn);
        CoverDecision Decided(DecisionCode code, DateTimeOffset decidedAt) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: code,
            applicationAmount: new Money(50000, "EUR"), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            applicationDate: applied, decisionDate: decidedAt);
        source.Covers.Add(Decided(new DecisionCode("DC01"), applied.AddHours(2)));
        await SyncAsync();
        source.Replace(Increase());
        await SyncAsync();
        var refusedAt = refusalDatedByItsDayAlone ? new DateTimeOffset(Portfolios.T0.UtcDateTime.Date, TimeSpan.Zero) : clock.GetUtcNow();
        source.Replace(Decided(DecisionCode.IncreaseRefused, refusedAt));
        await SyncAsync();
        source.Historic.Add(Increase("RCLA", new CoverDate(2026, 1, 5)));

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal(("current", "DC05"), (history[^1].Source, history[^1].Cover.DecisionCode));
        Assert.DoesNotContain(history, h => h.Kinds.Contains(CoverChangeKind.CoverEnded));
    }

    [Fact]
    public async Task The_services_ended_copy_of_a_version_replaced_under_its_id_follows_that_version()
    {
        // The version was replaced under the same id, and the service changed its copy as it ended it (an end date filled
        // in). Before, the copy was sorted by its own decision date, before the version it ends: the cover ended before
        // it started.
        var decided = Portfolios.T0.AddHours(-2);
        CoverDecision Version(decimal amount, DateTimeOffset decidedAt, string? historic = null, CoverDate? endsOn = null) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"),
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR")), decisionDate: decidedAt, effectiveToDate: endsOn);
        source.Covers.Add(Version(50000, decided));
        await SyncAsync();
        source.Replace(Version(80000, clock.GetUtcNow()));
        await SyncAsync();
        source.Historic.Add(Version(50000, decided, "SCLD", new CoverDate(2026, 1, 6)));

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal(["current", CoverHistory.ServiceHistoric, "current"], history.Select(h => h.Source));
        Assert.Equal([50000m, 50000m, 80000m], history.Select(h => h.Cover.DecidedAmount!.Value));
        Assert.Empty(history[1].Kinds);
        Assert.Contains(CoverChangeKind.AmountChanged, history[2].Kinds);
    }

    // Two ended versions under one cover id, both known only to the service: changed under its id (SCLD), then
    // cancelled (CCLD). The cover ended once.
    [Fact]
    public async Task An_ended_copy_followed_by_a_later_ended_version_of_the_same_cover_ends_nothing()
    {
        static CoverDecision Ended(decimal amount, DateTimeOffset decided, string historic) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"), historicCode: new HistoricCode(historic),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR")), decisionDate: decided);
        source.Historic.Add(Ended(50000, Portfolios.T0.AddYears(-1), "SCLD"));
        source.Historic.Add(Ended(40000, Portfolios.T0.AddMonths(-6), "CCLD"));

        var history = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal([(50000m, "SCLD"), (40000m, "CCLD")], history.Select(h => (h.Cover.DecidedAmount!.Value, h.Cover.HistoricCode)));
        Assert.Empty(history[0].Kinds);
        Assert.Equal([CoverChangeKind.CoverEnded], history[1].Kinds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cover_recorded_missing_shows_as_ended_in_its_history_and_in_the_portfolio_history(bool storeOfItsOwn)
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        await SyncAsync();
        var from = clock.GetUtcNow();
        source.Covers.Clear();
        await SyncAsync();
        var history = new CoverHistory(HistoryStore(storeOfItsOwn), Portfolios.Key, null);

        var versions = await history.GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);
        var entries = await history.ReadPortfolioHistoryAsync(from, clock.GetUtcNow(), TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(["current", CoverPortfolioSync.MissingList], versions.Select(v => v.Source));
        Assert.Equal([CoverChangeKind.CoverEnded], versions[1].Kinds);
        Assert.True(versions[1].Cover.IsHistoric);
        var entry = Assert.Single(entries);
        Assert.Equal([CoverChangeKind.CoverEnded], entry.Kinds);
        Assert.Contains(entry.FieldChanges, f => f is { Field: "IsHistoric", Before: "false", After: "true" });
    }

    [Fact]
    public async Task A_cover_recorded_missing_whose_ended_copy_the_service_lists_later_ends_once_in_its_history()
    {
        // Before, the service's copy (the same content, now with its historic code) followed the recorded end as a
        // change of its own: the cover ended twice.
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        await SyncAsync();
        source.Covers.Clear();
        await SyncAsync();
        source.Historic.Add(Covers.Decided(1, 100, 50000, historic: "CCLD"));

        var versions = await new CoverHistory(store, Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal(["current", CoverPortfolioSync.MissingList, CoverHistory.ServiceHistoric], versions.Select(v => v.Source));
        Assert.Equal([CoverChangeKind.CoverEnded], versions[1].Kinds);
        Assert.Empty(versions[2].Kinds);
        Assert.Equal("CCLD", versions[2].Cover.HistoricCode);
        Assert.Single(versions, v => v.Kinds.Contains(CoverChangeKind.CoverEnded));
    }

    // The end the store recorded is a version of the cover's own, not the service's copy of a version replaced under its
    // id: the sync reported the cover ended, then new when it was listed again, and the history says the same.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cover_recorded_missing_then_listed_again_shows_its_end_and_its_return_as_the_sync_reported_them(bool storeOfItsOwn)
    {
        var handler = new RecordingHandler();
        async Task SyncReportingAsync()
        {
            await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key }, clock)
                .SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromDays(1));
        }

        source.Covers.Add(Covers.Decided(1, 100, 50000));
        await SyncReportingAsync();
        source.Covers.Clear();
        await SyncReportingAsync();
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        await SyncReportingAsync();

        var history = await new CoverHistory(HistoryStore(storeOfItsOwn), Portfolios.Key, source).GetCoverHistoryAsync(100, 1, TestContext.Current.CancellationToken);

        Assert.Equal(["current", CoverPortfolioSync.MissingList, "current"], history.Select(h => h.Source));
        Assert.Equal(handler.Changes.Select(c => c.Kind), history.SelectMany(h => h.Kinds));
        Assert.Equal([CoverChangeKind.CoverEnded], history[1].Kinds);
        Assert.Equal([CoverChangeKind.NewDecision], history[2].Kinds);
        var field = Assert.Single(history[2].FieldChanges);
        Assert.Equal(("IsHistoric", "true", "false"), (field.Field, field.Before, field.After));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_portfolio_history_over_a_time_range_lists_what_was_seen_in_it_with_the_change_from_before_it(bool storeOfItsOwn)
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 200, 20000));
        await SyncAsync();
        var from = clock.GetUtcNow();
        source.Replace(Covers.Decided(1, 100, 60000));
        await SyncAsync();
        var to = clock.GetUtcNow();
        source.Replace(Covers.Decided(2, 200, 10000));
        await SyncAsync();

        var entries = await new CoverHistory(HistoryStore(storeOfItsOwn), Portfolios.Key, null).ReadPortfolioHistoryAsync(from, to, TestContext.Current.CancellationToken).ToListAsync();

        var entry = Assert.Single(entries);
        Assert.Equal(1, entry.CoverId);
        Assert.Equal([CoverChangeKind.AmountChanged], entry.Kinds);
        Assert.Contains(entry.FieldChanges, f => f is { Field: "DecidedAmount", Before: "50000", After: "60000" });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cover_seen_several_times_in_the_range_is_compared_each_time_with_its_version_just_before(bool storeOfItsOwn)
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 200, 20000));
        await SyncAsync();
        var from = clock.GetUtcNow();
        source.Replace(Covers.Decided(1, 100, 60000));
        source.Covers.Add(Covers.Decided(3, 300, 30000));
        await SyncAsync();
        source.Replace(Covers.Decided(1, 100, 70000));
        await SyncAsync();
        var to = clock.GetUtcNow();

        var entries = await new CoverHistory(HistoryStore(storeOfItsOwn), Portfolios.Key, null).ReadPortfolioHistoryAsync(from, to, TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([(1L, 60000m), (3L, 30000m), (1L, 70000m)], entries.Select(e => (e.CoverId, e.Cover.DecidedAmount!.Value)));
        Assert.Contains(entries[0].FieldChanges, f => f is { Field: "DecidedAmount", Before: "50000", After: "60000" });
        Assert.Equal([CoverChangeKind.NewDecision], entries[1].Kinds);
        Assert.Empty(entries[1].FieldChanges);
        Assert.Contains(entries[2].FieldChanges, f => f is { Field: "DecidedAmount", Before: "60000", After: "70000" });
        Assert.Equal([CoverChangeKind.AmountChanged], entries[2].Kinds);
    }
}
