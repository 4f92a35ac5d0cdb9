using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Sync;

public sealed class CoverPortfolioSyncTests
{
    private readonly FakeCoverSource source = new();
    private readonly InMemoryCoverPortfolioStore store = new();
    private readonly FakeTimeProvider clock = new(Portfolios.T0);
    private readonly RecordingHandler handler = new();

    private void AddDecidedCovers(int count)
    {
        for (var id = 1; id <= count; id++)
        {
            source.Covers.Add(Covers.Decided(id, id * 100, 10000 * id));
        }
    }

    /// <summary>
    /// Starts a sync in chunks of 10 whose first commit that <paramref name="held"/> picks waits until the returned
    /// source is completed, and returns once <paramref name="read"/> saw its item handed out.
    /// </summary>
    /// <summary>
    /// Starts a sync in chunks of 10 whose first commit that <paramref name="held"/> picks is held until released, and
    /// returns once the sync waits for that commit: the read has then gone as far as it goes while the commit is held.
    /// </summary>
    private async Task<(Task<CoverSyncResult> Syncing, TaskCompletionSource Release)> StartWithFirstCommitHeldAsync(Func<PortfolioCommit, bool> held)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = 0;
        var slowStore = new KillableStore(store)
        {
            BeforeCommit = commit => held(commit) && Interlocked.Increment(ref holding) == 1 ? release.Task : Task.CompletedTask,
        };
        var sync = NewSync(chunkSize: 10, through: slowStore);
        sync.WaitingForChunkAhead = () => waiting.TrySetResult();
        var syncing = sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        await Task.WhenAny(waiting.Task, syncing).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(waiting.Task.IsCompleted, "The sync ended without waiting for the commit held.");
        return (syncing, release);
    }

    private CoverPortfolioSync NewSync(TimeSpan? fullInterval = null, int chunkSize = 1000, ICoverPortfolioStore? through = null) =>
        new(source, through ?? store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, FullReconciliationInterval = fullInterval ?? TimeSpan.FromDays(1), ChunkSize = chunkSize }, clock);

    [Fact]
    public async Task First_sync_reports_decided_covers_as_new_and_referred_applications_as_referred()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Referred(2, 200, 80000));
        source.Applications.Add(Covers.Referred(2, 200, 80000));

        var result = await NewSync().SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.True(result.WasFullReconciliation);
        Assert.Equal([CoverChangeKind.NewDecision], handler.KindsFor(1));
        Assert.Equal([CoverChangeKind.Referred], handler.KindsFor(2));
        Assert.Equal(2, result.CoverVersionsStored);
        Assert.All(handler.Changes, c => Assert.True(c.IsInitialLoad));
        Assert.Empty(await store.ReadUndeliveredChangesAsync(Portfolios.Key, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_sync_under_a_lease_the_store_did_not_grant_fails_naming_the_lease_before_any_list_is_read()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => NewSync().SyncAsync(handler, new PortfolioLease(), TestContext.Current.CancellationToken));

        Assert.Equal("lease", error.ParamName);
        Assert.Empty(source.CoverQueries);
        Assert.Null(await store.GetSyncStateAsync(Portfolios.Key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unchanged_portfolio_stores_and_reports_nothing_even_when_amounts_are_written_differently()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000m));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Replace(Covers.Decided(1, 100, 50000.00m, currency: "eur"));

        var result = await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Empty(handler.Changes);
        Assert.Equal(0, result.CoverVersionsStored);
    }

    [Fact]
    public async Task Changes_of_a_decided_cover_are_classified()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 200, 40000));
        source.Covers.Add(Covers.Decided(3, 300, 30000));
        source.Covers.Add(Covers.Decided(4, 400, 20000, reference: "A-1"));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();

        source.Replace(Covers.Decided(1, 100, 60000));
        source.Replace(Covers.Decided(2, 200, 40000, code: "DC21", pending: "F"));
        source.Replace(Covers.Decided(3, 300, 30000, "DC02", null, null, null, "EUR", "C12"));
        source.Replace(Covers.Decided(4, 400, 20000, reference: "A-2"));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.AmountChanged], handler.KindsFor(1));
        Assert.All(handler.Changes, c => Assert.False(c.IsInitialLoad));
        Assert.Equal([CoverChangeKind.ReductionNotified, CoverChangeKind.PendingProcessStarted], handler.KindsFor(2));
        Assert.Equal([CoverChangeKind.ConditionsChanged], handler.KindsFor(3));
        Assert.Equal([CoverChangeKind.CustomerReferenceChanged], handler.KindsFor(4));
        var amount = Assert.Single(handler.Changes, c => c.CoverId == 1);
        Assert.Equal(50000m, amount.PreviousCover!.DecidedAmount);
        Assert.Equal(60000m, amount.Cover!.DecidedAmount);
        Assert.Contains(amount.FieldChanges, f => f is { Field: "DecidedAmount", Before: "50000", After: "60000" });

        handler.Clear();
        source.Replace(Covers.Decided(2, 200, 25000, code: "DC09"));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal([CoverChangeKind.ReductionInEffect, CoverChangeKind.PendingProcessEnded], handler.KindsFor(2));
    }

    [Fact]
    public async Task A_cover_reduced_again_while_under_an_earlier_reduction_is_a_reduction_in_effect_not_only_a_new_amount()
    {
        // No sync read the notice of the second reduction: the cover went from DC09 at 60,000 to DC09 at 30,000.
        source.Covers.Add(Covers.Decided(1, 100, 60000, code: "DC09"));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();

        source.Replace(Covers.Decided(1, 100, 30000, code: "DC09"));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal([CoverChangeKind.ReductionInEffect], handler.KindsFor(1));

        // A raise under the same code is no reduction.
        handler.Clear();
        source.Replace(Covers.Decided(1, 100, 45000, code: "DC09"));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.AmountChanged], handler.KindsFor(1));
    }

    [Fact]
    public async Task A_cover_first_seen_under_notice_or_reduced_or_withdrawn_says_so_beside_being_new()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 200, 40000, code: "DC21", pending: "W"));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal([CoverChangeKind.NewDecision], handler.KindsFor(1));
        Assert.Equal([CoverChangeKind.NewDecision, CoverChangeKind.ReductionNotified], handler.KindsFor(2));
        Assert.All(handler.Changes, c => Assert.True(c.IsInitialLoad));
        handler.Clear();

        // Should the service give the reduced or withdrawn cover an id of its own, the new id is all the sync sees.
        source.Covers.Add(Covers.Decided(3, 100, 25000, code: "DC09"));
        source.Covers.Add(Covers.Decided(4, 400, 0, code: "DC08"));
        source.Covers.Add(Covers.Decided(5, 300, 30000, code: "DC21", pending: "F"));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.NewDecision, CoverChangeKind.ReductionInEffect], handler.KindsFor(3));
        Assert.Equal([CoverChangeKind.NewDecision, CoverChangeKind.WithdrawalInEffect], handler.KindsFor(4));
        Assert.Equal([CoverChangeKind.NewDecision, CoverChangeKind.ReductionNotified], handler.KindsFor(5));
        Assert.All(handler.Changes, c => Assert.False(c.IsInitialLoad));
    }

    [Fact]
    public async Task A_new_notice_on_a_cover_already_notified_is_reported_as_a_notified_reduction()
    {
        // Notified of a reduction taking effect on 1 February, then of a withdrawal taking effect on 15 January.
        static CoverDecision UnderNotice(string pending, CoverDate takesEffect) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: new DecisionCode("DC21"),
            pendingProcess: new PendingProcessIndicator(pending), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            decisionDate: Portfolios.T0, withdrawalDate: takesEffect);
        source.Covers.Add(UnderNotice("F", new CoverDate(2027, 2, 1)));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Replace(UnderNotice("W", new CoverDate(2027, 1, 15)));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.ReductionNotified, CoverChangeKind.PendingProcessStarted], handler.KindsFor(1));
        var notice = Assert.Single(handler.Changes, c => c.Kind == CoverChangeKind.ReductionNotified);
        Assert.Contains(notice.FieldChanges, f => f is { Field: "WithdrawalDate", Before: "2027-02-01", After: "2027-01-15" });
    }

    [Fact]
    public async Task A_notice_whose_date_is_unchanged_is_not_reported_as_a_new_notice()
    {
        static CoverDecision UnderNotice(string? notes) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: new DecisionCode("DC21"),
            pendingProcess: new PendingProcessIndicator("F"), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            decisionDate: Portfolios.T0, withdrawalDate: new CoverDate(2027, 2, 1), notes: notes);
        source.Covers.Add(UnderNotice(null));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Replace(UnderNotice("Buyer contacted."));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.Other], handler.KindsFor(1));
    }

    [Fact]
    public async Task An_indication_converted_into_a_credit_limit_is_reported_as_a_cover_type_change_naming_the_field()
    {
        static CoverDecision Indication(CoverType type) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, coverType: type, code: new DecisionCode("DC01"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")), decisionDate: Portfolios.T0);
        source.Covers.Add(Indication(CoverType.Indication));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Replace(Indication(CoverType.CreditLimit));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        var change = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.CoverTypeChanged, change.Kind);
        var field = Assert.Single(change.FieldChanges);
        Assert.Equal(("CoverType", CoverType.Indication.Value, CoverType.CreditLimit.Value), (field.Field, field.Before, field.After));
    }

    [Fact]
    public async Task A_split_decisions_second_amount_given_a_later_expiry_date_is_a_new_version_naming_the_date()
    {
        // Before, only the total decision's expiry date was kept: a temporary second amount extended by the insurer
        // made no version, and neither the history nor the monitor showed when that part of the cover would lapse.
        static CoverDecision Split(CoverDate secondExpires) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC04"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            firstAmountDecision: CoverModelFactory.DecisionAmount(new Money(30000, "EUR")),
            secondAmountDecision: CoverModelFactory.DecisionAmount(new Money(20000, "EUR"), expiryDate: secondExpires),
            decisionDate: Portfolios.T0);
        source.Covers.Add(Split(new CoverDate(2027, 3, 31)));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal("2027-03-31", Assert.Single(handler.Changes).Cover!.SecondAmountExpiryDate);
        handler.Clear();
        source.Replace(Split(new CoverDate(2027, 6, 30)));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        var field = Assert.Single(Assert.Single(handler.Changes).FieldChanges);
        Assert.Equal(("SecondAmountExpiryDate", "2027-03-31", "2027-06-30"), (field.Field, field.Before, field.After));
    }

    [Fact]
    public async Task A_decision_date_that_moves_by_milliseconds_is_reported_naming_the_date()
    {
        static CoverDecision Decided(DateTimeOffset decided) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")), decisionDate: decided);
        source.Covers.Add(Decided(Portfolios.T0));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Replace(Decided(Portfolios.T0.AddMilliseconds(250)));

        var result = await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.CoverVersionsStored);
        var change = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.Other, change.Kind);
        var field = Assert.Single(change.FieldChanges);
        Assert.Equal(("DecisionDate", "2026-01-05T09:00:00Z", "2026-01-05T09:00:00.25Z"), (field.Field, field.Before, field.After));
    }

    [Fact]
    public async Task A_referred_application_that_gets_its_decision_is_reported_decided()
    {
        source.Covers.Add(Covers.Referred(7, 700, 90000));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Replace(Covers.Decided(7, 700, 70000, code: "DC04"));

        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.Decided], handler.KindsFor(7));
    }

    private static CoverDecision Applied(long coverId, CoverStatus status, decimal amount, DateTimeOffset appliedOn, string? historic = null) =>
        CoverModelFactory.CoverDecision(
            coverId: coverId,
            customerId: 200417,
            policyId: "5012345",
            buyerId: coverId * 100,
            status: status,
            code: status == CoverStatus.Decision ? new DecisionCode("DC01") : (DecisionCode?)null,
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            applicationAmount: new Money(amount, "EUR"),
            totalDecision: status == CoverStatus.Decision ? CoverModelFactory.DecisionAmount(new Money(amount, "EUR")) : null,
            applicationDate: appliedOn,
            decisionDate: status == CoverStatus.Decision ? appliedOn.AddHours(2) : null);

    // Whether the service keeps a decided application in GET /covers/applications is not known. If it does, a sync that
    // does not read the cover in GET /covers (narrowed by fromDate, the cover unchanged) must not report it referred.
    [Fact]
    public async Task A_decided_application_still_listed_as_referred_is_not_reported_back_to_referred()
    {
        var appliedOn = Portfolios.T0.AddDays(-1);
        source.Covers.Add(Applied(1, CoverStatus.Decision, 50000, appliedOn));
        var sync = NewSync(fullInterval: TimeSpan.FromHours(6));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        clock.Advance(TimeSpan.FromHours(1));
        source.Applications.Add(Applied(1, CoverStatus.Referred, 50000, appliedOn));
        source.Covers.Clear();

        var narrowed = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromHours(6));
        source.Covers.Add(Applied(1, CoverStatus.Decision, 50000, appliedOn));
        var full = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.False(narrowed.WasFullReconciliation);
        Assert.True(full.WasFullReconciliation);
        Assert.Empty(handler.Changes);
        Assert.Equal(0, narrowed.CoverVersionsStored + full.CoverVersionsStored);
    }

    [Fact]
    public async Task A_new_application_under_a_decided_covers_id_is_reported_referred()
    {
        source.Covers.Add(Applied(1, CoverStatus.Decision, 50000, Portfolios.T0.AddDays(-30)));
        var sync = NewSync(fullInterval: TimeSpan.FromHours(6));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        clock.Advance(TimeSpan.FromHours(1));
        source.Applications.Add(Applied(1, CoverStatus.Referred, 80000, Portfolios.T0));
        source.Covers.Clear();

        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Contains(CoverChangeKind.Referred, handler.KindsFor(1));
    }

    // Cover 1, decided 30 days ago (DC01), and later the same cover decided again under that application date.
    private static readonly CoverDecision DecidedBeforeTheIncrease = Applied(1, CoverStatus.Decision, 50000, Portfolios.T0.AddDays(-30));

    private static CoverDecision DecidedAfterTheIncrease(DecisionCode code, DateTimeOffset? decidedAt = null) => CoverModelFactory.CoverDecision(
        coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: code,
        applicationAmount: new Money(50000, "EUR"), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
        applicationDate: Portfolios.T0.AddDays(-30), decisionDate: decidedAt ?? Portfolios.T0.AddHours(2));

    /// <summary>
    /// A sync (full reconciliation every six hours) that has stored cover 1 decided; GET /covers/applications then lists
    /// an increase of it under its id, applied for at T0 and waiting for an underwriter. The cover is
    /// <see cref="DecidedBeforeTheIncrease"/> unless <paramref name="decided"/> says otherwise.
    /// </summary>
    private async Task<CoverPortfolioSync> DecidedCoverWithAnIncreaseWaitingAsync(CoverDecision? decided = null)
    {
        source.Covers.Add(decided ?? DecidedBeforeTheIncrease);
        var sync = NewSync(fullInterval: TimeSpan.FromHours(6));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Applications.Add(Applied(1, CoverStatus.Referred, 80000, Portfolios.T0));
        return sync;
    }

    private static readonly (bool Full, bool Listed) Full = (true, true);
    private static readonly (bool Full, bool Listed) Narrowed = (false, false);
    private static readonly (bool Full, bool Listed) NarrowedListing = (false, true);

    /// <summary>
    /// Syncs four hours apart, full or narrowed as asked: GET /covers lists <paramref name="cover"/> in a full sync, and
    /// in a narrowed one only when it changed since the sync before (<c>Listed</c>). Returns the kinds each sync
    /// reported for the cover.
    /// </summary>
    private async Task<List<string>> KindsOverSyncsAsync(CoverPortfolioSync sync, CoverDecision cover, params (bool Full, bool Listed)[] syncs)
    {
        var kinds = new List<string>();
        foreach (var (full, listed) in syncs)
        {
            clock.Advance(TimeSpan.FromHours(4));
            source.Covers.Clear();
            if (listed)
            {
                source.Covers.Add(cover);
            }

            var result = await sync.SyncAsync(handler, forceFullReconciliation: full, TestContext.Current.CancellationToken);
            Assert.Equal(full, result.WasFullReconciliation);
            kinds.Add(string.Join("+", handler.KindsFor(cover.CoverId)));
            handler.Clear();
        }

        return kinds;
    }

    [Fact]
    public async Task A_new_application_under_a_decided_covers_id_stays_referred_in_full_and_narrowed_syncs_alike()
    {
        // GET /covers keeps showing the decided cover while the application waits. Before, a full sync read that copy
        // first and reported the application decided, and the next narrowed sync (whose GET /covers leaves the
        // unchanged cover out) reported it referred again: decided and referred by turns for as long as it waited.
        var sync = await DecidedCoverWithAnIncreaseWaitingAsync();

        var kinds = await KindsOverSyncsAsync(sync, DecidedBeforeTheIncrease, Narrowed, Full, Narrowed, Full);

        Assert.Equal(["Referred", "", "", ""], kinds);
        var latest = Assert.Single(await store.GetLatestCoverVersionsAsync(Portfolios.Key, [1], TestContext.Current.CancellationToken));
        Assert.Equal(80000m, CoverFingerprints.ReadCover(latest.Payload).ApplicationAmount);
    }

    [Fact]
    public async Task An_increase_refused_under_the_covers_id_is_decided_while_its_application_is_still_listed()
    {
        // Refused, the cover keeps its older application date and gets a decision date after the increase's. Its
        // referred copy, still listed, is the application answered: the decision counts in full and narrowed syncs.
        var sync = await DecidedCoverWithAnIncreaseWaitingAsync();
        source.Covers.Clear();
        clock.Advance(TimeSpan.FromHours(1));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal([CoverChangeKind.Referred], handler.KindsFor(1));
        handler.Clear();

        var kinds = await KindsOverSyncsAsync(sync, DecidedAfterTheIncrease(DecisionCode.IncreaseRefused), Full, Narrowed, Full);

        Assert.Equal("Decided", kinds[0]);
        Assert.Equal(["", ""], kinds.Skip(1));
    }

    [Fact]
    public async Task An_increase_refused_the_same_day_under_a_decision_date_without_a_time_is_decided_while_its_application_is_still_listed()
    {
        // The increase was applied for at 09:00; the refusal is dated by its day alone, read as midnight of that day.
        var sync = await DecidedCoverWithAnIncreaseWaitingAsync();
        source.Covers.Clear();
        clock.Advance(TimeSpan.FromHours(1));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();

        var refusedThatDay = DecidedAfterTheIncrease(DecisionCode.IncreaseRefused, new DateTimeOffset(Portfolios.T0.UtcDateTime.Date, TimeSpan.Zero));
        var kinds = await KindsOverSyncsAsync(sync, refusedThatDay, Full, Narrowed, Full);

        Assert.Equal(["Decided", "", ""], kinds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public async Task An_increase_applied_for_after_the_covers_approval_dated_by_its_day_alone_is_reported_referred(int approvedDaysBeforeTheIncrease)
    {
        // The cover's own approval, dated by its day alone, the day before the increase or on its day: the increase,
        // applied for at 09:00, comes after it and waits.
        var approvedOn = new DateTimeOffset(Portfolios.T0.UtcDateTime.Date.AddDays(approvedDaysBeforeTheIncrease), TimeSpan.Zero);
        var approved = CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: new DecisionCode("DC01"),
            applicationAmount: new Money(50000, "EUR"), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            applicationDate: Portfolios.T0.AddDays(-30), decisionDate: approvedOn);
        var sync = await DecidedCoverWithAnIncreaseWaitingAsync(approved);

        var kinds = await KindsOverSyncsAsync(sync, approved, Narrowed, Full, Narrowed, Full);

        Assert.Equal(["Referred", "", "", ""], kinds);
        var latest = Assert.Single(await store.GetLatestCoverVersionsAsync(Portfolios.Key, [1], TestContext.Current.CancellationToken));
        Assert.Equal(80000m, CoverFingerprints.ReadCover(latest.Payload).ApplicationAmount);
    }

    [Fact]
    public async Task A_new_application_under_the_id_of_a_decided_cover_that_states_no_application_date_stays_referred_in_full_and_narrowed_syncs_alike()
    {
        // GET /covers leaves the cover's application date out; it was decided 30 days before the increase. Before, an
        // application later than such a copy was never found: each full sync reported the cover decided again and the
        // next narrowed sync referred.
        var noApplicationDate = CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: new DecisionCode("DC01"),
            applicationAmount: new Money(50000, "EUR"), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            applicationDate: null, decisionDate: Portfolios.T0.AddDays(-30));
        var sync = await DecidedCoverWithAnIncreaseWaitingAsync(noApplicationDate);

        var kinds = await KindsOverSyncsAsync(sync, noApplicationDate, Narrowed, Full, Narrowed, Full);

        Assert.Equal(["Referred", "", "", ""], kinds);
    }

    [Fact]
    public async Task A_notice_on_a_cover_while_an_increase_under_its_id_waits_is_no_answer_to_it()
    {
        // The insurer's notice (DC21) keeps the cover's application date and takes a decision date after the increase's
        // application. The increase still waits: reported referred once, and the notice does not decide it.
        var sync = await DecidedCoverWithAnIncreaseWaitingAsync();

        var kinds = await KindsOverSyncsAsync(sync, DecidedAfterTheIncrease(new DecisionCode("DC21")), NarrowedListing, Full, Narrowed);

        Assert.Equal(["Referred", "", ""], kinds);
    }

    [Fact]
    public async Task Of_two_referred_copies_under_one_id_the_later_application_counts()
    {
        // The service keeps an answered application beside a new one under the same id, the older listed first. Before,
        // the older counted, was judged the answered one, and a full sync looked the current cover up as ended.
        var applied = Portfolios.T0.AddDays(-30);
        var refused = CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, status: CoverStatus.Decision, code: DecisionCode.IncreaseRefused,
            applicationAmount: new Money(50000, "EUR"), totalDecision: CoverModelFactory.DecisionAmount(new Money(50000, "EUR")),
            applicationDate: applied, decisionDate: Portfolios.T0.AddDays(-2));
        source.Covers.Add(refused);
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Applications.Add(Applied(1, CoverStatus.Referred, 80000, Portfolios.T0.AddDays(-3)));
        source.Applications.Add(Applied(1, CoverStatus.Referred, 90000, Portfolios.T0));
        clock.Advance(TimeSpan.FromHours(1));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.Referred], handler.KindsFor(1));
        var latest = Assert.Single(await store.GetLatestCoverVersionsAsync(Portfolios.Key, [1], TestContext.Current.CancellationToken));
        Assert.Equal((90000m, false), (CoverFingerprints.ReadCover(latest.Payload).ApplicationAmount, CoverFingerprints.ReadCover(latest.Payload).IsHistoric));
    }

    [Fact]
    public async Task A_withdrawn_application_still_listed_as_referred_stays_ended()
    {
        // An application withdrawn before its decision ends referred. Before, its copy still listed in GET
        // /covers/applications was taken for a new application: reported referred again, and current for good.
        var appliedOn = Portfolios.T0.AddDays(-1);
        source.Covers.Add(Applied(1, CoverStatus.Referred, 50000, appliedOn));
        var sync = NewSync(fullInterval: TimeSpan.FromHours(6));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        clock.Advance(TimeSpan.FromHours(7));
        source.Covers.Clear();
        source.Historic.Add(Applied(1, CoverStatus.Referred, 50000, appliedOn, historic: "CCLA"));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal([CoverChangeKind.CoverEnded], handler.KindsFor(1));
        handler.Clear();
        clock.Advance(TimeSpan.FromHours(1));
        source.Applications.Add(Applied(1, CoverStatus.Referred, 50000, appliedOn));

        var narrowed = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromHours(7));
        var full = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.False(narrowed.WasFullReconciliation);
        Assert.True(full.WasFullReconciliation);
        Assert.Empty(handler.Changes);
        Assert.Equal("historic", Assert.Single(await store.GetLatestCoverVersionsAsync(Portfolios.Key, [1], TestContext.Current.CancellationToken)).SourceList);
    }

    [Fact]
    public async Task A_decided_cover_referred_under_its_id_is_reported_referred_not_as_an_amount_or_conditions_change()
    {
        // The referred version has no decision yet: its missing amount and conditions are the referral, not changes of their own.
        source.Covers.Add(Covers.Decided(1, 100, 50000, "DC02", null, null, null, "EUR", "C12"));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Replace(Covers.Referred(1, 100, 80000));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.Referred], handler.KindsFor(1));
        var referred = Assert.Single(handler.Changes);
        Assert.Contains(referred.FieldChanges, f => f is { Field: "DecidedAmount", Before: "50000" });
    }

    [Fact]
    public async Task A_cover_gone_from_the_current_list_ends_even_while_its_decided_application_is_still_listed()
    {
        var appliedOn = Portfolios.T0.AddDays(-1);
        source.Covers.Add(Applied(1, CoverStatus.Decision, 50000, appliedOn));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        clock.Advance(TimeSpan.FromDays(2));
        source.Covers.Clear();
        source.Applications.Add(Applied(1, CoverStatus.Referred, 50000, appliedOn));
        source.Historic.Add(Applied(1, CoverStatus.Decision, 50000, appliedOn, historic: "CCLD"));

        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.CoverEnded], handler.KindsFor(1));
    }

    [Fact]
    public async Task A_cover_that_ended_stays_ended_while_its_decided_application_is_still_listed()
    {
        var appliedOn = Portfolios.T0.AddDays(-1);
        source.Covers.Add(Applied(1, CoverStatus.Decision, 50000, appliedOn));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(2));
        source.Covers.Clear();
        source.Historic.Add(Applied(1, CoverStatus.Decision, 50000, appliedOn, historic: "CCLD"));
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        clock.Advance(TimeSpan.FromDays(2));
        source.Applications.Add(Applied(1, CoverStatus.Referred, 50000, appliedOn));

        var result = await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Empty(handler.Changes);
        Assert.Equal(0, result.CoverVersionsStored);
        var latest = Assert.Single(await store.GetLatestCoverVersionsAsync(Portfolios.Key, [1], TestContext.Current.CancellationToken));
        Assert.Equal("historic", latest.SourceList);
    }

    [Fact]
    public async Task Between_full_reconciliations_the_cover_list_is_narrowed_with_the_previous_sync_start()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var sync = NewSync(fullInterval: TimeSpan.FromHours(6));
        var first = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromHours(1));

        var second = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromHours(6));
        var third = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.True(first.WasFullReconciliation);
        Assert.False(second.WasFullReconciliation);
        Assert.True(third.WasFullReconciliation);
        Assert.Null(source.CoverQueries[0]);
        Assert.Equal(Portfolios.T0 - TimeSpan.FromMinutes(15), source.CoverQueries[1]!.ChangedSince);
        Assert.Null(source.CoverQueries[2]);
    }

    [Fact]
    public async Task A_referred_application_refused_straight_into_the_historic_list_is_reported_decided_and_ended()
    {
        // No sync read the refusal while it was current: before, only its end was reported, and a handler waiting for
        // the application's decision never got one.
        source.Covers.Add(Covers.Referred(7, 700, 90000));
        source.Applications.Add(Covers.Referred(7, 700, 90000));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Covers.Clear();
        source.Applications.Clear();
        source.Historic.Add(Covers.Decided(7, 700, 0, code: "DC03", historic: "RCLA"));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.CoverEnded, CoverChangeKind.Decided], handler.KindsFor(7));
    }

    [Fact]
    public async Task A_cover_gone_from_the_full_list_is_found_in_the_historic_list_and_reported_ended()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        source.Covers.Add(Covers.Decided(2, 200, 40000));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Covers.RemoveAll(c => c.CoverId == 2);
        source.Historic.Add(Covers.Decided(2, 200, 0, code: "DC08", historic: "WCLD"));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        Assert.Equal([CoverChangeKind.CoverEnded, CoverChangeKind.WithdrawalInEffect], handler.KindsFor(2));
        Assert.Equal("WCLD", handler.Changes[0].Cover!.HistoricCode);

        handler.Clear();
        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);
        Assert.Empty(handler.Changes);
    }

    // When a supersede keeps the cover id, GET /covers/historic holds the replaced version: here 50000, decided a month
    // ago, while the store holds the 40000 that replaced it. The cover then leaves GET /covers before its own ended
    // version shows in the historic list.
    [Fact]
    public async Task A_cover_that_leaves_is_not_ended_with_a_historic_version_older_than_the_one_stored()
    {
        static CoverDecision Decided(decimal amount, DateTimeOffset decided, string? historic = null) => CoverModelFactory.CoverDecision(
            coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"),
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR")), decisionDate: decided);
        source.Covers.Add(Decided(40000, Portfolios.T0.AddDays(-1)));
        source.Historic.Add(Decided(50000, Portfolios.T0.AddDays(-30), historic: "SCLD"));

        var ended = await SyncUntilCoverOneIsRecordedMissingAsync();

        Assert.Equal(40000m, ended.Cover!.DecidedAmount);
    }

    // Decided on one day, as a decision date without a time: the 09:00 application was superseded under the same id by
    // the 10:00 one the store holds, so the historic list holds a version decided that day which did not end it.
    private static readonly DateTimeOffset DecisionDay = new(2026, 1, 4, 0, 0, 0, TimeSpan.Zero);

    private static CoverDecision DecidedOnTheDay(decimal amount, int appliedAtHour, string? historic = null) => CoverModelFactory.CoverDecision(
        coverId: 1, customerId: 200417, policyId: "5012345", buyerId: 100, code: new DecisionCode("DC01"),
        historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
        applicationAmount: new Money(amount, "EUR"),
        totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR")),
        applicationDate: DecisionDay.AddHours(appliedAtHour),
        decisionDate: DecisionDay);

    [Fact]
    public async Task A_cover_that_leaves_is_not_ended_with_an_earlier_application_decided_on_the_same_day_as_the_one_stored()
    {
        source.Covers.Add(DecidedOnTheDay(40000, appliedAtHour: 10));
        source.Historic.Add(DecidedOnTheDay(50000, appliedAtHour: 9, historic: "SCLD"));

        var ended = await SyncUntilCoverOneIsRecordedMissingAsync();

        // Before, the superseded application was taken as the end: the cover ended at 50000, under a code it never had.
        Assert.Equal(40000m, ended.Cover!.DecidedAmount);
        Assert.Null(ended.Cover.HistoricCode);
    }

    // Syncs the portfolio, then again in full once cover 1 has left GET /covers: none of its historic versions ended the
    // version stored, so it ends as that version, recorded missing. Returns that one change.
    private async Task<CoverPortfolioChange> SyncUntilCoverOneIsRecordedMissingAsync()
    {
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Covers.Clear();

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        var ended = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.CoverEnded, ended.Kind);
        var versions = await store.ReadCoverVersionsAsync(Portfolios.Key, new CoverVersionQuery { CoverId = 1 }, TestContext.Current.CancellationToken).ToListAsync();
        Assert.Equal(CoverPortfolioSync.MissingList, versions[^1].SourceList);
        return ended;
    }

    [Fact]
    public async Task A_cover_that_leaves_is_ended_with_its_own_historic_version_not_an_earlier_one_listed_after_it()
    {
        source.Covers.Add(DecidedOnTheDay(40000, appliedAtHour: 10));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Covers.Clear();
        source.Historic.Add(DecidedOnTheDay(40000, appliedAtHour: 10, historic: "CCLD"));
        source.Historic.Add(DecidedOnTheDay(50000, appliedAtHour: 9, historic: "SCLD"));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        // Before, of two versions decided on one day the one listed last was taken: the superseded 50000.
        var ended = Assert.Single(handler.Changes, c => c.Kind == CoverChangeKind.CoverEnded);
        Assert.Equal("CCLD", ended.Cover!.HistoricCode);
        Assert.Equal(40000m, ended.Cover.DecidedAmount);
        Assert.Equal(DecisionDay.AddHours(10), ended.Cover.ApplicationDate);
        Assert.DoesNotContain(handler.Changes, c => c.Kind == CoverChangeKind.AmountChanged);
        var versions = await store.ReadCoverVersionsAsync(Portfolios.Key, new CoverVersionQuery { CoverId = 1 }, TestContext.Current.CancellationToken).ToListAsync();
        Assert.Equal(CoverPortfolioSync.HistoricList, versions[^1].SourceList);
    }

    [Fact]
    public async Task A_cover_gone_from_every_list_is_reported_ended_once()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Covers.Clear();

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);
        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        var ended = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.CoverEnded, ended.Kind);
        Assert.True(ended.Cover!.IsHistoric);
        Assert.False(ended.PreviousCover!.IsHistoric);
        var versions = await store.ReadCoverVersionsAsync(Portfolios.Key, new CoverVersionQuery { CoverId = 1 }, TestContext.Current.CancellationToken).ToListAsync();
        Assert.Equal(CoverPortfolioSync.MissingList, versions[^1].SourceList);
        Assert.True(CoverFingerprints.ReadCover(versions[^1].Payload).IsHistoric);
    }

    [Fact]
    public async Task A_cover_listed_again_after_it_was_recorded_missing_is_reported_as_a_new_decision()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        source.Covers.Clear();
        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Covers.Add(Covers.Decided(1, 100, 50000));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        var back = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.NewDecision, back.Kind);
        Assert.False(back.IsInitialLoad);
        Assert.True(back.PreviousCover!.IsHistoric);
        var field = Assert.Single(back.FieldChanges);
        Assert.Equal(("IsHistoric", "true", "false"), (field.Field, field.Before, field.After));
    }

    [Fact]
    public async Task A_cover_the_historic_list_holds_without_a_historic_code_is_reported_ended_and_not_looked_up_again()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        handler.Clear();
        source.Covers.Clear();
        source.Historic.Add(Covers.Decided(1, 100, 50000));

        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);
        var reads = source.HistoricReads;
        await sync.SyncAsync(handler, forceFullReconciliation: true, TestContext.Current.CancellationToken);

        var ended = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.CoverEnded, ended.Kind);
        Assert.True(ended.Cover!.IsHistoric);
        Assert.Null(ended.Cover.HistoricCode);
        Assert.Equal(reads, source.HistoricReads);
        var versions = await store.ReadCoverVersionsAsync(Portfolios.Key, new CoverVersionQuery { CoverId = 1 }, TestContext.Current.CancellationToken).ToListAsync();
        Assert.Equal(CoverPortfolioSync.HistoricList, versions[^1].SourceList);
    }

    [Fact]
    public async Task Buyer_rating_changes_are_reported_with_their_direction_but_first_sightings_are_not()
    {
        source.Buyers.Add(CoverModelFactory.Buyer(100, rating: 40));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Empty(handler.Changes);
        source.Buyers[0] = CoverModelFactory.Buyer(100, rating: 55, previousRating: 40, ratingChange: BuyerRatingChange.Down);

        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        var change = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.BuyerRatingChanged, change.Kind);
        Assert.Equal(100, change.BuyerId);
        Assert.Equal((40, 55, "down"), (change.PreviousRating, change.Rating, change.RatingDirection));
    }

    [Fact]
    public async Task A_rating_that_moved_twice_between_syncs_is_reported_in_the_direction_of_the_whole_move()
    {
        source.Buyers.Add(CoverModelFactory.Buyer(100, rating: 50));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        // 50, then 40 (up, unseen), then 45: my-buyers names only its last step, 40 to 45, "down".
        source.Buyers[0] = CoverModelFactory.Buyer(100, rating: 45, previousRating: 40, ratingChange: BuyerRatingChange.Down);
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        var change = Assert.Single(handler.Changes);
        Assert.Equal((50, 45, "up"), (change.PreviousRating, change.Rating, change.RatingDirection));
    }

    [Fact]
    public async Task A_rating_whose_direction_nothing_tells_is_reported_without_one()
    {
        source.Buyers.Add(CoverModelFactory.Buyer(100, rating: 50));
        source.Buyers.Add(CoverModelFactory.Buyer(200, rating: 50));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        // Buyer 100: a direction with no previous rating to tell the scale by; buyer 200: a direction the service
        // gives for a step that did not move the number.
        source.Buyers[0] = CoverModelFactory.Buyer(100, rating: 45, ratingChange: BuyerRatingChange.Down);
        source.Buyers[1] = CoverModelFactory.Buyer(200, rating: 45, previousRating: 45, ratingChange: BuyerRatingChange.Down);
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal(2, handler.Changes.Count);
        Assert.All(handler.Changes, c => Assert.Equal((50, 45, (string?)null), (c.PreviousRating, c.Rating, c.RatingDirection)));
    }

    [Fact]
    public async Task A_new_rating_class_with_the_same_number_is_a_rating_change_and_is_delivered_again_as_it_was()
    {
        source.Buyers.Add(CoverModelFactory.Buyer(100, rating: 40, ratingClass: "Low risk"));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        source.Buyers[0] = CoverModelFactory.Buyer(100, rating: 40, ratingClass: "Medium risk");

        // The handler fails on it: it is delivered again from the store, with everything it had.
        handler.FailOn = c => c.Kind == CoverChangeKind.BuyerRatingChanged;
        await Assert.ThrowsAsync<InvalidOperationException>(() => sync.SyncAsync(handler, TestContext.Current.CancellationToken));
        Assert.Equal(1, await sync.DeliverPendingChangesAsync(handler, TestContext.Current.CancellationToken));

        var change = Assert.Single(handler.Changes);
        Assert.Equal(CoverChangeKind.BuyerRatingChanged, change.Kind);
        Assert.Equal((40, 40, "Low risk", "Medium risk", (string?)null), (change.PreviousRating, change.Rating, change.PreviousRatingClass, change.RatingClass, change.RatingDirection));
    }

    [Fact]
    public async Task A_buyer_listed_twice_with_different_ratings_is_one_buyer_whose_rating_does_not_change()
    {
        source.Buyers.Add(CoverModelFactory.Buyer(100, rating: 40));
        source.Buyers.Add(CoverModelFactory.Buyer(100, rating: 55));
        var sync = NewSync();
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Empty(handler.Changes);
        var versions = await store.GetLatestBuyerRatingVersionsAsync(Portfolios.Key, [100L], TestContext.Current.CancellationToken);
        Assert.Equal(40, CoverFingerprints.ReadBuyer(Assert.Single(versions).Payload).Rating);
    }

    [Fact]
    public async Task Changes_a_handler_failed_on_are_delivered_again_and_none_is_lost()
    {
        AddDecidedCovers(5);

        var sync = NewSync(chunkSize: 2);
        handler.FailOn = c => c.CoverId == 4;
        await Assert.ThrowsAsync<InvalidOperationException>(() => sync.SyncAsync(handler, TestContext.Current.CancellationToken));
        Assert.Equal([1L, 2L, 3L], handler.Changes.Select(c => c.CoverId!.Value));

        var result = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], handler.Changes.Select(c => c.CoverId!.Value));
        Assert.Equal(2, result.ChangesDelivered);
        Assert.Equal(handler.Changes.Select(c => c.ChangeId).Order(), handler.Changes.Select(c => c.ChangeId));
    }

    [Fact]
    public async Task A_sync_stopped_while_delivering_hands_no_further_change_to_a_handler_that_ignores_the_token_and_delivers_the_rest_later()
    {
        AddDecidedCovers(10);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var delivered = new List<long>();
        var stopAt = 3;
        Task IgnoringTheToken(CoverPortfolioChange change, CancellationToken _)
        {
            delivered.Add(change.CoverId!.Value);
            if (delivered.Count == stopAt)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        }

        var sync = NewSync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.SyncAsync(IgnoringTheToken, stop.Token));
        Assert.Equal([1L, 2L, 3L], delivered);

        // Stopped again while the outbox is delivered at the start of the next sync.
        using var stopAgain = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stopAt = 5;
        Task AlsoIgnoringTheToken(CoverPortfolioChange change, CancellationToken _)
        {
            delivered.Add(change.CoverId!.Value);
            if (delivered.Count == stopAt)
            {
                stopAgain.Cancel();
            }

            return Task.CompletedTask;
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.SyncAsync(AlsoIgnoringTheToken, stopAgain.Token));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], delivered);

        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        Assert.Equal([6L, 7L, 8L, 9L, 10L], handler.Changes.Select(c => c.CoverId!.Value));
    }

    [Fact]
    public async Task Chunks_are_committed_one_at_a_time()
    {
        AddDecidedCovers(5);

        var result = await NewSync(chunkSize: 2).SyncAsync(handler, TestContext.Current.CancellationToken);

        // 3 chunks of covers, 0 of buyers, and the sync state.
        Assert.Equal(4, result.Commits);
        Assert.Equal(5, result.CoverVersionsStored);
    }

    [Fact]
    public async Task The_read_goes_on_while_a_chunk_is_committed_but_never_more_than_one_chunk_ahead()
    {
        AddDecidedCovers(30);

        var read = new HandOutCounter();
        source.BeforeCover = read.Before;

        // The second chunk is gathered while the first is still being committed, but the read waits there: a third
        // chunk would be two ahead of the store.
        var (syncing, firstCommitHeld) = await StartWithFirstCommitHeldAsync(commit => commit.CoverVersions.Count > 0);

        Assert.Equal(20, read.HandedOut);
        Assert.Empty(handler.Changes);
        Assert.False(syncing.IsCompleted);

        firstCommitHeld.SetResult();
        var result = await syncing;

        Assert.Equal(Enumerable.Range(1, 30).Select(id => (long)id), handler.Changes.Select(c => c.CoverId!.Value));
        Assert.Equal(handler.Changes.Select(c => c.ChangeId).Order(), handler.Changes.Select(c => c.ChangeId));
        Assert.Equal((30, 30), (result.CoverVersionsStored, result.ChangesDelivered));
    }

    [Fact]
    public async Task Buyers_ratings_are_read_on_while_a_chunk_of_them_is_committed()
    {
        for (var id = 1; id <= 30; id++)
        {
            source.Buyers.Add(CoverModelFactory.Buyer(id, rating: id % 20));
        }

        var read = new HandOutCounter();
        source.BeforeBuyer = read.Before;

        var (syncing, firstCommitHeld) = await StartWithFirstCommitHeldAsync(commit => commit.BuyerRatingVersions.Count > 0);

        Assert.Equal(20, read.HandedOut);

        firstCommitHeld.SetResult();
        var result = await syncing;

        Assert.Equal(30, result.BuyersRead);
        var stored = new List<long>();
        await foreach (var entry in store.ReadLatestBuyerRatingFingerprintsAsync(Portfolios.Key, TestContext.Current.CancellationToken))
        {
            stored.Add(entry.BuyerId);
        }

        Assert.Equal(Enumerable.Range(1, 30).Select(id => (long)id), stored.Order());
    }

    [Fact]
    public async Task A_sync_whose_read_breaks_returns_only_once_the_chunk_ahead_is_committed_and_the_next_sync_loses_nothing()
    {
        AddDecidedCovers(25);

        var read = new HandOutCounter();
        source.BeforeCover = async n =>
        {
            await read.Before(n);
            if (n == 15)
            {
                throw new HttpRequestException("The connection was reset.");
            }
        };

        // The read broke after the first chunk went to be committed: the sync waits for that commit before it ends.
        var (syncing, firstCommitHeld) = await StartWithFirstCommitHeldAsync(_ => true);

        Assert.Equal(15, read.HandedOut);
        Assert.False(syncing.IsCompleted);

        firstCommitHeld.SetResult();
        await Assert.ThrowsAsync<HttpRequestException>(() => syncing);

        // The chunk ahead was committed and delivered before the sync ended; nothing after the break was written.
        Assert.Equal(Enumerable.Range(1, 10).Select(id => (long)id), handler.Changes.Select(c => c.CoverId!.Value));
        Assert.Null(await store.GetSyncStateAsync(Portfolios.Key, TestContext.Current.CancellationToken));

        source.BeforeCover = null;
        var result = await NewSync(chunkSize: 10).SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 25).Select(id => (long)id), handler.Changes.Select(c => c.CoverId!.Value));
        Assert.Equal(15, result.CoverVersionsStored);
    }

    [Fact]
    public void A_change_about_a_cover_the_store_returns_without_that_cover_is_refused_naming_the_change()
    {
        // Delivery reads each stored change this way before the handler sees it: a store that does not hand out the
        // versions a change refers to must not make the handler believe a cover changed into nothing.
        var stored = new StoredPortfolioChange
        {
            ChangeId = 41,
            Kind = nameof(CoverChangeKind.AmountChanged),
            CoverId = 1,
            BuyerId = 100,
            NewVersionId = 7,
            OccurredAt = Portfolios.T0,
            Payload = "{}"u8.ToArray(),
        };

        var error = Assert.Throws<InvalidDataException>(() => CoverPortfolioSync.ReadChange(stored));

        Assert.Contains("change 41", error.Message, StringComparison.Ordinal);
        Assert.Contains("cover version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_without_a_portfolio_key_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions()));
        Assert.Contains("PortfolioKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200417/\0", "must not contain a NUL character")]
    [InlineData(null, "must be at most 500 characters long; it has 501.")]
    public void A_portfolio_key_no_store_keeps_is_refused_naming_the_setting_before_any_read(string? key, string problem)
    {
        var options = new CoverPortfolioSyncOptions { PortfolioKey = key ?? new string('k', 501) };

        var error = Assert.Throws<ArgumentException>(() => new CoverPortfolioSync(source, store, options, clock));

        Assert.Equal(nameof(CoverPortfolioSyncOptions.PortfolioKey), error.ParamName);
        Assert.Contains("CoverPortfolioSyncOptions.PortfolioKey " + problem, error.Message, StringComparison.Ordinal);
        Assert.Empty(source.CoverQueries);
    }

    [Theory]
    [InlineData(366L * TimeSpan.TicksPerDay + 1)]
    [InlineData(long.MaxValue)]
    public void An_overlap_longer_than_366_days_is_refused_naming_the_setting_before_any_read(long overlapTicks)
    {
        // Accepted before, TimeSpan.MaxValue failed the second sync with "The added or subtracted value results in an
        // un-representable DateTime", naming no setting.
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChangedSinceOverlap = TimeSpan.FromTicks(overlapTicks) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CoverPortfolioSync(source, store, options, clock));

        Assert.Equal(nameof(CoverPortfolioSyncOptions.ChangedSinceOverlap), error.ParamName);
        Assert.Contains("CoverPortfolioSyncOptions.ChangedSinceOverlap", error.Message, StringComparison.Ordinal);
        Assert.Empty(source.CoverQueries);
    }

    [Fact]
    public async Task Options_changed_after_the_sync_was_created_do_not_reach_it()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var options = new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key };
        var sync = new CoverPortfolioSync(source, store, options, clock);
        options.PortfolioKey = Portfolios.OtherKey;
        options.ChangedSinceOverlap = TimeSpan.MaxValue;
        options.ChunkSize = -1;
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(5));

        var result = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.Equal(Portfolios.T0 - TimeSpan.FromMinutes(15), result.ChangedSince);
        Assert.Equal(Portfolios.Key, sync.PortfolioKey);
        Assert.Equal(2, (await store.GetSyncStateAsync(Portfolios.Key, TestContext.Current.CancellationToken))!.RunCount);
        Assert.Null(await store.GetSyncStateAsync(Portfolios.OtherKey, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_longest_overlap_narrows_the_read_to_366_days_before_the_previous_start()
    {
        source.Covers.Add(Covers.Decided(1, 100, 50000));
        var sync = new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = Portfolios.Key, ChangedSinceOverlap = TimeSpan.FromDays(366) }, clock);
        await sync.SyncAsync(handler, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(5));

        var result = await sync.SyncAsync(handler, TestContext.Current.CancellationToken);

        Assert.False(result.WasFullReconciliation);
        Assert.Equal(Portfolios.T0 - TimeSpan.FromDays(366), result.ChangedSince);
    }
}
