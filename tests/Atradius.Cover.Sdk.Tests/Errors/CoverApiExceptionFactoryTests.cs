using System.Net;
using System.Text;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.Errors;

public sealed class CoverApiExceptionFactoryTests
{
    [Theory]
    [InlineData(400, typeof(CoverValidationException))]
    [InlineData(422, typeof(CoverValidationException))]
    [InlineData(401, typeof(CoverAuthenticationException))]
    [InlineData(403, typeof(CoverAuthenticationException))]
    [InlineData(404, typeof(CoverNotFoundException))]
    [InlineData(409, typeof(CoverConflictException))]
    [InlineData(412, typeof(CoverConflictException))]
    [InlineData(429, typeof(CoverRateLimitedException))]
    [InlineData(500, typeof(CoverApiException))]
    [InlineData(503, typeof(CoverApiException))]
    public void Each_status_maps_to_the_exception_a_caller_handles(int status, Type expected)
    {
        var ex = CoverApiExceptionFactory.Create(status, null, null);

        Assert.IsType(expected, ex);
        Assert.Equal(status, ex.Status);
    }

    [Fact]
    public void Contract_error_body_gives_code_errors_parameter_and_a_readable_message()
    {
        const string body = """
            {"errors":[
              {"status":"409","code":"COVER_EXISTS","detail":"A cover already exists for buyer 123","source":{"parameter":"buyerId"}},
              {"status":"409","code":"OTHER","detail":"Second","source":{"pointer":"/amount"}}
            ]}
            """;
        var headers = new Dictionary<string, IEnumerable<string>> { ["Atradius-Correlation-Id"] = ["abc"] };

        var ex = CoverApiExceptionFactory.Create(409, headers, body);

        var conflict = Assert.IsType<CoverConflictException>(ex);
        Assert.Equal("COVER_EXISTS", conflict.ErrorCode);
        Assert.Equal("buyerId", conflict.Parameter);
        Assert.Equal("abc", conflict.CorrelationId);
        Assert.Equal(2, conflict.Errors.Count);
        Assert.Equal(409, conflict.Errors[0].Status);
        Assert.Equal("/amount", conflict.Errors[1].Pointer);
        Assert.Equal(body, conflict.RawBody);
        Assert.Equal("Cover API returned 409 Conflict (COVER_EXISTS): A cover already exists for buyer 123 (and 1 more). Correlation id: abc.", conflict.Message);
    }

    [Fact]
    public void Single_error_message_reads_as_one_sentence()
    {
        const string body = """{"errors":[{"status":409,"code":"COVER_EXISTS","detail":"A cover already exists for buyer 123."}]}""";
        var headers = new Dictionary<string, IEnumerable<string>> { ["atradius-correlation-id"] = ["abc"] };

        var ex = CoverApiExceptionFactory.Create(409, headers, body);

        Assert.Equal("Cover API returned 409 Conflict (COVER_EXISTS): A cover already exists for buyer 123. Correlation id: abc.", ex.Message);
    }

    [Fact]
    public void Problem_details_body_is_understood()
    {
        const string body = """{"type":"https://example.test/probs/amount","title":"Invalid amount","status":422,"detail":"The amount must be positive."}""";

        var ex = CoverApiExceptionFactory.Create(422, null, body);

        Assert.IsType<CoverValidationException>(ex);
        Assert.Equal("Cover API returned 422 Unprocessable Entity: The amount must be positive.", ex.Message);
        Assert.Equal("The amount must be positive.", Assert.Single(ex.Errors).Detail);
    }

    [Theory]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"errors\":[{\"code\":\"CUT")]
    [InlineData("{\"errors\":\"not a list\"}")]
    [InlineData("[1,2,3]")]
    [InlineData(null)]
    public void Odd_bodies_still_give_a_CoverApiException(string? body)
    {
        var ex = CoverApiExceptionFactory.Create(502, null, body);

        Assert.Equal(502, ex.Status);
        Assert.Empty(ex.Errors);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal("Cover API returned 502 Bad Gateway.", ex.Message);
    }

    [Fact]
    public void Raw_body_is_truncated_to_4_KB()
    {
        var body = new string('x', 10_000);

        var ex = CoverApiExceptionFactory.Create(500, null, body);

        Assert.Equal(4096, ex.RawBody!.Length);
    }

    [Fact]
    public async Task Response_gives_status_retry_after_and_the_correlation_id_sent_with_the_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.cover.test/buyers");
        request.Headers.Add("Atradius-Correlation-Id", "sent-id");
        using var response = new HttpResponseMessage((HttpStatusCode)429)
        {
            RequestMessage = request,
            Content = new StringContent("""{"errors":[{"code":"RATE_LIMITED","detail":"Slow down"}]}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var ex = await CoverApiExceptionFactory.CreateAsync(response, TestContext.Current.CancellationToken);

        var limited = Assert.IsType<CoverRateLimitedException>(ex);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
        Assert.Equal("sent-id", limited.CorrelationId);
        Assert.Equal("RATE_LIMITED", limited.ErrorCode);
    }

    [Fact]
    public void Retry_after_header_from_a_dictionary_is_read()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { ["Retry-After"] = ["12"] };

        var ex = CoverApiExceptionFactory.Create(429, headers, null);

        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
    }
}
