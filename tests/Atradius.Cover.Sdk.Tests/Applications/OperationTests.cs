using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Applications;

public sealed class OperationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operation_rebuilt_from_cover_and_buyer_polls_the_lists_until_decided()
    {
        using var api = CoverApi.WithPollingClock();
        var polls = 0;
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, Interlocked.Increment(ref polls) < 3 ? DataJson(CoverJson(9400, status: "REFERRED")) : DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9400, decided: 250000))));

        var operation = api.Client.Applications.GetOperation(9400, 77);
        var decided = await api.RunPollingAsync(operation.WaitForCompletionAsync(Ct));

        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
        Assert.Equal(250000m, decided.DecidedAmount!.Value.Amount);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task An_application_seen_decided_stays_completed_when_a_lagging_list_shows_it_referred_again()
    {
        using var api = new CoverApi();
        var applicationReads = 0;
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, Interlocked.Increment(ref applicationReads) == 1 ? DataJson() : DataJson(CoverJson(9402, status: "REFERRED"))));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9402, decided: 250000))));
        var operation = api.Client.Applications.GetOperation(9402, 77);

        await operation.UpdateStatusAsync(Ct);
        Assert.True(operation.HasCompleted);
        await operation.UpdateStatusAsync(Ct);

        Assert.True(operation.HasCompleted);
        Assert.True(operation.Value.IsDecided);
        Assert.Equal(250000m, operation.Value.DecidedAmount!.Value.Amount);
    }

    [Fact]
    public async Task Of_two_status_reads_at_once_the_one_answered_last_with_a_referred_copy_does_not_set_the_decided_application_back()
    {
        using var api = new CoverApi();
        var applicationReads = 0;
        var firstReadArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterReadDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(async _ =>
        {
            if (Interlocked.Increment(ref applicationReads) == 1)
            {
                firstReadArrived.SetResult();
                // The first read's answer, still showing the application referred, arrives after the second read's.
                await laterReadDone.Task.WaitAsync(Ct);
                return Answer(200, DataJson(CoverJson(9403, status: "REFERRED")));
            }

            return Answer(200, DataJson());
        });
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9403, decided: 250000))));
        var operation = api.Client.Applications.GetOperation(9403, 77);

        var slowerRead = operation.UpdateStatusAsync(Ct);
        await firstReadArrived.Task.WaitAsync(Ct);
        await operation.UpdateStatusAsync(Ct);
        laterReadDone.SetResult();
        await slowerRead;

        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
        Assert.Same(operation.Value, operation.Latest);
        Assert.Equal(250000m, operation.Value.DecidedAmount!.Value.Amount);
    }

    [Fact]
    public async Task The_reads_of_an_operation_carry_the_correlation_id_and_headers_of_the_call_that_made_the_application()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(202, ActionJson(9410)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9410, status: "REFERRED"))));
        var options = new CoverRequestOptions { CorrelationId = "erp-order-5521" };
        options.Headers["X-Tenant"] = "t-9";

        var submitted = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 500000 }, options, Ct);
        // The caller reuses its options object for its next call: the application is still followed under its own id.
        options.CorrelationId = "erp-order-5522";
        options.Headers["X-Tenant"] = "t-10";
        var before = api.Requests.Count;
        await submitted.Operation!.UpdateStatusAsync(Ct);

        var poll = Assert.Single(api.Requests.Skip(before));
        Assert.Equal("erp-order-5521", poll.Headers["Atradius-Correlation-Id"]);
        Assert.Equal("t-9", poll.Headers["X-Tenant"]);
    }

    [Fact]
    public async Task A_rebuilt_operation_sends_one_correlation_id_with_every_read_when_given_options_and_a_new_one_per_read_without()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9411, status: "REFERRED"))));
        var traced = api.Client.Applications.GetOperation(9411, 77, options: new CoverRequestOptions { CorrelationId = "follow-9411" });
        var untraced = api.Client.Applications.GetOperation(9411, 77);

        await traced.UpdateStatusAsync(Ct);
        await traced.UpdateStatusAsync(Ct);
        await untraced.UpdateStatusAsync(Ct);
        await untraced.UpdateStatusAsync(Ct);

        var ids = api.Requests.Where(r => r.Method == HttpMethod.Get).Select(r => r.Headers["Atradius-Correlation-Id"]).ToList();
        Assert.Equal(["follow-9411", "follow-9411"], ids.Take(2));
        Assert.NotEqual(ids[2], ids[3]);
        Assert.Throws<ArgumentException>(() => api.Client.Applications.GetOperation(9411, 77, options: new CoverRequestOptions { CorrelationId = "bad\nid" }));
    }

    [Fact]
    public async Task An_application_listed_with_neither_status_nor_decision_code_is_not_completed()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, """{"data":[{"coverId":9403,"buyerId":77,"coverType":"credit-limit","creditLimitApplicationAmountInPolicyCurrency":50000}]}"""));
        var operation = api.Client.Applications.GetOperation(9403, 77);

        await operation.UpdateStatusAsync(Ct);

        Assert.False(operation.HasCompleted);
        Assert.False(operation.HasValue);
        Assert.Equal(9403, operation.Latest!.CoverId);
    }

    [Fact]
    public async Task A_wait_ends_with_the_historic_version_of_an_application_rejected_or_cancelled_while_referred()
    {
        using var api = CoverApi.WithPollingClock();
        var polls = 0;
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, Interlocked.Increment(ref polls) < 2 ? DataJson(CoverJson(9406, status: "REFERRED")) : DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(CoverJson(9406, status: "REFERRED", historicCode: "RCLA"))));

        var operation = api.Client.Applications.GetOperation(9406, 77);
        var ended = await api.RunPollingAsync(operation.WaitForCompletionAsync(Ct));

        Assert.True(operation.HasCompleted);
        Assert.True(ended.IsHistoric);
        Assert.Equal(9406, ended.CoverId);
        Assert.Equal(2, polls);
    }

    [Fact]
    public async Task An_application_changed_under_its_id_and_then_withdrawn_is_reported_with_its_end_not_an_earlier_amended_copy()
    {
        // Decided, reduced by the insurer under its id (the old version is kept as an amended copy), then withdrawn.
        using var api = new CoverApi();
        foreach (var url in new[] { ApplicationsUrl, DecisionsUrl, CoversUrl })
        {
            api.Mock.When(HttpMethod.Get, url).Respond(_ => Answer(200, DataJson()));
        }

        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(
            CoverJson(9409, decided: 250000, historicCode: "ACLD", decisionDate: "2026-12-01T10:00:00Z"),
            CoverJson(9409, decided: 0, historicCode: "WCLD", decisionDate: "2027-02-01T10:00:00Z"))));

        var operation = api.Client.Applications.GetOperation(9409, 77);
        await operation.UpdateStatusAsync(Ct);

        Assert.True(operation.HasCompleted);
        Assert.Equal(HistoricCode.WithdrawnDecision, operation.Value.HistoricCode);
        Assert.Equal(0m, operation.Value.DecidedAmount!.Value.Amount);
    }

    [Fact]
    public async Task A_wait_for_an_application_no_list_shows_times_out_saying_so_not_that_it_stays_referred()
    {
        using var api = CoverApi.WithPollingClock();
        foreach (var url in new[] { ApplicationsUrl, DecisionsUrl, CoversUrl, HistoricUrl })
        {
            api.Mock.When(HttpMethod.Get, url).Respond(_ => Answer(200, DataJson()));
        }

        var operation = api.Client.Applications.GetOperation(9407, 77);
        var ex = await Assert.ThrowsAsync<CoverOperationTimeoutException>(() => api.RunPollingAsync(operation.WaitForCompletionAsync(Ct)));

        Assert.Contains("None of the buyer's lists shows it", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("stays referred", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_is_bounded_by_the_wait_timeout()
    {
        using var api = CoverApi.WithPollingClock();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9401, status: "REFERRED"))));

        var operation = api.Client.Applications.GetOperation(9401, 77);
        var ex = await Assert.ThrowsAsync<CoverOperationTimeoutException>(() => api.RunPollingAsync(operation.WaitForCompletionAsync(Ct)));

        Assert.Contains("GetOperation", ex.Message, StringComparison.Ordinal);
        Assert.Same(operation, ex.Operation);
        Assert.False(operation.HasCompleted);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
    }

    [Fact]
    public async Task A_wait_for_another_customers_application_that_times_out_says_to_rebuild_it_with_that_customer()
    {
        using var api = CoverApi.WithPollingClock();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9405, status: "REFERRED"))));

        var operation = api.Client.Applications.GetOperation(9405, 77, customerId: 2002, policyId: "7000001");
        var ex = await Assert.ThrowsAsync<CoverOperationTimeoutException>(() => api.RunPollingAsync(operation.WaitForCompletionAsync(Ct)));

        Assert.Contains("GetOperation(coverId, buyerId, customerId, policyId) (customer 2002, policy 7000001)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_with_no_practical_time_limit_follows_the_application_until_decided()
    {
        var clock = new WaitTimerClock(CoverApi.Start, due => due >= TimeSpan.FromDays(2));
        using var api = new CoverApi(clock);
        api.Options.WaitTimeout = TimeSpan.MaxValue;
        api.Options.PollInterval = TimeSpan.FromDays(10);
        var polls = 0;
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, Interlocked.Increment(ref polls) < 5 ? DataJson(CoverJson(9408, status: "REFERRED")) : DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9408, decided: 250000))));

        var operation = api.Client.Applications.GetOperation(9408, 77);
        var waiting = operation.WaitForCompletionAsync(Ct);
        var waits = await clock.RunUntilDoneAsync((Task)waiting, Ct);

        Assert.True(operation.HasCompleted);
        Assert.Equal(250000m, (await waiting).DecidedAmount!.Value.Amount);

        // Doubling from ten days, each wait capped at the 49 days a timer can take.
        Assert.Equal([TimeSpan.FromDays(10), TimeSpan.FromDays(20), TimeSpan.FromDays(40), TimeSpan.FromDays(49)], waits);
    }

    [Fact]
    public async Task Waiting_can_be_cancelled()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9402, status: "REFERRED"))));
        using var cancel = new CancellationTokenSource();

        var wait = api.Client.Applications.GetOperation(9402, 77).WaitForCompletionAsync(cancel.Token);
        // Cancelled once it has read the lists and waits for the next read (the clock never moves on its own).
        for (var tries = 0; api.Count(HttpMethod.Get, ApplicationsUrl) == 0 && tries < 3000; tries++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.False(wait.IsCompleted);
        cancel.Cancel();

        // Bounded: a wait that ignored the token would never end; it fails here with a TimeoutException instead.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30), Ct));
    }

    [Fact]
    public async Task A_referred_application_for_another_customer_is_followed_in_that_customers_lists()
    {
        // Buyer ids are shared between customers: the client's own customer's lists could show another cover 9403.
        using var api = new CoverApi();
        var otherCustomers = DataJson(CoverJson(9403, status: "REFERRED").Replace("\"customerId\":1001", "\"customerId\":2002", StringComparison.Ordinal));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(202, ActionJson(9403)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).WithQueryString("customerId", "2002").Respond(_ => Answer(200, otherCustomers));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9403, decided: 1000))));
        var application = new CoverApplication { BuyerId = 77, CreditLimitAmount = 500000, CustomerId = 2002, PolicyId = "7000001" };

        var result = await api.Client.Applications.SubmitAsync(application, cancellationToken: Ct);
        await result.Operation!.UpdateStatusAsync(Ct);

        Assert.False(result.Operation.HasCompleted);
        Assert.Equal(2002, result.Operation.CustomerId);
        Assert.Equal("7000001", result.Operation.PolicyId);
        Assert.All(
            api.Requests.Where(r => r.Method == HttpMethod.Get),
            r =>
            {
                Assert.Contains("customerId=2002", r.Uri.Query, StringComparison.Ordinal);
                Assert.Contains("policyId=7000001", r.Uri.Query, StringComparison.Ordinal);
            });
    }

    [Fact]
    public async Task An_operation_rebuilt_for_another_customer_reads_that_customers_lists()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).WithQueryString("customerId", "2002").Respond(_ => Answer(200, DataJson(CoverJson(9404, status: "REFERRED"))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9404, decided: 1000))));

        var operation = api.Client.Applications.GetOperation(9404, 77, customerId: 2002);
        await operation.UpdateStatusAsync(Ct);

        Assert.False(operation.HasCompleted);
        Assert.True(operation.Latest!.IsReferred);
    }

    [Theory]
    [InlineData("DC06", 200000, "DC04")]
    [InlineData("DC07", 0, "DC03")]
    public async Task A_preliminary_decision_does_not_end_the_wait_which_ends_with_the_final_decision(string preliminary, int amount, string final)
    {
        // Listed decided (status DECISION), a preliminary decision still waits for the underwriter's final one.
        using var api = CoverApi.WithPollingClock();
        var polls = 0;
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(Decided(9420, Interlocked.Increment(ref polls) < 3 ? preliminary : final, amount))));
        var operation = api.Client.Applications.GetOperation(9420, 77);

        await operation.UpdateStatusAsync(Ct);

        Assert.False(operation.HasCompleted);
        Assert.False(operation.HasValue);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
        Assert.Equal(new DecisionCode(preliminary), operation.Latest!.Code);
        Assert.Equal(amount, operation.Latest.DecidedAmount!.Value.Amount);

        var decided = await api.RunPollingAsync(operation.WaitForCompletionAsync(Ct));

        Assert.True(operation.HasCompleted);
        Assert.Equal(new DecisionCode(final), decided.Code);
        Assert.Same(decided, operation.Latest);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task A_referred_application_read_back_with_a_preliminary_decision_gives_an_operation_that_still_waits()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(202, ActionJson(9421)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(Decided(9421, "DC06", 200000))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 400000 }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Referred, result.Outcome);
        Assert.False(result.Operation!.HasCompleted);
        Assert.Equal(DecisionCode.PartiallyApprovedPreliminary, result.Operation.Latest!.Code);
    }

    [Fact]
    public async Task A_preliminary_decision_past_its_expiry_date_ends_the_wait_as_the_last_word_the_lists_give()
    {
        // Whether a final decision always follows a preliminary one is not known: one that has expired is all there is.
        using var api = CoverApi.WithPollingClock();
        var expired = Decided(9425, "DC06", 200000).Replace("\"totalDecision\":{", "\"totalDecision\":{\"decisionExpiryDate\":\"2020-01-31\",", StringComparison.Ordinal);
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(expired)));
        var operation = api.Client.Applications.GetOperation(9425, 77);

        var ended = await api.RunPollingAsync(operation.WaitForCompletionAsync(Ct));

        Assert.True(operation.HasCompleted);
        Assert.Equal(DecisionCode.PartiallyApprovedPreliminary, ended.Code);
    }

    [Fact]
    public async Task An_application_recovered_as_a_referred_copy_that_ended_undecided_stays_referred()
    {
        // Only its historic copy is left (archived while referred): reported decided, it had no decision to show.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => throw new HttpRequestException("Connection reset by peer", new IOException("reset")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(CoverJson(9426, status: "REFERRED", amount: 400000, historicCode: "ACLD"))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 400000, CustomerReference = "R-1" }, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal((ApplicationOutcome.Referred, 9426L), (result.Outcome, result.CoverId));
    }

    [Fact]
    public async Task An_application_answered_decided_but_read_back_with_a_preliminary_decision_is_referred_with_an_operation()
    {
        // Reported decided, it left the caller no operation to follow it to the final decision.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9423)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(Decided(9423, "DC07", 0))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(Decided(9423, "DC07", 0))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 400000 }, cancellationToken: Ct);

        Assert.Equal((ApplicationOutcome.Referred, 9423L), (result.Outcome, result.CoverId));
        Assert.False(result.Operation!.HasCompleted);
        Assert.Equal(DecisionCode.PreliminaryRefusal, result.Cover!.Code);
    }

    [Fact]
    public async Task An_application_recovered_after_a_lost_answer_with_a_preliminary_decision_is_referred_with_an_operation()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => throw new HttpRequestException("Connection reset by peer", new IOException("reset")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(Decided(9424, "DC06", 200000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 400000, CustomerReference = "R-1" }, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal((ApplicationOutcome.Referred, 9424L), (result.Outcome, result.CoverId));
        Assert.False(result.Operation!.HasCompleted);
        Assert.Equal(DecisionCode.PartiallyApprovedPreliminary, result.Operation.Latest!.Code);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_wait_that_times_out_on_a_preliminary_decision_says_so_and_its_operation_shows_the_decision()
    {
        using var api = CoverApi.WithPollingClock();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(Decided(9422, "DC07", 0))));

        var operation = api.Client.Applications.GetOperation(9422, 77);
        var ex = await Assert.ThrowsAsync<CoverOperationTimeoutException>(() => api.RunPollingAsync(operation.WaitForCompletionAsync(Ct)));

        Assert.Contains("preliminary decision (DC07", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("stays referred", ex.Message, StringComparison.Ordinal);
        Assert.Same(operation, ex.Operation);
        Assert.Equal(DecisionCode.PreliminaryRefusal, operation.Latest!.Code);
    }

    [Fact]
    public async Task An_application_cancelled_with_a_preliminary_decision_ends_the_wait_with_its_historic_version()
    {
        // Only a current cover's preliminary decision waits for a final one: a historic version has none to come.
        using var api = new CoverApi();
        foreach (var url in new[] { ApplicationsUrl, DecisionsUrl, CoversUrl })
        {
            api.Mock.When(HttpMethod.Get, url).Respond(_ => Answer(200, DataJson()));
        }

        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(Decided(9423, "DC06", 200000, historicCode: "CCLD"))));
        var operation = api.Client.Applications.GetOperation(9423, 77);

        await operation.UpdateStatusAsync(Ct);

        Assert.True(operation.HasCompleted);
        Assert.True(operation.Value.IsHistoric);
    }

    // An application for 400,000 decided under the code at the amount.
    private static string Decided(long coverId, string code, decimal amount, string? historicCode = null) =>
        CoverJson(coverId, amount: 400000, decided: amount, historicCode: historicCode).Replace("\"DC01\"", "\"" + code + "\"", StringComparison.Ordinal);
}
