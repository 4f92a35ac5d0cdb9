using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Decisions;

/// <summary>A referred change is followed to the underwriter's decision by an operation, as a referred application is.</summary>
public sealed class ReferredChangeTests
{
    private static readonly CoverKey Key = new(77, CoverType.CreditLimit);

    // The buyer's cover of 50,000, applied for and decided in October: the version a change made now replaces.
    private static readonly string Replaced = CoverJson(9300, amount: 50000, decided: 50000, applicationDate: "2026-10-01T10:00:00Z", decisionDate: "2026-10-02T10:00:00Z");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referred_increase_gives_an_operation_that_waits_until_the_lists_show_the_underwriters_decision()
    {
        using var api = CoverApi.WithPollingClock();
        var applicationReads = 0;
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9301)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, Interlocked.Increment(ref applicationReads) <= 2
            ? DataJson(CoverJson(9301, status: "REFERRED", amount: 80000))
            : DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9301, amount: 80000, decided: 80000))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        var operation = Assert.IsType<CoverApplicationOperation>(result.Operation);
        Assert.Equal(9301, operation.Id);
        Assert.Equal(77, operation.BuyerId);
        Assert.False(operation.HasCompleted);
        Assert.True(operation.Latest!.IsReferred);

        var decided = await api.RunPollingAsync(operation.WaitForCompletionAsync(Ct));

        Assert.True(operation.HasCompleted);
        Assert.Equal(9301, decided.CoverId);
        Assert.True(decided.IsDecided);
        Assert.Equal(80000m, decided.DecidedAmount!.Value.Amount);
        Assert.Equal(3, applicationReads);
        Assert.Equal(1, api.Count(HttpMethod.Put, CoversUrl));
    }

    [Fact]
    public async Task A_201_whose_named_cover_is_listed_referred_gives_an_operation_on_that_cover()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9302)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9302, status: "REFERRED", amount: 80000))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        Assert.Equal(9302, result.Operation!.Id);
        Assert.False(result.Operation.HasCompleted);
    }

    [Fact]
    public async Task A_202_naming_no_cover_is_followed_under_the_referred_application_not_the_decided_cover_it_replaces()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, DataJson("""{"response":"Action successful"}""")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9303, status: "REFERRED", amount: 80000))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        Assert.Equal(9303, result.CoverId);
        Assert.True(result.Cover!.IsReferred);
        Assert.Equal(9303, result.Operation!.Id);
    }

    [Fact]
    public async Task An_applied_change_has_no_operation()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9201)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9201, amount: 80000, decided: 80000))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Applied, result.Outcome);
        Assert.Null(result.Operation);
    }

    [Fact]
    public async Task A_change_refused_inside_a_201_body_has_no_operation()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9202, "Action has been refused.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9202))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Refused, result.Outcome);
        Assert.Null(result.Operation);
    }

    [Fact]
    public async Task A_referred_change_recovered_after_an_unanswered_attempt_gets_an_operation_on_the_referred_cover()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(502, """{"faultstring":"Bad Gateway"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9305, status: "REFERRED", amount: 80000))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        Assert.Equal(9305, result.Operation!.Id);
        Assert.True(result.Operation.Latest!.IsReferred);
        Assert.False(result.Operation.HasCompleted);
        Assert.Equal(1, api.Count(HttpMethod.Put, CoversUrl));
    }

    [Fact]
    public async Task A_referred_change_under_the_id_of_the_cover_it_replaces_is_not_taken_as_decided_by_that_covers_earlier_decision()
    {
        // Whether a change keeps the cover's id is unknown on the real service. If it does, the lists may show the decided
        // version the change replaces under that id while the change waits, before the referred version shows.
        using var api = new CoverApi();
        var decided = false;
        ReferIncreaseUnderTheReplacedCoversId(api, () => decided);

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        await AssertCompletesOnlyWithTheChangesDecisionAsync(result.Operation!, () => decided = true);
    }

    [Fact]
    public async Task A_change_operation_rebuilt_with_its_time_does_not_take_the_replaced_versions_decision_either()
    {
        // A caller that stored the cover id, the buyer and the time, and follows the change from another process.
        using var api = new CoverApi();
        var decided = false;
        ReferIncreaseUnderTheReplacedCoversId(api, () => decided);
        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);
        var changedNoEarlierThan = result.Operation!.ChangedNoEarlierThan!.Value;

        var rebuilt = api.Client.Applications.GetChangeOperation(result.CoverId!.Value, Key.BuyerId, changedNoEarlierThan);

        Assert.True(changedNoEarlierThan <= api.Time.GetUtcNow());
        Assert.Equal(changedNoEarlierThan, rebuilt.ChangedNoEarlierThan);
        await AssertCompletesOnlyWithTheChangesDecisionAsync(rebuilt, () => decided = true);
    }

    [Fact]
    public void A_change_operation_rebuilt_without_a_time_is_refused_naming_the_argument_before_any_request()
    {
        using var api = new CoverApi();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => api.Client.Applications.GetChangeOperation(9300, 77, DateTimeOffset.MinValue));

        Assert.Equal("changedNoEarlierThan", ex.ParamName);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(60)]
    [InlineData(24 * 60)]
    public void A_change_operation_rebuilt_with_a_time_after_now_is_refused_naming_the_argument_before_any_request(int minutesAhead)
    {
        // Before, it was taken: every version, the change's own decision included, counted as the one the change
        // replaced, and the operation never completed.
        using var api = new CoverApi();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => api.Client.Applications.GetChangeOperation(9300, 77, api.Time.GetUtcNow().AddMinutes(minutesAhead)));

        Assert.Equal("changedNoEarlierThan", ex.ParamName);
        Assert.Contains("after now", ex.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void A_change_operation_rebuilt_with_the_latest_time_there_is_is_refused_naming_the_argument()
    {
        using var api = new CoverApi();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => api.Client.Applications.GetChangeOperation(9300, 77, DateTimeOffset.MaxValue));

        Assert.Equal("changedNoEarlierThan", ex.ParamName);
    }

    [Fact]
    public void A_change_operation_rebuilt_with_a_time_a_few_minutes_ahead_of_the_clients_clock_is_taken()
    {
        // The time may come from the clock of the process that made the change, which can run a little ahead of this one.
        using var api = new CoverApi();
        var changedNoEarlierThan = api.Time.GetUtcNow().AddMinutes(5).ToOffset(TimeSpan.FromHours(2));

        var rebuilt = api.Client.Applications.GetChangeOperation(9300, 77, changedNoEarlierThan);

        Assert.Equal(changedNoEarlierThan, rebuilt.ChangedNoEarlierThan);
    }

    [Fact]
    public async Task An_applications_operation_has_no_change_time()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(202, ActionJson(9400)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9400, status: "REFERRED", decided: null))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CurrencyCode = "EUR", CustomerReference = "R-1" }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Referred, result.Outcome);
        Assert.Null(result.Operation!.ChangedNoEarlierThan);
    }

    [Fact]
    public async Task A_referred_increase_refused_by_the_underwriter_ends_with_its_historic_version()
    {
        // The refused application goes to the historic list; the cover it would have replaced stays as it was.
        using var api = new CoverApi();
        var refused = false;
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9306)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, refused ? DataJson() : DataJson(CoverJson(9306, status: "REFERRED", amount: 80000))));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(
            """{"coverId":9306,"buyerId":77,"coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC05","historicCode":"RCLA","creditLimitApplicationAmountInPolicyCurrency":80000,"applicationDate":"2026-12-01T09:00:00Z","decisionDate":"2026-12-03T10:00:00Z"}""")));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);
        refused = true;
        await result.Operation!.UpdateStatusAsync(Ct);

        Assert.True(result.Operation.HasCompleted);
        Assert.True(result.Operation.Value.IsHistoric);
        Assert.True(result.Operation.Value.IsRefusal);
        Assert.Equal(9306, result.Operation.Value.CoverId);
    }

    [Fact]
    public async Task A_referred_cancellation_has_no_operation()
    {
        // A cancellation ends a cover: there is no decision on it to wait for.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9300)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Decisions.CancelAsync(Key, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        Assert.Null(result.Operation);
    }

    [Fact]
    public async Task A_wait_on_a_referred_change_that_times_out_names_the_change_and_how_to_follow_it_later()
    {
        using var api = CoverApi.WithPollingClock();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9307)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300, amount: 50000, decided: 50000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9307, status: "REFERRED", amount: 80000))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<CoverOperationTimeoutException>(() => api.RunPollingAsync(result.Operation!.WaitForCompletionAsync(Ct)));

        Assert.Contains("change referred under cover 9307", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Applications.GetChangeOperation(coverId, buyerId, changedNoEarlierThan: " + result.Operation!.ChangedNoEarlierThan!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains("stays referred", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referred_increase_answered_with_the_id_of_the_cover_it_replaces_is_followed_under_the_id_it_shows_under()
    {
        // The answer names "the cover acted on": a service that gives the change a new id may name the cover it replaces,
        // whose decided version stays listed while the change waits under its own id.
        using var api = new CoverApi();
        var decided = false;
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9300)));
        var increase = CoverJson(9301, amount: 80000, decided: 80000, applicationDate: "2026-12-01T09:00:00Z", decisionDate: "2026-12-03T10:00:00Z");
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(decided ? increase : Replaced)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(decided ? increase : Replaced)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, decided ? DataJson() : DataJson(CoverJson(9301, status: "REFERRED", amount: 80000, applicationDate: "2026-12-01T09:00:00Z"))));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, decided ? DataJson(CoverJson(9300, amount: 50000, decided: 50000, historicCode: "SCLD", applicationDate: "2026-10-01T10:00:00Z", decisionDate: "2026-10-02T10:00:00Z")) : DataJson()));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        Assert.Equal(9301, result.CoverId);
        Assert.Equal(9301, result.Cover!.CoverId);
        Assert.True(result.Cover.IsReferred);
        var operation = result.Operation!;
        Assert.Equal(9301, operation.Id);
        Assert.Equal(9301, operation.Latest!.CoverId);
        await operation.UpdateStatusAsync(Ct);
        Assert.False(operation.HasCompleted);

        decided = true;
        var decision = await operation.WaitForCompletionAsync(Ct);

        Assert.Equal(9301, decision.CoverId);
        Assert.Equal(80000m, decision.DecidedAmount!.Value.Amount);
        Assert.Equal(1, api.Count(HttpMethod.Put, CoversUrl));
    }

    [Fact]
    public async Task A_referred_reduction_that_keeps_the_covers_id_is_never_taken_for_another_application_waiting_on_the_key()
    {
        // The named cover still shows its version from before the call; another referred application of the key, for
        // another amount, is not this change and must not be followed as it.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9300)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(Replaced)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(Replaced)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9400, status: "REFERRED", amount: 80000, applicationDate: "2026-12-01T09:00:00Z"))));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Decisions.ReduceAsync(Key, 30000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        Assert.Equal(9300, result.CoverId);
        Assert.Equal(9300, result.Operation!.Id);
        Assert.NotEqual(9400, result.Cover?.CoverId);
    }

    [Fact]
    public async Task An_increase_applied_at_once_and_answered_with_the_id_of_the_cover_it_replaces_reports_the_changed_cover()
    {
        // Decided at once under a new id, while the lists still show the replaced version beside it.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9300)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(Replaced, CoverJson(9301, amount: 80000, decided: 80000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Applied, result.Outcome);
        Assert.Equal(9301, result.CoverId);
        Assert.Equal(80000m, result.Cover!.DecidedAmount!.Value.Amount);
        Assert.Null(result.Operation);
    }

    [Fact]
    public async Task A_referred_increase_that_keeps_the_covers_id_is_read_back_as_its_referred_version_not_the_replaced_one()
    {
        using var api = new CoverApi();
        var decided = false;
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9300)));
        var increase = CoverJson(9300, amount: 80000, decided: 80000, applicationDate: "2026-12-01T09:00:00Z", decisionDate: "2026-12-03T10:00:00Z");
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(decided ? increase : Replaced)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(decided ? increase : Replaced)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, decided ? DataJson() : DataJson(CoverJson(9300, status: "REFERRED", amount: 80000, applicationDate: "2026-12-01T09:00:00Z"))));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Referred, result.Outcome);
        Assert.Equal(9300, result.CoverId);
        Assert.True(result.Cover!.IsReferred);
        Assert.Equal(80000m, result.Cover.ApplicationAmount!.Value.Amount);
        Assert.Equal(9300, result.Operation!.Id);

        decided = true;
        await result.Operation.UpdateStatusAsync(Ct);

        Assert.True(result.Operation.HasCompleted);
        Assert.Equal(80000m, result.Operation.Value.DecidedAmount!.Value.Amount);
    }

    [Fact]
    public async Task A_change_refused_inside_a_201_body_naming_an_earlier_decided_cover_reads_that_cover_back_as_it_stands()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9300, "Action has been refused.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(Replaced)));

        var result = await api.Client.Decisions.IncreaseAsync(Key, 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Refused, result.Outcome);
        Assert.Equal(9300, result.CoverId);
        Assert.Equal(50000m, result.Cover!.DecidedAmount!.Value.Amount);
    }

    [Fact]
    public async Task A_new_reference_made_under_the_covers_id_and_dates_is_read_back_with_the_new_reference()
    {
        // A service may change only the reference and keep the cover's application and decision dates.
        using var api = new CoverApi();
        var changed = false;
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ =>
        {
            changed = true;
            return Answer(201, ActionJson(9300));
        });
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(changed ? Replaced.Replace("\"R-1\"", "\"NEW-REF\"", StringComparison.Ordinal) : Replaced)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Decisions.UpdateCustomerReferenceAsync(Key, "NEW-REF", cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Applied, result.Outcome);
        Assert.Equal(9300, result.CoverId);
        Assert.Equal("NEW-REF", result.Cover!.CustomerReference);
    }

    /// <summary>
    /// While only the decided version the change replaces shows under the id, the operation waits and has read nothing
    /// of its own; once <paramref name="decide"/> lets the change's decision show, it completes with that (80,000).
    /// </summary>
    private static async Task AssertCompletesOnlyWithTheChangesDecisionAsync(CoverApplicationOperation operation, Action decide)
    {
        await operation.UpdateStatusAsync(Ct);
        Assert.False(operation.HasCompleted);
        Assert.Null(operation.Latest);

        decide();
        await operation.UpdateStatusAsync(Ct);

        Assert.True(operation.HasCompleted);
        Assert.Equal(80000m, operation.Value.DecidedAmount!.Value.Amount);
    }

    // A service that keeps the cover's id for a referred increase to 80,000: until the underwriter decides, the lists show
    // the replaced version of 50,000 (applied for and decided in October) under that id, then the increase decided.
    private static void ReferIncreaseUnderTheReplacedCoversId(CoverApi api, Func<bool> decided)
    {
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(202, ActionJson(9300)));
        var earlier = CoverJson(9300, amount: 50000, decided: 50000, applicationDate: "2026-10-01T10:00:00Z", decisionDate: "2026-10-02T10:00:00Z");
        var now = CoverJson(9300, amount: 80000, decided: 80000, applicationDate: "2026-12-01T09:00:00Z", decisionDate: "2026-12-03T10:00:00Z");
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(decided() ? now : earlier)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(decided() ? now : earlier)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));
    }
}
