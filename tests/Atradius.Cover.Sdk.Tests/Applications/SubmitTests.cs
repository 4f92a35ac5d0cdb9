using System.Net;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Applications;

public class SubmitTests
{
    private static CoverApplication Application() => new()
    {
        CustomerId = 200417,
        PolicyId = "5012345",
        BuyerId = 10042317,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = 50000,
        CurrencyCode = "EUR",
        EffectFromDate = new DateOnly(2026, 12, 1),
        CustomerReference = "ERP-000184",
    };

    [Fact]
    public async Task Submit_decided_sends_the_application_with_an_idempotency_key_and_returns_the_decision()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.Expect(HttpMethod.Post, CoverTestHarness.Covers)
            .Respond(HttpStatusCode.Created, [new("ETag", "\"70001234-1\"")], "application/json", CoverJson.Decided().ToJsonString());

        var result = await harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken);

        Assert.True(result.IsDecided);
        Assert.False(result.IsReferred);
        Assert.Equal(70001234, result.CoverId);
        Assert.Equal(DecisionCode.FullyApproved, result.Decision!.Code);
        Assert.Equal(new Money(50000, "EUR"), result.Decision.DecidedAmount);
        Assert.Equal("\"70001234-1\"", result.Decision.ETag);
        Assert.Equal(new DateOnly(2026, 12, 1), result.Decision.EffectFromDate);

        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.True(Guid.TryParse(request.Headers["Idempotency-Key"], out _));
        Assert.Equal(result.IdempotencyKey, request.Headers["Idempotency-Key"]);
        Assert.True(CoverJson.SameJson(request.Body, """
            {"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit",
             "creditLimitAmount":50000,"currencyCode":"EUR","effectFromDate":"2026-12-01","customerRefNumber":"ERP-000184"}
            """), request.Body);
        harness.Mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Submit_referred_returns_cover_id_retry_after_and_location()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(
            HttpStatusCode.Accepted,
            [new("Retry-After", "30"), new("Location", "/credit-insurance/cover-management/v1/covers/70001235")],
            "application/json",
            CoverJson.Referred().ToJsonString());

        var result = await harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken);

        Assert.True(result.IsReferred);
        Assert.Null(result.Decision);
        Assert.Equal(70001235, result.CoverId);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Equal("/credit-insurance/cover-management/v1/covers/70001235", result.Location!.OriginalString);
    }

    [Fact]
    public async Task Submit_credit_check_leaves_the_amount_out_of_the_body()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(HttpStatusCode.Created, "application/json", CoverJson.Decided().ToJsonString());
        var application = Application();
        application.CoverType = CoverType.CreditCheck;
        application.CreditLimitAmount = null;
        application.EffectFromDate = null;
        application.CustomerReference = null;

        await harness.Client.Applications.SubmitAsync(application, TestContext.Current.CancellationToken);

        var body = JsonNode.Parse(harness.Requests[0].Body!)!.AsObject();
        Assert.Equal("credit-check", (string?)body["coverType"]);
        Assert.False(body.ContainsKey("creditLimitAmount"));
        Assert.False(body.ContainsKey("effectFromDate"));
        Assert.False(body.ContainsKey("customerRefNumber"));
    }

    [Fact]
    public async Task Submit_sends_the_given_idempotency_key_and_reuses_it_on_retry()
    {
        var responses = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created]);
        using var harness = new CoverTestHarness(retry: inner => new ResendingHandler(inner, (attempt, response, _) => response?.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 3));
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(_ =>
        {
            var status = responses.Dequeue();
            return new HttpResponseMessage(status)
            {
                Content = new StringContent(status == HttpStatusCode.Created ? CoverJson.Decided().ToJsonString() : CoverJson.Error(503, "SERVICE_UNAVAILABLE"), System.Text.Encoding.UTF8, "application/json"),
            };
        });
        var application = Application();
        application.IdempotencyKey = "order-4711";

        var result = await harness.Client.Applications.SubmitAsync(application, TestContext.Current.CancellationToken);

        Assert.Equal("order-4711", result.IdempotencyKey);
        Assert.Equal(2, harness.Requests.Count);
        Assert.All(harness.Requests, r => Assert.Equal("order-4711", r.Headers["Idempotency-Key"]));
        Assert.Equal([1, 2], harness.Requests.Select(r => r.Attempt));
    }

    [Fact]
    public async Task Submit_generates_a_new_key_for_each_logical_call()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(HttpStatusCode.Created, "application/json", CoverJson.Decided().ToJsonString());

        await harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken);
        await harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken);

        Assert.NotEqual(harness.Requests[0].Headers["Idempotency-Key"], harness.Requests[1].Headers["Idempotency-Key"]);
    }

    public static TheoryData<Action<CoverApplication>, string> InvalidApplications => new()
    {
        { a => a.CreditLimitAmount = 1500, "application.CreditLimitAmount" },
        { a => a.CreditLimitAmount = 0, "application.CreditLimitAmount" },
        { a => a.CreditLimitAmount = -1000, "application.CreditLimitAmount" },
        { a => a.CreditLimitAmount = null, "application.CreditLimitAmount" },
        { a => a.CurrencyCode = "eur", "application.CurrencyCode" },
        { a => a.CurrencyCode = "EURO", "application.CurrencyCode" },
        { a => a.CurrencyCode = null, "application.CurrencyCode" },
        { a => a.CustomerId = 0, "application.CustomerId" },
        { a => a.BuyerId = -5, "application.BuyerId" },
        { a => a.PolicyId = " ", "application.PolicyId" },
        { a => a.PolicyId = null, "application.PolicyId" },
        { a => a.CustomerReference = new string('R', 36), "application.CustomerReference" },
        { a => a.CustomerReference = "  ", "application.CustomerReference" },
        { a => a.EffectFromDate = new DateOnly(2026, 10, 1), "application.EffectFromDate" },
        { a => a.CoverType = "surety", "application.CoverType" },
        { a => { a.CoverType = CoverType.CreditCheck; a.CreditLimitAmount = 10000; }, "application.CreditLimitAmount" },
        { a => a.IdempotencyKey = "", "application.IdempotencyKey" },
    };

    [Theory]
    [MemberData(nameof(InvalidApplications))]
    public async Task Submit_refuses_invalid_input_naming_the_field_and_sends_nothing(Action<CoverApplication> spoil, string parameter)
    {
        using var harness = new CoverTestHarness();
        var application = Application();
        spoil(application);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Client.Applications.SubmitAsync(application, TestContext.Current.CancellationToken));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Submit_null_application_throws_ArgumentNullException()
    {
        using var harness = new CoverTestHarness();
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => harness.Client.Applications.SubmitAsync(null!, TestContext.Current.CancellationToken));
        Assert.Equal("application", error.ParamName);
    }

    [Fact]
    public async Task Submit_accepts_today_as_effect_date()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(HttpStatusCode.Created, "application/json", CoverJson.Decided().ToJsonString());
        var application = Application();
        application.EffectFromDate = new DateOnly(2026, 11, 2);

        await harness.Client.Applications.SubmitAsync(application, TestContext.Current.CancellationToken);

        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Submit_without_an_answer_throws_a_transport_exception_with_the_key_to_retry_with()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Throw(new HttpRequestException("Connection reset"));
        var application = Application();
        application.IdempotencyKey = "order-4712";

        var error = await Assert.ThrowsAsync<CoverTransportException>(() => harness.Client.Applications.SubmitAsync(application, TestContext.Current.CancellationToken));

        Assert.Equal(0, error.Status);
        Assert.Equal("order-4712", error.IdempotencyKey);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Contains("order-4712", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Submit_cancelled_by_the_caller_throws_OperationCanceledException()
    {
        using var harness = new CoverTestHarness();
        using var cancellation = new CancellationTokenSource();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(async () =>
        {
            await cancellation.CancelAsync();
            cancellation.Token.ThrowIfCancellationRequested();
            return new HttpResponseMessage(HttpStatusCode.Created);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.Applications.SubmitAsync(Application(), cancellation.Token));
    }
}
