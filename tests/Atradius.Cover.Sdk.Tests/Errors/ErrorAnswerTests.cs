using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Errors;

public sealed class ErrorAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CoverApiException> Fail(int status, string body, Action<HttpResponseMessage>? decorate = null)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/5").Respond(_ =>
        {
            var response = Answer(status, body);
            decorate?.Invoke(response);
            return response;
        });
        return await Assert.ThrowsAnyAsync<CoverApiException>(() => api.Client.Buyers.GetAsync(5, cancellationToken: Ct));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(422)]
    [InlineData(409)]
    [InlineData(500)]
    public async Task Already_exists_for_this_buyer_is_a_conflict_whatever_the_status(int status)
    {
        var ex = await Fail(status, ErrorJson("Credit limit/credit check already exists for this buyer."));

        Assert.IsType<CoverConflictException>(ex);
        Assert.Equal(status, ex.Status);
    }

    [Fact]
    public async Task A_known_detail_maps_to_validation_and_names_the_field()
    {
        var ex = await Fail(400, ErrorJson("Must be positive number greater than zero and a multiple of 1000.", "creditLimitAmount"));

        var validation = Assert.IsType<CoverValidationException>(ex);
        Assert.Equal("creditLimitAmount", validation.Parameter);
        Assert.Contains("creditLimitAmount", validation.Message, StringComparison.Ordinal);
        Assert.Equal("Must be positive number greater than zero and a multiple of 1000.", validation.Errors[0].Detail);
    }

    [Fact]
    public async Task An_error_body_after_a_byte_order_mark_is_still_read()
    {
        var ex = await Fail(400, "\uFEFF" + ErrorJson("Credit limit/credit check already exists for this buyer.", "buyerId"));

        Assert.IsType<CoverConflictException>(ex);
        Assert.Equal("buyerId", ex.Parameter);
    }

    [Fact]
    public async Task New_application_cannot_supersede_is_a_conflict()
    {
        Assert.IsType<CoverConflictException>(await Fail(400, ErrorJson("New Application cannot supersede existing cover")));
    }

    [Theory]
    [InlineData("""{"fault":{"faultstring":"Unknown route","detail":{"errorcode":"classification.UnknownRoute"}}}""")]
    [InlineData("""{"faultstring":"Unknown resource"}""")]
    public async Task A_403_fault_says_the_base_address_is_probably_wrong_not_to_check_credentials(string body)
    {
        var ex = await Fail(403, body);

        Assert.IsType<CoverForbiddenException>(ex);
        Assert.Contains("BaseAddress", ex.Message, StringComparison.Ordinal);
        Assert.Contains("probably wrong", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"fault":{"faultstring":"The client may only read.","detail":{"errorcode":"accesscontrol.WriteNotAllowed"}}}""")]
    [InlineData("""{"errors":[{"detail":"The client may not act for this customer.","source":{"parameter":"customerId"}}]}""")]
    public async Task A_403_that_says_why_is_a_permission_refusal_not_a_wrong_base_address(string body)
    {
        var ex = await Fail(403, body);

        var forbidden = Assert.IsType<CoverForbiddenException>(ex);
        Assert.Equal(403, forbidden.Status);
        Assert.Contains("not allowed this call", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("probably wrong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_nested_fault_gives_its_error_code_and_text()
    {
        var ex = await Fail(502, """{"fault":{"faultstring":"Body buffer overflow","detail":{"errorcode":"protocol.http.TooBigBody"}}}""");

        Assert.Equal("protocol.http.TooBigBody", ex.ErrorCode);
        Assert.Contains("Body buffer overflow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_message_gives_the_first_error_that_says_something_with_that_errors_own_field()
    {
        var detailSecond = await Fail(400, """{"errors":[{"source":{"parameter":"creditLimitAmount"}},{"detail":"Must be positive number greater than zero and a multiple of 1000."}]}""");
        Assert.Contains("multiple of 1000", detailSecond.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Field: creditLimitAmount", detailSecond.Message, StringComparison.Ordinal);
        Assert.Null(detailSecond.Parameter);

        var fieldOfAnother = await Fail(400, """{"errors":[{"detail":"Unknown query parameter"},{"detail":"Must be positive number greater than zero and a multiple of 1000.","source":{"parameter":"creditLimitAmount"}}]}""");
        Assert.Contains("Unknown query parameter (and 1 more)", fieldOfAnother.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Field:", fieldOfAnother.Message, StringComparison.Ordinal);
        Assert.Null(fieldOfAnother.Parameter);

        var faultBeside = await Fail(500, """{"fault":{"faultstring":"Internal","detail":{"errorcode":"x"}},"errors":[{"source":{"parameter":"p"}}]}""");
        Assert.Contains("Internal", faultBeside.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_level_fault_gives_the_error_code_beside_it()
    {
        var ex = await Fail(403, """{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}""");

        Assert.Equal("oauth.v2.InvalidApiKey", ex.ErrorCode);
        Assert.Contains("Invalid ApiKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_answer_whose_errors_are_bare_text_is_an_error_not_an_empty_portfolio()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, """{"data":[],"errors":["Backend not available"]}"""));

        var ex = await Assert.ThrowsAnyAsync<CoverApiException>(async () =>
        {
            await foreach (var cover in api.Client.Decisions.ListAsync(cancellationToken: Ct))
            {
                Assert.Fail("No cover was listed: " + cover);
            }
        });

        Assert.Contains("Backend not available", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exceptions_carry_status_correlation_id_headers_and_raw_body()
    {
        var ex = await Fail(404, ErrorJson("Not found"), r =>
        {
            r.Headers.Add("Atradius-Correlation-Id", "corr-404");
            r.Headers.Add("X-Trace", "t-1");
        });

        Assert.IsType<CoverNotFoundException>(ex);
        Assert.Equal(404, ex.Status);
        Assert.Equal("corr-404", ex.CorrelationId);
        Assert.Equal("t-1", ex.Headers["x-trace"][0]);
        Assert.Contains("Not found", ex.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_without_a_correlation_id_in_the_answer_carries_the_one_sent()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/5").Respond(_ => Answer(404, "not json"));
        var options = new CoverRequestOptions { CorrelationId = "mine-1" };

        var ex = await Assert.ThrowsAsync<CoverNotFoundException>(() => api.Client.Buyers.GetAsync(5, options, Ct));

        Assert.Equal("mine-1", ex.CorrelationId);
        Assert.Equal("not json", ex.RawBody);
    }
}
