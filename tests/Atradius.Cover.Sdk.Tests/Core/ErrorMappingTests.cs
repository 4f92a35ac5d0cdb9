using System.Net;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Core;

public class ErrorMappingTests
{
    [Theory]
    [InlineData(400, "INVALID_PARAMETER", typeof(CoverValidationException))]
    [InlineData(401, "UNAUTHORIZED", typeof(CoverAuthenticationException))]
    [InlineData(403, "FORBIDDEN", typeof(CoverAuthenticationException))]
    [InlineData(404, "NOT_FOUND", typeof(CoverNotFoundException))]
    [InlineData(409, "CONFLICT", typeof(CoverConflictException))]
    [InlineData(412, "PRECONDITION_FAILED", typeof(CoverConflictException))]
    [InlineData(422, "INVALID_AMOUNT", typeof(CoverValidationException))]
    [InlineData(429, "RATE_LIMITED", typeof(CoverRateLimitedException))]
    [InlineData(500, "INTERNAL_ERROR", typeof(CoverApiException))]
    [InlineData(502, "BAD_GATEWAY", typeof(CoverApiException))]
    [InlineData(503, "SERVICE_UNAVAILABLE", typeof(CoverApiException))]
    public async Task Each_error_status_of_a_change_becomes_its_exception_with_code_body_and_correlation_id(int status, string code, Type expected)
    {
        using var harness = new CoverTestHarness();
        var body = CoverJson.Error(status, code);
        harness.Mock.When(HttpMethod.Put, CoverTestHarness.Covers + "/70001234")
            .Respond((HttpStatusCode)status, [new("Atradius-Correlation-Id", "corr-1")], "application/json", body);

        var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => harness.Client.Decisions.CancelAsync(70001234, TestContext.Current.CancellationToken));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("corr-1", error.CorrelationId);
        Assert.Equal(body, error.RawBody);
    }

    [Theory]
    [InlineData(404, typeof(CoverNotFoundException))]
    [InlineData(429, typeof(CoverRateLimitedException))]
    [InlineData(502, typeof(CoverApiException))]
    public async Task Errors_while_listing_surface_when_the_page_is_read(int status, Type expected)
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/decisions").Respond((HttpStatusCode)status, "application/json", CoverJson.Error(status, "X"));

        var error = await Assert.ThrowsAnyAsync<CoverApiException>(async () =>
        {
            await foreach (var _ in harness.Client.Decisions.ListNewAsync(DateTimeOffset.UnixEpoch, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"coverId":0,"customerId":1,"policyId":"1","buyerId":1,"coverType":"credit-limit","coverStatus":"DECISION","applicationDate":"2026-11-02T09:15:00Z","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""")]
    [InlineData("""{"coverId":5,"customerId":1,"buyerId":1,"coverType":"credit-limit","coverStatus":"DECISION","applicationDate":"2026-11-02T09:15:00Z","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""")]
    [InlineData("""{"coverId":5,"customerId":1,"policyId":"1","buyerId":1,"coverType":"credit-limit","coverStatus":"DECISION","applicationDate":"2026-11-02T09:15:00Z","effectFromDate":"31/12/2026","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""")]
    [InlineData("""{"coverId":5,"customerId":1,"policyId":"1","buyerId":1,"coverType":"credit-limit","coverStatus":"DECISION","applicationDate":"yesterday","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""")]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_malformed_success_body_becomes_a_CoverApiException(string body)
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/5").Respond(HttpStatusCode.OK, [new("Atradius-Correlation-Id", "corr-2")], "application/json", body);

        var error = await Assert.ThrowsAsync<CoverApiException>(() => harness.Client.Decisions.GetAsync(5, TestContext.Current.CancellationToken));

        Assert.Equal(200, error.Status);
        Assert.Equal("INVALID_RESPONSE", error.ErrorCode);
        Assert.Equal("corr-2", error.CorrelationId);
    }

    [Fact]
    public async Task A_read_without_an_answer_is_a_transport_exception_that_changed_nothing()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/5").Throw(new TaskCanceledException("The request timed out."));

        var error = await Assert.ThrowsAsync<CoverTransportException>(() => harness.Client.Decisions.GetAsync(5, TestContext.Current.CancellationToken));

        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Null(error.IdempotencyKey);
    }
}
