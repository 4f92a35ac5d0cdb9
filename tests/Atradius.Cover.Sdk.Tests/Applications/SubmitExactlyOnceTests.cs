using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Applications;

/// <summary>
/// The real service has no idempotency key: each test injects one fault a proxy injected against the old client,
/// which then reported "not created" for applications that were created.
/// </summary>
public sealed class SubmitExactlyOnceTests
{
    private static readonly CoverApplication Application = new()
    {
        BuyerId = 77,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = 50000,
        CurrencyCode = "EUR",
        CustomerReference = "R-1",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(500)]
    public async Task A_5xx_after_the_service_committed_returns_the_created_cover_found_in_the_buyer_lists(int status)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(status, """{"fault":{"faultstring":"Gateway trouble","detail":{"errorcode":"messaging.adaptors.http.flow.GatewayTimeout"}}}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9001))));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal(9001, result.CoverId);
        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.Equal(new Money(50000, "EUR"), result.Cover!.DecidedAmount);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_timeout_with_nothing_in_the_lists_is_an_unknown_outcome_never_not_created()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("may have been created", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not created", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(77, ex.BuyerId);
        Assert.Equal(CoverType.CreditLimit, ex.CoverType);
        Assert.Contains("50000", ex.RequestSummary, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_connection_reset_then_already_exists_on_the_resend_is_matched_against_the_application_and_recovered()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => throw new HttpRequestException("Connection reset by peer", new IOException("reset")),
            () => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer."))));

        // The cover shows only once the service has caught up: after the re-sent application was refused.
        var lookups = 0;
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, Interlocked.Increment(ref lookups) <= 1 ? DataJson() : DataJson(CoverJson(9002))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.Recovered);

        // The cover may be the unanswered attempt's: not one that was there before the call.
        Assert.False(result.AlreadyExisted);
        Assert.Equal(9002, result.CoverId);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task Already_exists_after_an_unanswered_attempt_with_the_cover_not_yet_listed_is_an_unknown_outcome_never_a_conflict()
    {
        // The existing cover may be the one the unanswered attempt made: "not created" would lose it.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => throw new HttpRequestException("Connection reset by peer", new IOException("reset")),
            () => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer."))));
        var lookups = 0;
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, Interlocked.Increment(ref lookups) <= 2 ? DataJson() : DataJson(CoverJson(9002))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("may have been created", ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused as already existing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task An_application_for_another_customer_is_looked_for_in_that_customers_lists()
    {
        // A broker's client applies for several customers: the cover its lost answer made is in the application's customer's lists.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("customerId", "2002").Respond(_ => Answer(200, DataJson(CoverJson(9003).Replace("\"customerId\":1001", "\"customerId\":2002", StringComparison.Ordinal).Replace("\"policyId\":\"5012345\"", "\"policyId\":\"7000001\"", StringComparison.Ordinal))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        var forAnotherCustomer = new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CurrencyCode = "EUR", CustomerReference = "R-1", CustomerId = 2002, PolicyId = "7000001" };

        var result = await api.Client.Applications.SubmitAsync(forAnotherCustomer, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal(9003, result.CoverId);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task An_unknown_outcome_for_another_customer_names_that_customer_and_policy_to_look_in()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));
        var forAnotherCustomer = new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CustomerId = 2002, PolicyId = "7000001" };

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(forAnotherCustomer, cancellationToken: Ct));

        Assert.Equal(2002, unknown.CustomerId);
        Assert.Equal("7000001", unknown.PolicyId);
        Assert.Contains("customer 2002, policy 7000001", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_for_another_customer_that_names_no_policy_is_refused_by_name_before_any_request()
    {
        // The live policy the client would read is its own customer's, not the one the application is for.
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":{"policyId":"5012345","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9004)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9004))));
        var withoutPolicy = new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CustomerId = 2002 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(withoutPolicy, cancellationToken: Ct));

        Assert.Equal("application.PolicyId", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_refusal_inside_a_success_answer_after_an_unanswered_attempt_is_an_unknown_outcome_not_a_refusal()
    {
        // The first attempt may have created the cover, not yet listed: the resend's refusal does not prove "nothing created".
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => throw new HttpRequestException("Connection reset by peer", new IOException("reset")),
            () => Answer(201, ActionJson(9003, "Action has been refused."))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("may have been created", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Action has been refused.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task Already_exists_after_an_unanswered_attempt_with_the_lists_unreadable_is_an_unknown_outcome()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => throw new HttpRequestException("Connection reset by peer", new IOException("reset")),
            () => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer."))));
        var lookups = 0;
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Interlocked.Increment(ref lookups) <= 1 ? Answer(200, DataJson()) : Answer(403, ErrorJson("Access denied")));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_later_attempt_refused_after_an_unanswered_one_says_the_application_may_have_been_created(int laterStatus)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => Answer(504, """{"faultstring":"Gateway Timeout"}"""),
            () => Answer(laterStatus, """{"faultstring":"Too busy"}""")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));
        // One re-send, refused: a 429 proves that attempt made nothing, a 503 proves nothing, and neither says what the
        // unanswered first attempt did.
        api.Options.Resilience.MaxRetryAttempts = 1;

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("may have been created", ex.Message, StringComparison.Ordinal);
        Assert.Equal(laterStatus, ex.Status);
    }

    [Fact]
    public async Task A_429_proves_nothing_was_made_so_the_application_is_sent_again_and_made_once()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => Answer(429, """{"faultstring":"Too many requests"}"""),
            () => Answer(201, ActionJson(9005))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9005))));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9005))));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.Equal(9005, result.CoverId);
        Assert.False(result.Recovered);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
    }

    // Before, the application was sent again after the back-off (none in these tests) whatever the 429 asked for.
    [Fact]
    public async Task A_429_with_retry_after_is_sent_again_only_once_the_time_it_names_has_passed()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () =>
            {
                var limited = Answer(429, """{"faultstring":"Too many requests"}""");
                limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
                return limited;
            },
            () => Answer(201, ActionJson(9008))));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9008))));

        var submitting = api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);
        for (var polls = 0; api.Count(HttpMethod.Post, CoversUrl) == 0 && polls < 500; polls++)
        {
            await Task.Delay(10, Ct);
        }

        // The client's clock moves a second at a time once the 429 is in; the re-send may come no sooner than asked.
        var advanced = TimeSpan.Zero;
        while (advanced < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(20, Ct);
            if (api.Count(HttpMethod.Post, CoversUrl) >= 2)
            {
                break;
            }

            api.Time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
        }

        var result = await submitting.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.InRange(advanced, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Assert.Equal(9008, result.CoverId);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_429_after_an_unanswered_attempt_is_sent_again_and_already_exists_finds_the_earlier_attempts_cover()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => Answer(504, """{"faultstring":"Gateway Timeout"}"""),
            () => Answer(429, """{"faultstring":"Too many requests"}"""),
            () => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer."))));

        // The first attempt's cover shows only once the service has caught up, after the look that follows the 429.
        var lookups = 0;
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, Interlocked.Increment(ref lookups) <= 2 ? DataJson() : DataJson(CoverJson(9006))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal(9006, result.CoverId);
        Assert.Equal(3, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_429_after_an_unanswered_attempt_looks_at_the_lists_again_and_does_not_send_an_application_they_show()
    {
        // The first attempt was made and refused at once (DC03, which does not hold the key: a re-send would not be met
        // with "already exists"); its answer was lost and the lists had not caught up. By the 429 they show it.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => Answer(504, """{"faultstring":"Gateway Timeout"}"""),
            () => Answer(429, """{"faultstring":"Too many requests"}"""),
            () => Answer(201, ActionJson(9012))));
        var refused = CoverJson(9011, decided: 0).Replace("\"DC01\"", "\"DC03\"", StringComparison.Ordinal);
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, api.Count(HttpMethod.Post, CoversUrl) >= 2 ? DataJson(refused) : DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal(9011, result.CoverId);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task With_retries_off_a_429_is_a_rate_limit_error_and_the_application_is_sent_once()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(429, """{"faultstring":"Too many requests"}"""));

        await Assert.ThrowsAsync<CoverRateLimitedException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_later_attempt_refused_by_the_open_circuit_says_the_application_may_have_been_created()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => Answer(502, """{"faultstring":"Bad Gateway"}"""),
            () => throw new Polly.CircuitBreaker.BrokenCircuitException("The circuit is now open.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("may have been created", ex.Message, StringComparison.Ordinal);
        Assert.Contains("circuit breaker", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_201_with_a_body_cut_short_is_created_and_read_back()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.Created) { Content = new CutContent("{\"data\":[{\"cover") });
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9003))));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.False(result.DetailsUnavailable);
        Assert.False(result.Recovered);
        Assert.Equal(9003, result.CoverId);
        Assert.Equal(201, result.Response.Status);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_201_with_a_body_cut_short_whose_cover_the_lists_do_not_show_is_an_unknown_outcome_not_decided()
    {
        // A refusal can come inside a 201 ("Action has been refused."), and creates nothing: the lost body may have been one.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.Created) { Content = new CutContent("{\"data\":[{\"cover") });
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("may have been created", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(77, unknown.BuyerId);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_201_with_a_body_cut_short_whose_lists_cannot_be_read_is_an_unknown_outcome_not_decided()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.Created) { Content = new CutContent("{\"data\":[{\"cover") });
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(500, ErrorJson("Internal error")));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Contains("could not be read", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task An_accepted_application_whose_read_back_fails_is_returned_with_details_unavailable_not_thrown()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9004)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(500, ErrorJson("Internal error")));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.DetailsUnavailable);
        Assert.Equal(9004, result.CoverId);
        Assert.Null(result.Cover);
        Assert.Contains("accepted", result.DetailsUnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Already_exists_for_a_different_cover_stays_a_conflict()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(422, ErrorJson("Credit limit/credit check already exists for this buyer.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(8000, amount: 20000, decided: 20000, reference: "OTHER"))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverConflictException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Equal(422, ex.Status);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task Already_exists_stays_a_conflict_when_the_buyers_covers_cannot_be_read()
    {
        // Nothing of this call went unanswered, so the refusal is the outcome; the failed look-up must not replace it
        // with a 503 that reads as "may have been created".
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(503, """{"faultstring":"Service Unavailable"}"""));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(503, """{"faultstring":"Service Unavailable"}"""));

        var ex = await Assert.ThrowsAsync<CoverConflictException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Equal(400, ex.Status);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task Already_exists_for_an_identical_cover_applied_for_before_the_call_stays_a_conflict()
    {
        // The client's clock reads 2026-12-01 09:00 UTC: a cover of the same content applied for ten days earlier was
        // there before this call, so it is not this application.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(8001, applicationDate: "2026-11-21T08:00:00+01:00"))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        await Assert.ThrowsAsync<CoverConflictException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_lost_answer_is_not_taken_for_an_identical_application_refused_the_day_before()
    {
        // The client's clock reads 2026-12-01 09:00 UTC; the same application was made and refused 23 hours earlier.
        // Taking that cover for this call's would report this application made when nothing shows it was.
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(8002, decided: 0, applicationDate: "2026-11-30T11:00:00+01:00"))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));
    }

    [Fact]
    public async Task An_unanswered_application_that_ended_before_the_look_is_found_among_the_historic_covers_and_not_sent_again()
    {
        // The attempt made the application, and before the SDK looked it had become history (rejected when a newer
        // application replaced it): sending it again would make a second one.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(
            CoverJson(8001, decided: 0, historicCode: "RCLA", applicationDate: "2026-11-30T11:00:00+01:00"),
            CoverJson(9007, decided: 0, historicCode: "RCLA"))));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal(9007, result.CoverId);
        Assert.True(result.Cover!.IsHistoric);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task An_unanswered_application_refused_at_once_and_listed_only_among_the_decided_covers_is_found_there_and_not_sent_again()
    {
        // Whether GET /covers lists a refusal is not known. Here it does not: the attempt was decided at once, refused,
        // and only GET /covers/decisions shows it. Sent again, the application would replace the refusal: two of them.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9011, decided: 0))));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.Equal(9011, result.CoverId);
        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.True(result.Cover!.IsRefusal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
        Assert.Equal(0, api.Count(HttpMethod.Get, HistoricUrl));
    }

    [Fact]
    public async Task A_historic_cover_of_another_application_is_not_taken_and_the_application_is_sent_again()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => Answer(504, """{"faultstring":"Gateway Timeout"}"""),
            () => Answer(201, ActionJson(9008))));
        var decided = 0;
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, Volatile.Read(ref decided) == 0 ? DataJson() : DataJson(CoverJson(9008))));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, Volatile.Read(ref decided) == 0 ? DataJson() : DataJson(CoverJson(9008))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ =>
        {
            // The only historic cover is another amount's; after this look the re-sent application is made.
            Interlocked.Exchange(ref decided, 1);
            return Answer(200, DataJson(CoverJson(8003, amount: 60000, decided: 0, historicCode: "RCLA")));
        });

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.False(result.Recovered);
        Assert.Equal(9008, result.CoverId);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
        Assert.Equal(1, api.Count(HttpMethod.Get, HistoricUrl));
    }

    [Fact]
    public async Task Already_exists_without_an_unanswered_attempt_does_not_read_the_historic_covers()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9009, amount: 70000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(CoverJson(9010, decided: 0, historicCode: "RCLA"))));

        await Assert.ThrowsAsync<CoverConflictException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Equal(0, api.Count(HttpMethod.Get, HistoricUrl));
    }

    [Fact]
    public async Task Already_exists_matching_the_application_is_returned_as_recovered()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(400, ErrorJson("Credit limit/credit check already exists for this buyer.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9005))));

        var result = await api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.True(result.Recovered);
        Assert.True(result.AlreadyExisted);
        Assert.Equal(9005, result.CoverId);
    }

    [Fact]
    public async Task A_refusal_the_service_answers_is_reported_as_it_is_and_nothing_is_resent()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(400, ErrorJson("Must be positive number greater than zero and a multiple of 1000.", "creditLimitAmount")));

        var ex = await Assert.ThrowsAsync<CoverValidationException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Equal("creditLimitAmount", ex.Parameter);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task An_access_token_that_comes_too_late_proves_the_application_unsent_and_it_is_sent_once_a_token_comes()
    {
        using var api = new CoverApi();
        var tokens = new FirstTokenStalls(api);
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9006)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9006))));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9006))));

        var result = await tokens.SubmitPastTheStallAsync(Application);

        // Not "may have been created": the first attempt never left, so nothing was looked for and one POST was made.
        Assert.Equal(9006, result.CoverId);
        Assert.False(result.Recovered);
        Assert.Equal(2, tokens.Requests);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task An_access_token_that_never_comes_ends_in_a_transport_failure_that_says_nothing_was_sent()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        var tokens = new FirstTokenStalls(api);
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9007)));

        var ex = await Assert.ThrowsAsync<CoverTransportException>(() => tokens.SubmitPastTheStallAsync(Application));

        Assert.False(ex.RequestWasSent);
        Assert.Contains("not sent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Count(HttpMethod.Post, CoversUrl));
        Assert.Empty(api.Requests);
    }

    /// <summary>The service's token endpoint, whose first request never answers (until cancelled); later ones issue a token.</summary>
    private sealed class FirstTokenStalls : HttpMessageHandler
    {
        private readonly TaskCompletionSource _stalling = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CoverApi _api;
        private int _requests;

        public FirstTokenStalls(CoverApi api)
        {
            _api = api;
            api.Mock.Clear();
            api.Mock.When(HttpMethod.Post, TokenUrl).Respond(this);
        }

        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Submits, and lets the attempt's time run out while the first token request stalls.</summary>
        public async Task<ApplicationResult> SubmitPastTheStallAsync(CoverApplication application)
        {
            var submitting = _api.Client.Applications.SubmitAsync(application, cancellationToken: Ct);
            await _stalling.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            _api.Time.Advance(_api.Options.Resilience.AttemptTimeout + TimeSpan.FromSeconds(1));
            return await submitting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                _stalling.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Answer(200, """{"data":{"access_token":"tok-2","token_type":"Bearer","expires_in":1800}}""");
        }
    }

    [Fact]
    public async Task A_client_disposed_while_an_application_is_on_its_way_reports_the_outcome_unknown()
    {
        // The service has the application; the host shuts down and disposes the client before the answer. Before, the
        // look-up at the buyer's covers met the disposed HttpClient and the caller got an ObjectDisposedException,
        // which says nothing of the application the service may have created.
        var options = new CoverApi().Options;
        var handler = new HangingPostHandler();
        var client = new CoverClient(CoverHttpClientFactory.CreateStandalone(options, null, TimeProvider.System, handler), options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true);
        var submit = client.Applications.SubmitAsync(Application, cancellationToken: Ct);
        await handler.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        client.Dispose();

        await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => submit);
        Assert.Equal(1, handler.Posts);
    }

    /// <summary>Answers the token request; holds an application until the call is given up, as a slow service would.</summary>
    private sealed class HangingPostHandler : HttpMessageHandler
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Posts { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsoluteUri == TokenUrl)
            {
                return Answer(200, """{"data":{"access_token":"tok-1","token_type":"Bearer","expires_in":1800}}""");
            }

            if (request.Method == HttpMethod.Post)
            {
                Posts++;
                Arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Answer(200, DataJson());
        }
    }
}
