using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Indications;

/// <summary>A conversion the service accepted is never reported as failed because its answer could not be read.</summary>
public sealed class ConversionAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("<html><body>OK</body></html>")]
    [InlineData("{\"data\":[]}")]
    [InlineData("")]
    public async Task A_conversion_answered_success_without_a_readable_cover_is_read_back_from_the_credit_limits(string body)
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, body));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300))));

        var converted = await api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        Assert.Equal(9300, converted.Value.CoverId);
        Assert.Equal(1, api.Count(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type"));

        // The read-back is part of the call: the service's logs show both under the one correlation id.
        var correlationIds = api.Requests.Select(r => r.Headers["Atradius-Correlation-Id"]).Distinct().ToList();
        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(converted.Response.CorrelationId, Assert.Single(correlationIds));
    }

    [Theory]
    [InlineData("""{"data":{"buyerId":77,"coverType":"credit-limit","coverStatus":"DECISION"}}""")]
    [InlineData("""{"data":{"coverId":9300,"coverType":"credit-limit","coverStatus":"DECISION"}}""")]
    public async Task A_conversion_answered_with_a_credit_limit_without_its_coverId_or_buyerId_is_read_back_not_returned_with_id_zero(string body)
    {
        // Before, the answer was returned as it was: cover 0, or cover 9300 of buyer 0.
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, body));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300))));

        var converted = await api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        Assert.Equal((9300, 77), (converted.Value.CoverId, converted.Value.BuyerId));
        Assert.Equal(1, api.Count(HttpMethod.Get, CoversUrl));
    }

    [Fact]
    public async Task A_conversion_answered_with_a_credit_limit_without_its_coverId_that_the_lists_do_not_show_yet_was_made()
    {
        // The answer is a credit limit, only its id left out: the conversion was made. An item with no cover's fields
        // (an action's result) proves nothing, but this one was reported "may not have been converted".
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, """{"data":{"buyerId":77,"coverType":"credit-limit","coverStatus":"DECISION"}}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var error = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        Assert.Contains("was converted", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, api.Count(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type"));
    }

    [Fact]
    public async Task A_conversion_refused_with_429_is_sent_again_and_made_once()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(Sequence(
            () => Answer(429, """{"faultstring":"Too many requests"}"""),
            () => Answer(200, "{\"data\":" + CoverJson(9300) + "}")));

        var converted = await api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        Assert.Equal(9300, converted.Value.CoverId);
        Assert.Equal(CoverType.CreditLimit, converted.Value.CoverType);
        Assert.Equal(2, api.Count(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type"));
    }

    [Fact]
    public async Task With_retries_off_a_conversion_refused_with_429_is_a_rate_limit_error_sent_once()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(429, """{"faultstring":"Too many requests"}"""));

        await Assert.ThrowsAsync<CoverRateLimitedException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        Assert.Equal(1, api.Count(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type"));
    }

    [Fact]
    public async Task A_conversion_answered_success_with_an_unreadable_body_and_no_read_back_says_it_was_converted()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, "<html><body>OK</body></html>"));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var error = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        Assert.Contains("was converted", error.Message, StringComparison.Ordinal);
        Assert.Contains("do not convert it again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_a_conversion_was_answered_with_is_kept_on_the_answer_that_could_not_be_read()
    {
        const string Page = "<html><body>Request accepted</body></html>";
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(Page, System.Text.Encoding.UTF8, "text/html") });
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var error = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        var unread = Assert.IsType<CoverApiException>(error.InnerException);
        Assert.Equal(Page, unread.RawBody);
        Assert.Contains("Content-Type text/html; charset=utf-8, not JSON", unread.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"data\":[{\"coverId\":9300,\"response\":\"Action has been refused.\"}]}")]
    [InlineData("{\"data\":[{\"response\":\"Action has been refused.\"}]}")]
    [InlineData("{\"data\":{\"coverId\":9300,\"buyerId\":77,\"coverType\":\"indication\",\"coverStatus\":\"DECISION\"}}")]
    public async Task A_success_answer_holding_no_credit_limit_is_an_unknown_outcome_not_the_converted_cover(string body)
    {
        // Before, the action's result or the indication as it was came back as "the converted cover".
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, body));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        Assert.Contains("holds no credit limit", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("before converting it again", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(200, unknown.Status);
        Assert.Equal(9300, unknown.CoverId);
        Assert.Equal(0, unknown.BuyerId);
        Assert.Equal(1, api.Count(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type"));
    }

    [Fact]
    public async Task A_success_answer_holding_no_credit_limit_says_the_list_could_not_be_read_when_it_could_not()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, DataJson(CoverJson(9300, coverType: "indication"))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(404, ErrorJson("Not found")));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        Assert.Contains("the covers could not be read", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("show neither", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_answer_holding_the_indication_is_followed_by_the_credit_limit_the_list_shows()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, DataJson(CoverJson(9300, coverType: "indication"))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300))));

        var converted = await api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        Assert.Equal(CoverType.CreditLimit, converted.Value.CoverType);
    }

    [Fact]
    public async Task A_success_answer_holding_the_indication_with_a_pending_conversion_is_the_accepted_conversion()
    {
        // The conversion is accepted and waits (pending process V): reported as an unknown outcome, it invited a second one.
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, DataJson(CoverJson(9300, coverType: "indication", pending: "V"))));

        var accepted = await api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        Assert.Equal(9300, accepted.Value.CoverId);
        Assert.Equal(CoverType.Indication, accepted.Value.CoverType);
        Assert.Equal(PendingProcessIndicator.IndicationConversion, accepted.Value.PendingProcess);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_conversion_whose_answer_broke_off_is_found_pending_among_the_indications_when_no_credit_limit_shows_it()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, "<html><body>OK</body></html>"));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("coverType", "credit-limit").Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("coverType", "indication").Respond(_ => Answer(200, DataJson(CoverJson(9300, coverType: "indication", pending: "V"))));

        var taken = await api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        Assert.Equal((9300L, CoverType.Indication), (taken.Value.CoverId, taken.Value.CoverType));
        Assert.Equal(PendingProcessIndicator.IndicationConversion, taken.Value.PendingProcess);
    }

    [Fact]
    public async Task An_unanswered_conversion_says_how_a_conversion_shows_whichever_way_the_service_makes_it()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(504, "{}"));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        Assert.Contains("before converting it again", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("the indication under pending process V", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_answer_holding_another_cover_with_a_pending_conversion_is_no_proof_of_this_one()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, DataJson(CoverJson(9301, coverType: "indication", pending: "V"))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));
    }
}
