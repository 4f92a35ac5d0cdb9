using System.Text;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Options;

public sealed class TokenEndpointTests
{
    private const string Buyer = """{"data":[{"buyerId":1}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CoverApi Api(params Func<HttpResponseMessage>[] tokenAnswers)
    {
        var api = new CoverApi();
        api.Mock.Clear();
        api.Mock.When(HttpMethod.Post, TokenUrl).Respond(Sequence(tokenAnswers));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => Answer(200, Buyer));
        return api;
    }

    private static HttpResponseMessage Issued() => Answer(200, """{"data":{"access_token":"tok-9","token_type":"Bearer","expires_in":1800}}""");

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_busy_or_failing_token_endpoint_is_asked_again(int status)
    {
        using var api = Api(() => Answer(status, """{"faultstring":"busy"}"""), Issued);

        await api.Client.Buyers.GetAsync(1, cancellationToken: Ct);

        Assert.Equal(2, api.Recorder.Requests.Count(r => r.Uri.AbsoluteUri == TokenUrl));
        Assert.Equal("Bearer tok-9", api.Requests.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task A_transport_failure_of_the_token_endpoint_is_retried()
    {
        using var api = Api(() => throw new HttpRequestException("Connection refused"), Issued);

        await api.Client.Buyers.GetAsync(1, cancellationToken: Ct);

        Assert.Equal(2, api.Recorder.Requests.Count(r => r.Uri.AbsoluteUri == TokenUrl));
    }

    [Fact]
    public async Task A_token_endpoint_that_cannot_be_reached_is_named_as_the_cause_before_the_attempts_time_runs_out()
    {
        // The token requests' back-off (2, 4, 8 s) outlasts the attempt's time limit (10 s). Before, the call ended after
        // its whole time limit saying only that its time ran out while it got an access token.
        using var api = new CoverApi(new WaitTimerClock(Start, due => due < TimeSpan.FromSeconds(9)));
        api.Options.Resilience.BaseDelay = TimeSpan.FromSeconds(2);
        api.Mock.Clear();
        api.Mock.When(HttpMethod.Post, TokenUrl).Respond(_ => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));

        var call = api.Client.Buyers.GetAsync(1, cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<CoverTransportException>(() => ((WaitTimerClock)api.Time).RunUntilDoneAsync(call, Ct));

        Assert.False(ex.RequestWasSent);
        Assert.Contains("The token endpoint's last failure: No access token: the token endpoint " + TokenUrl + " could not be reached (Connection refused (127.0.0.1:9))", ex.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_read_outlasts_a_token_endpoint_down_for_longer_than_one_attempt()
    {
        using var api = new CoverApi(new WaitTimerClock(Start, due => due < TimeSpan.FromSeconds(9)));
        api.Options.Resilience.BaseDelay = TimeSpan.FromSeconds(2);
        api.Mock.Clear();
        var tokenRequests = 0;
        api.Mock.When(HttpMethod.Post, TokenUrl).Respond(_ => Interlocked.Increment(ref tokenRequests) <= 3
            ? throw new HttpRequestException("Connection refused (127.0.0.1:9)")
            : Issued());
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => Answer(200, Buyer));

        var buyer = await ((WaitTimerClock)api.Time).RunUntilDoneAsync(api.Client.Buyers.GetAsync(1, cancellationToken: Ct), Ct);

        Assert.Equal(1, buyer.Value.BuyerId);
        Assert.Equal(4, Volatile.Read(ref tokenRequests));
    }

    [Theory]
    [InlineData(401, """{"faultstring":"Invalid ApiKey"}""")]
    [InlineData(400, """{"error":"invalid_client"}""")]
    public async Task Only_a_credential_refusal_is_an_authentication_failure(int status, string body)
    {
        using var api = Api(() => Answer(status, body));

        var ex = await Assert.ThrowsAsync<CoverAuthenticationException>(() => api.Client.Buyers.GetAsync(1, cancellationToken: Ct));

        Assert.Equal(status, ex.Status);
        Assert.Equal(1, api.Recorder.Requests.Count(r => r.Uri.AbsoluteUri == TokenUrl));
    }

    [Fact]
    public async Task A_token_endpoint_failing_every_time_is_not_reported_as_bad_credentials()
    {
        using var api = Api(() => Answer(502, """{"faultstring":"Bad Gateway"}"""));

        var ex = await Assert.ThrowsAsync<CoverTransportException>(() => api.Client.Buyers.GetAsync(1, cancellationToken: Ct));

        Assert.False(ex.RequestWasSent);
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_submission_that_could_get_no_token_is_reported_as_not_sent_not_as_an_unknown_outcome()
    {
        using var api = Api(() => Answer(503, """{"faultstring":"busy"}"""));

        var ex = await Assert.ThrowsAsync<CoverTransportException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 5000 }, cancellationToken: Ct));

        Assert.False(ex.RequestWasSent);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("""{"data":[{"access_token":"tok-9","token_type":"Bearer","expires_in":"1800"}]}""")]
    [InlineData("""{"access_token":"tok-9","token_type":"Bearer","expires_in":1800}""")]
    [InlineData("""[{"access_token":"tok-9","token_type":"Bearer","expires_in":1800}]""")]
    public async Task A_token_in_a_one_element_array_or_without_the_data_envelope_is_read(string answer)
    {
        using var api = Api(() => Answer(200, answer));

        await api.Client.Buyers.GetAsync(1, cancellationToken: Ct);

        Assert.Equal("Bearer tok-9", api.Requests.Single().Headers["Authorization"]);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"data":[]}""")]
    [InlineData("""{"data":"tok-9"}""")]
    [InlineData("""42""")]
    public async Task A_token_answer_of_another_shape_is_a_failure_that_says_the_request_was_not_sent(string answer)
    {
        using var api = Api(() => Answer(200, answer));

        var ex = await Assert.ThrowsAsync<CoverTransportException>(() => api.Client.Buyers.GetAsync(1, cancellationToken: Ct));

        Assert.False(ex.RequestWasSent);
        Assert.Contains("access_token", ex.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task The_Atradius_token_request_uses_basic_credentials_the_app_key_and_no_scope()
    {
        using var api = Api(Issued);

        await api.Client.Buyers.GetAsync(1, cancellationToken: Ct);

        var token = api.Recorder.Requests.Single(r => r.Uri.AbsoluteUri == TokenUrl);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-one:S3cret-Value-0f9e8d")), token.Headers["Authorization"]);
        Assert.Equal("AppKey-77c6b5a4", token.Headers["Atradius-App-Key"]);
        Assert.DoesNotContain("scope", token.Body ?? string.Empty, StringComparison.Ordinal);
    }

    // Before, the token request got an id of its own, which the call's caller never saw: a token failure quoted the
    // call's id, under which the gateway had logged nothing.
    [Theory]
    [InlineData(CoverTokenEndpointStyle.Atradius)]
    [InlineData(CoverTokenEndpointStyle.OAuth2)]
    public async Task The_token_request_a_call_makes_carries_the_calls_correlation_id(CoverTokenEndpointStyle style)
    {
        using var api = Api(() => style == CoverTokenEndpointStyle.OAuth2
            ? Answer(200, """{"access_token":"tok-9","token_type":"Bearer","expires_in":1800}""")
            : Issued());
        api.Options.TokenEndpointStyle = style;
        api.Options.TokenEndpoint = new Uri(TokenUrl);

        await api.Client.Buyers.GetAsync(1, new CoverRequestOptions { CorrelationId = "corr-call-1" }, Ct);

        var token = Assert.Single(api.Recorder.Requests, r => r.Uri.AbsoluteUri == TokenUrl);
        Assert.Equal("corr-call-1", token.Headers["Atradius-Correlation-Id"]);
        Assert.Equal("corr-call-1", api.Requests.Single().Headers["Atradius-Correlation-Id"]);
    }

    [Fact]
    public async Task An_oauth2_token_endpoint_of_another_origin_is_sent_no_correlation_id()
    {
        const string ProviderUrl = "https://login.example.com/oauth2/token";
        using var api = new CoverApi();
        api.Mock.Clear();
        api.Mock.When(HttpMethod.Post, ProviderUrl).Respond(_ => Answer(200, """{"access_token":"tok-9","token_type":"Bearer","expires_in":1800}"""));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => Answer(200, Buyer));
        api.Options.TokenEndpointStyle = CoverTokenEndpointStyle.OAuth2;
        api.Options.TokenEndpoint = new Uri(ProviderUrl);

        await api.Client.Buyers.GetAsync(1, new CoverRequestOptions { CorrelationId = "corr-call-3" }, Ct);

        var token = Assert.Single(api.Recorder.Requests, r => r.Uri.AbsoluteUri == ProviderUrl);
        Assert.False(token.Headers.ContainsKey("Atradius-Correlation-Id"));
        Assert.Equal("corr-call-3", Assert.Single(api.Recorder.Requests, r => r.Uri.AbsoluteUri == BuyersUrl + "/1").Headers["Atradius-Correlation-Id"]);
    }

    [Fact]
    public async Task A_token_failure_names_the_correlation_id_every_attempt_of_the_token_request_carried()
    {
        using var api = Api(() => Answer(503, """{"faultstring":"busy"}"""));
        api.Options.Resilience.MaxRetryAttempts = 2;

        var ex = await Assert.ThrowsAsync<CoverTransportException>(() => api.Client.Buyers.GetAsync(1, new CoverRequestOptions { CorrelationId = "corr-call-2" }, Ct));

        Assert.Equal("corr-call-2", ex.CorrelationId);
        var tokens = api.Recorder.Requests.Where(r => r.Uri.AbsoluteUri == TokenUrl).ToList();
        Assert.Equal(3, tokens.Count);
        Assert.All(tokens, t => Assert.Equal("corr-call-2", t.Headers["Atradius-Correlation-Id"]));
    }

    [Fact]
    public async Task A_call_with_no_correlation_id_of_its_callers_shares_its_own_with_its_token_request()
    {
        using var api = Api(Issued);

        var buyer = await api.Client.Buyers.GetAsync(1, cancellationToken: Ct);

        var token = Assert.Single(api.Recorder.Requests, r => r.Uri.AbsoluteUri == TokenUrl);
        Assert.Equal(buyer.Response.CorrelationId, token.Headers["Atradius-Correlation-Id"]);
        Assert.Equal(buyer.Response.CorrelationId, api.Requests.Single().Headers["Atradius-Correlation-Id"]);
    }
}
