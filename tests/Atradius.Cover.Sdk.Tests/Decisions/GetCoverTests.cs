using System.Net;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Decisions;

// GET cover is sent by hand (CoverDirectCalls), not through the generated method: these pin that it asks and
// answers exactly as the generated method did.
public class GetCoverTests
{
    [Fact]
    public async Task Get_asks_for_json_at_the_cover_path_and_reads_etag_and_retry_after()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/70001234")
            .Respond(HttpStatusCode.OK, [new("ETag", "\"70001234-1\""), new("Retry-After", "30"), new("Atradius-Correlation-Id", "corr-9")], "application/json", CoverJson.Decided().ToJsonString());

        var cover = await harness.Client.Decisions.GetAsync(70001234, TestContext.Current.CancellationToken);

        Assert.Equal(70001234, cover.CoverId);
        Assert.Equal("\"70001234-1\"", cover.ETag);
        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(CoverTestHarness.Covers + "/70001234", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Null(request.Body);
    }

    [Theory]
    [InlineData(400, "INVALID_PARAMETER", typeof(CoverValidationException))]
    [InlineData(401, "UNAUTHORIZED", typeof(CoverAuthenticationException))]
    [InlineData(403, "FORBIDDEN", typeof(CoverAuthenticationException))]
    [InlineData(404, "NOT_FOUND", typeof(CoverNotFoundException))]
    [InlineData(409, "CONFLICT", typeof(CoverConflictException))]
    [InlineData(422, "INVALID_AMOUNT", typeof(CoverValidationException))]
    [InlineData(429, "RATE_LIMITED", typeof(CoverRateLimitedException))]
    [InlineData(500, "INTERNAL_ERROR", typeof(CoverApiException))]
    [InlineData(502, "BAD_GATEWAY", typeof(CoverApiException))]
    [InlineData(503, "SERVICE_UNAVAILABLE", typeof(CoverApiException))]
    public async Task Each_error_status_of_a_get_becomes_its_exception_with_code_body_and_correlation_id(int status, string code, Type expected)
    {
        using var harness = new CoverTestHarness();
        var body = CoverJson.Error(status, code);
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/70001234")
            .Respond((HttpStatusCode)status, [new("Atradius-Correlation-Id", "corr-1"), new("Retry-After", "7")], "application/json", body);

        var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => harness.Client.Decisions.GetAsync(70001234, TestContext.Current.CancellationToken));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("corr-1", error.CorrelationId);
        Assert.Equal(body, error.RawBody);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.Created)]
    [InlineData(HttpStatusCode.Found)]
    public async Task An_unexpected_success_status_is_an_unreadable_answer(HttpStatusCode status)
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/70001234")
            .Respond(status, [new("Atradius-Correlation-Id", "corr-3")], "application/json", CoverJson.Decided().ToJsonString());

        var error = await Assert.ThrowsAsync<CoverApiException>(() => harness.Client.Decisions.GetAsync(70001234, TestContext.Current.CancellationToken));

        Assert.Equal((int)status, error.Status);
        Assert.Equal("INVALID_RESPONSE", error.ErrorCode);
        Assert.Equal("corr-3", error.CorrelationId);
    }
}
