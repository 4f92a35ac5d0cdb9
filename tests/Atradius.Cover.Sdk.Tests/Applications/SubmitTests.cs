using System.Text.Json;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Applications;

public sealed class SubmitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A version applied for and refused two months before the call, for 30,000.</summary>
    private static string EarlierVersion(long coverId) =>
        CoverJson(coverId, amount: 30000, decided: 0, applicationDate: "2026-10-01T10:00:00Z", decisionDate: "2026-10-01T10:00:00Z").Replace("\"DC01\"", "\"DC03\"", StringComparison.Ordinal);

    [Fact]
    public async Task Submit_posts_the_real_body_and_reads_the_decided_cover_back_from_decisions_by_buyer()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9100)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9099, reference: "OLD"), CoverJson(9100))));

        var result = await api.Client.Applications.SubmitAsync(
            new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CurrencyCode = "EUR", CustomerReference = "R-1", EffectFromDate = new CoverDate(2026, 12, 2) },
            cancellationToken: Ct);

        Assert.Equal(9100, result.Cover!.CoverId);
        Assert.Null(result.Operation);
        var post = api.Requests.Single(r => r.Method == HttpMethod.Post);
        using var body = JsonDocument.Parse(post.Body!);
        Assert.Equal(1001, body.RootElement.GetProperty("customerId").GetInt64());
        Assert.Equal("5012345", body.RootElement.GetProperty("policyId").GetString());
        Assert.Equal(77, body.RootElement.GetProperty("buyerId").GetInt64());
        Assert.Equal("credit-limit", body.RootElement.GetProperty("coverType").GetString());
        Assert.Equal(50000m, body.RootElement.GetProperty("creditLimitAmount").GetDecimal());
        Assert.Equal("2026-12-02", body.RootElement.GetProperty("effectFromDate").GetString());
        Assert.Equal("R-1", body.RootElement.GetProperty("customerRefNumber").GetString());
        var readBack = api.Requests.Single(r => r.Method == HttpMethod.Get);
        Assert.Contains("buyerId=77", readBack.Uri.Query, StringComparison.Ordinal);
        Assert.Equal(post.Headers["Atradius-Correlation-Id"], readBack.Headers["Atradius-Correlation-Id"]);
    }

    [Fact]
    public async Task A_refusal_inside_a_201_body_is_the_refused_outcome_with_no_cover_not_a_decided_application()
    {
        // The service's success envelope can say "Action has been refused." (REAL-SERVICE.md): nothing was created, and a
        // cover the lists happen to hold under the id named is not this application's.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103, "Action has been refused.")));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Refused, result.Outcome);
        Assert.Equal("Action has been refused.", result.ResponseText);
        Assert.Null(result.Cover);
        Assert.Null(result.Operation);
        Assert.False(result.Recovered);
        Assert.Equal(201, result.Response.Status);
        Assert.Equal("Refused, nothing created: Action has been refused.", result.ToString());
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task An_accepted_application_carries_the_response_text()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9104)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9104))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.Equal("Action successful", result.ResponseText);
        Assert.Equal(9104, result.Cover!.CoverId);
    }

    [Fact]
    public async Task Cancelled_once_the_application_was_accepted_it_returns_the_cover_id_instead_of_throwing()
    {
        using var api = new CoverApi();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9105)));
        // The caller gives up while the cover is read back.
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => CallerGivesUpAsync(cancel));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: cancel.Token);

        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.Equal(9105, result.CoverId);
        Assert.True(result.DetailsUnavailable);
        Assert.Contains("cancelled", result.DetailsUnavailableReason, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task Cancelled_while_the_answer_to_an_application_is_read_it_is_an_unknown_outcome_not_a_cancellation()
    {
        // The body holds whether the application was made or refused ("Action has been refused."): without it, only the
        // buyer's lists could tell, and the caller gave up before they were read.
        using var api = new CoverApi();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.Created) { Content = new StreamContent(new CancellingStream(cancel)) });

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: cancel.Token));

        Assert.Contains("may have been created", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("cancelled", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task Cancelled_while_the_application_is_on_its_way_it_is_an_unknown_outcome_not_a_cancellation()
    {
        // The service may have created the application before the caller gave up: a cancellation would hide that,
        // and the next run's "already exists" would be taken for another application.
        using var api = new CoverApi();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => CallerGivesUpAsync(cancel));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: cancel.Token));

        Assert.Contains("cancelled", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task Cancelled_while_the_buyers_covers_are_read_after_an_unanswered_attempt_it_is_an_unknown_outcome_not_a_cancellation()
    {
        using var api = new CoverApi();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => CallerGivesUpAsync(cancel));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => CallerGivesUpAsync(cancel));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => CallerGivesUpAsync(cancel));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: cancel.Token));

        Assert.Contains("cancelled", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Cancelled_while_a_gateway_error_answer_comes_in_the_application_is_an_unknown_outcome_not_a_cancellation(int status)
    {
        // A 502 or 504 may come after the service made the application. Before, giving up while its body came in threw
        // a bare cancellation, which a caller takes for "not made".
        using var api = new CoverApi();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StreamContent(new CancellingStream(cancel)) });

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: cancel.Token));

        Assert.Contains("may have been created", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    /// <summary>A body whose first read cancels the call, as a caller giving up while the answer arrives.</summary>
    internal sealed class CancellingStream(CancellationTokenSource cancel) : AsyncReadStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await CallerGivesUpAsync(cancel);
            return 0;
        }
    }

    [Fact]
    public async Task A_credit_check_is_sent_without_an_amount()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9101)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9101, coverType: "credit-check", amount: null))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CoverType = CoverType.CreditCheck }, cancellationToken: Ct);

        Assert.Equal(CoverType.CreditCheck, result.Cover!.CoverType);
        Assert.DoesNotContain("creditLimitAmount", api.Requests.Single(r => r.Method == HttpMethod.Post).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referred_application_is_read_back_from_applications_and_carries_an_operation()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(202, ActionJson(9102)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9102, status: "REFERRED"))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 500000 }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Referred, result.Outcome);
        Assert.True(result.Cover!.IsReferred);
        Assert.Equal(9102, result.Operation!.Id);
        Assert.False(result.Operation.HasCompleted);
    }

    [Fact]
    public async Task An_application_answered_201_but_listed_referred_is_reported_referred_with_an_operation()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103, status: "REFERRED"))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 500000 }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Referred, result.Outcome);
        Assert.Equal(9103, result.Operation!.Id);
        Assert.False(result.Operation.HasCompleted);
    }

    [Fact]
    public async Task An_application_answered_201_that_only_the_applications_list_shows_is_reported_referred_with_an_operation()
    {
        // Whether GET /covers lists an application waiting for an underwriter is not known. Before, a 201 whose cover
        // only the applications list showed was reported decided, with no details and nothing to follow it by.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103, status: "REFERRED"))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 500000 }, cancellationToken: Ct);

        Assert.Equal((ApplicationOutcome.Referred, false), (result.Outcome, result.DetailsUnavailable));
        Assert.Equal(9103, result.Operation!.Id);
    }

    [Fact]
    public async Task A_201_naming_an_id_the_decided_list_still_shows_an_earlier_version_under_reads_back_the_new_application()
    {
        // Whether the service ever gives an id again is unknown: the decided list still shows the version of 9110 applied
        // for and refused two months ago, while the new application waits under that id among the applications.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9110)));
        var earlier = EarlierVersion(9110);
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(earlier)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(earlier)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9110, status: "REFERRED", decided: null, applicationDate: "2026-12-01T09:00:00Z"))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Referred, result.Outcome);
        Assert.Equal(50000m, result.Cover!.ApplicationAmount?.Amount);
        Assert.True(result.Cover.IsReferred);
        Assert.Equal(9110, result.Operation!.Id);
    }

    [Fact]
    public async Task A_201_naming_an_id_whose_only_listed_version_is_from_before_the_call_is_returned_without_details()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9111)));
        var earlier = EarlierVersion(9111);
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(earlier)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(earlier)));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        Assert.Equal(9111, result.CoverId);
        Assert.True(result.DetailsUnavailable);
        Assert.Null(result.Cover);
    }

    [Fact]
    public async Task Without_a_configured_policy_the_live_policy_is_read_once_and_used()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":{"policyId":"7000001","policyStatus":"live","policyCurrency":"EUR"}}"""));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103))));

        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);
        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        Assert.Equal(1, api.Count(HttpMethod.Get, PolicyUrl));
        Assert.All(api.Requests.Where(r => r.Method == HttpMethod.Post), r => Assert.Contains("\"policyId\":\"7000001\"", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_live_policy_whose_id_and_status_are_padded_is_used_without_the_blanks()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":{"policyId":" 7000001 ","policyStatus":"LIVE ","policyCurrency":"EUR"}}"""));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103))));

        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);
        Policy policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);

        Assert.Contains("\"policyId\":\"7000001\"", api.Requests.Single(r => r.Method == HttpMethod.Post).Body, StringComparison.Ordinal);
        Assert.True(policy.IsLive);
        Assert.Equal("7000001", policy.PolicyId);
    }

    [Fact]
    public async Task Several_live_policies_without_a_configured_one_is_a_clear_error()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":[{"policyId":"1","policyStatus":"live"},{"policyId":"2","policyStatus":"live"}]}"""));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct));

        Assert.Contains("several live policies", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PolicyId", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Theory]
    [InlineData(0L, null, "EUR", null, "application.BuyerId")]
    [InlineData(77L, 1500.0, "EUR", null, "application.CreditLimitAmount")]
    [InlineData(77L, -1000.0, "EUR", null, "application.CreditLimitAmount")]
    [InlineData(77L, 5000.0, "eur", null, "application.CurrencyCode")]
    [InlineData(77L, 5000.0, "EUR", "123456789012345678901234567890123456", "application.CustomerReference")]
    public async Task Bad_input_is_refused_before_anything_is_sent_naming_the_field(long buyerId, double? amount, string currency, string? reference, string field)
    {
        using var api = new CoverApi();
        var application = new CoverApplication { BuyerId = buyerId, CreditLimitAmount = (decimal?)amount, CurrencyCode = currency, CustomerReference = reference };

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(application, cancellationToken: Ct));

        Assert.Equal(field, ex.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_credit_check_with_an_amount_or_a_credit_limit_without_one_is_refused_before_sending()
    {
        using var api = new CoverApi();

        var check = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CoverType = CoverType.CreditCheck, CreditLimitAmount = 5000 }, cancellationToken: Ct));
        var limit = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77 }, cancellationToken: Ct));

        Assert.Equal("application.CreditLimitAmount", check.ParamName);
        Assert.Equal("application.CreditLimitAmount", limit.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task An_application_with_an_unsupported_cover_type_is_refused_naming_its_cover_type()
    {
        using var api = new CoverApi();

        var none = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CoverType = default, CreditLimitAmount = 50000 }, cancellationToken: Ct));
        var other = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CoverType = new CoverType("insurance"), CreditLimitAmount = 50000 }, cancellationToken: Ct));

        Assert.Equal("application.CoverType", none.ParamName);
        Assert.Equal("application.CoverType", other.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task An_application_changed_by_its_caller_while_the_live_policy_is_looked_up_is_sent_as_it_was_checked()
    {
        // The call waits for the policy before it builds its request. Before, it built it from the caller's object then,
        // so a program reusing one object sent values nobody had checked.
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        var policyAnswered = new TaskCompletionSource();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(async _ =>
        {
            await policyAnswered.Task;
            return Answer(200, """{"data":{"policyId":"5012345","policyStatus":"live","policyCurrency":"EUR"}}""");
        });
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9100)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9100))));
        var application = new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CurrencyCode = "EUR" };

        var submitting = api.Client.Applications.SubmitAsync(application, cancellationToken: Ct);
        application.BuyerId = -5;
        application.CreditLimitAmount = 1234.5m;
        application.CurrencyCode = "euro";
        policyAnswered.SetResult();
        var result = await submitting;

        using var body = JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Post).Body!);
        Assert.Equal(77, body.RootElement.GetProperty("buyerId").GetInt64());
        Assert.Equal(50000m, body.RootElement.GetProperty("creditLimitAmount").GetDecimal());
        Assert.Equal("EUR", body.RootElement.GetProperty("currencyCode").GetString());
        Assert.Equal((ApplicationOutcome.Decided, 9100L), (result.Outcome, result.CoverId));
    }
}
