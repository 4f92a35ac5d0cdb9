using System.Net;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Applications;

// Submitting is sent by hand (CoverDirectCalls), not through the generated method: these pin that it asks and
// answers exactly as the generated method did.
public class SubmitAnswerTests
{
    private static CoverApplication Application() => new()
    {
        CustomerId = 200417,
        PolicyId = "5012345",
        BuyerId = 10042317,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = 50000,
        CurrencyCode = "EUR",
        CorrelationId = "corr-given",
    };

    [Fact]
    public async Task Submit_posts_json_with_the_given_correlation_id_and_accepts_json()
    {
        using var harness = new CoverTestHarness();
        HttpRequestMessage? sent = null;
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(request =>
        {
            sent = request;
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent(CoverJson.Decided().ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        });

        await harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("corr-given", request.Headers["Atradius-Correlation-Id"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("application/json", sent!.Content!.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData(400, "INVALID_PARAMETER", typeof(CoverValidationException))]
    [InlineData(401, "UNAUTHORIZED", typeof(CoverAuthenticationException))]
    [InlineData(403, "FORBIDDEN", typeof(CoverAuthenticationException))]
    [InlineData(404, "NOT_FOUND", typeof(CoverNotFoundException))]
    [InlineData(413, "PAYLOAD_TOO_LARGE", typeof(CoverApiException))]
    [InlineData(415, "UNSUPPORTED_MEDIA_TYPE", typeof(CoverApiException))]
    [InlineData(422, "INVALID_AMOUNT", typeof(CoverValidationException))]
    [InlineData(429, "RATE_LIMITED", typeof(CoverRateLimitedException))]
    [InlineData(500, "INTERNAL_ERROR", typeof(CoverApiException))]
    [InlineData(502, "BAD_GATEWAY", typeof(CoverApiException))]
    [InlineData(503, "SERVICE_UNAVAILABLE", typeof(CoverApiException))]
    public async Task Each_error_status_of_a_submit_becomes_its_exception_with_code_body_and_correlation_id(int status, string code, Type expected)
    {
        using var harness = new CoverTestHarness();
        var body = CoverJson.Error(status, code);
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers)
            .Respond((HttpStatusCode)status, [new("Atradius-Correlation-Id", "corr-1")], "application/json", body);

        var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("corr-1", error.CorrelationId);
        Assert.Equal(body, error.RawBody);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.NoContent)]
    public async Task An_unexpected_success_status_is_an_unreadable_answer(HttpStatusCode status)
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers)
            .Respond(status, [new("Atradius-Correlation-Id", "corr-3")], "application/json", CoverJson.Decided().ToJsonString());

        var error = await Assert.ThrowsAsync<CoverApiException>(() => harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken));

        Assert.Equal((int)status, error.Status);
        Assert.Equal("INVALID_RESPONSE", error.ErrorCode);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("""{"coverId":5,"customerId":1,"buyerId":1,"coverType":"credit-limit","coverStatus":"DECISION","applicationDate":"2026-11-02T09:15:00Z","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""")]
    public async Task A_malformed_answer_is_an_unreadable_answer(string body)
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers)
            .Respond(HttpStatusCode.Created, [new("Atradius-Correlation-Id", "corr-4")], "application/json", body);

        var error = await Assert.ThrowsAsync<CoverApiException>(() => harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken));

        Assert.Equal(201, error.Status);
        Assert.Equal("INVALID_RESPONSE", error.ErrorCode);
        Assert.Equal("corr-4", error.CorrelationId);
    }
}
