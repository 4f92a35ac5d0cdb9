using Xunit;
using System.Net;
using Atradius.Cover.Sdk.Tests.Http;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Authentication;

public sealed class TokenCacheTests
{
    [Fact]
    public async Task Token_is_requested_once_for_1000_concurrent_cold_calls()
    {
        var setup = new TestSetup(tokenDelay: TimeSpan.FromMilliseconds(100));
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "*").Respond(_ => TestSetup.Json(HttpStatusCode.OK));
        using var client = setup.CreateClient();

        var calls = Enumerable.Range(0, 1000).Select(i => Task.Run(() => client.GetAsync($"buyers/{i}", TestContext.Current.CancellationToken)));
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, setup.TokenRequests);
    }

    [Fact]
    public async Task Token_is_reused_while_fresh_and_renewed_shortly_before_expiry()
    {
        var time = new FakeTimeProvider();
        var setup = new TestSetup(expiresIn: 1800);
        var seen = new List<string>();
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "*").Respond(request =>
        {
            lock (seen)
            {
                seen.Add(request.Headers.Authorization!.Parameter!);
            }

            return TestSetup.Json(HttpStatusCode.OK);
        });
        using var client = setup.CreateClient(timeProvider: time);
        var ct = TestContext.Current.CancellationToken;

        (await client.GetAsync("buyers/1", ct)).Dispose();
        time.Advance(TimeSpan.FromSeconds(1700)); // 100 s left: more than the 60 s skew plus its jitter
        (await client.GetAsync("buyers/2", ct)).Dispose();
        Assert.Equal(1, setup.TokenRequests);

        time.Advance(TimeSpan.FromSeconds(41)); // 59 s left: inside the skew, still before expiry
        (await client.GetAsync("buyers/3", ct)).Dispose();

        Assert.Equal(2, setup.TokenRequests);
        Assert.Equal(seen[0], seen[1]);
        Assert.NotEqual(seen[1], seen[2]);
    }

    [Fact]
    public async Task A_renewal_that_fails_before_the_token_expires_leaves_calls_on_the_token_until_it_does()
    {
        // Before, once the renewal margin began, every call waited for the token endpoint and failed with it, though
        // the token had most of a minute left.
        var time = new FakeTimeProvider();
        var options = TestSetup.CreateOptions();
        options.Resilience.MaxRetryAttempts = 0;
        var mock = new MockHttpMessageHandler();
        var tokenRequests = 0;
        mock.When(HttpMethod.Post, TestSetup.OAuth2TokenUrl).Respond(_ => Interlocked.Increment(ref tokenRequests) == 1
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"access_token":"tok-1","token_type":"Bearer","expires_in":1800}""", System.Text.Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var seen = new List<string>();
        mock.When(HttpMethod.Get, TestSetup.ApiBase + "*").Respond(request =>
        {
            lock (seen)
            {
                seen.Add(request.Headers.Authorization!.Parameter!);
            }

            return TestSetup.Json(HttpStatusCode.OK);
        });
        using var client = CoverHttpClientFactory.CreateStandalone(options, null, time, mock);
        var ct = TestContext.Current.CancellationToken;

        (await client.GetAsync("buyers/1", ct)).Dispose();
        time.Advance(TimeSpan.FromSeconds(1750)); // 50 s left: due for renewal, not expired
        (await client.GetAsync("buyers/2", ct)).Dispose();
        (await client.GetAsync("buyers/3", ct)).Dispose();

        Assert.Equal(["tok-1", "tok-1", "tok-1"], seen);
        Assert.Equal(3, Volatile.Read(ref tokenRequests));

        time.Advance(TimeSpan.FromSeconds(51)); // expired: a call needs a new token, and there is none
        await Assert.ThrowsAsync<CoverTransportException>(() => client.GetAsync("buyers/4", ct));
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task A_token_the_api_rejected_during_a_renewal_is_not_handed_out_when_the_renewal_fails()
    {
        var time = new FakeTimeProvider();
        var options = TestSetup.CreateOptions();
        options.Resilience.MaxRetryAttempts = 0;
        var mock = new MockHttpMessageHandler();
        var tokenRequests = 0;
        var endpointAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var renewing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mock.When(HttpMethod.Post, TestSetup.OAuth2TokenUrl).Respond(async () =>
        {
            if (Interlocked.Increment(ref tokenRequests) == 1)
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"access_token":"tok-1","token_type":"Bearer","expires_in":1800}""", System.Text.Encoding.UTF8, "application/json") };
            }

            renewing.TrySetResult();
            await endpointAnswers.Task;
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        });
        using var http = new HttpClient(mock);
        var provider = new CoverTokenProvider(options, new CoverTokenClient(() => http, options, time), new CoverTokenCache(), null, time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("tok-1", await provider.GetTokenAsync(null, ct));
        time.Advance(TimeSpan.FromSeconds(1750)); // due for renewal, not expired

        var renewal = provider.GetTokenAsync(null, ct).AsTask();
        await renewing.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var afterRejection = provider.GetTokenAsync("tok-1", ct).AsTask(); // the API answered 401 to a call with tok-1
        var meanwhile = await Record.ExceptionAsync(() => provider.GetTokenAsync(null, ct).AsTask().WaitAsync(TimeSpan.FromMilliseconds(200), ct));
        endpointAnswers.SetResult();

        Assert.IsType<TimeoutException>(meanwhile); // waits for the renewal rather than take the rejected token
        await Assert.ThrowsAnyAsync<CoverApiException>(() => renewal);
        await Assert.ThrowsAnyAsync<CoverApiException>(() => afterRejection);
    }

    [Fact]
    public async Task Api_401_renews_the_token_once_and_retries_once()
    {
        var setup = new TestSetup();
        var tokensSeen = new List<string>();
        setup.Mock.When(HttpMethod.Post, TestSetup.ApiBase + "applications").Respond(request =>
        {
            tokensSeen.Add(request.Headers.Authorization!.Parameter!);
            return TestSetup.Json(tokensSeen.Count == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.Created);
        });
        using var client = setup.CreateClient();

        // No Idempotency-Key: the 401 repeat is the bearer handler's, not a resilience retry.
        using var response = await client.PostAsync("applications", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, setup.TokenRequests);
        Assert.Equal(2, tokensSeen.Count);
        Assert.NotEqual(tokensSeen[0], tokensSeen[1]);
    }

    [Fact]
    public async Task Second_401_surfaces_as_CoverAuthenticationException()
    {
        var setup = new TestSetup();
        var apiCalls = 0;
        setup.Mock.When(HttpMethod.Get, TestSetup.BuyerUrl(1)).Respond(_ =>
        {
            Interlocked.Increment(ref apiCalls);
            var response = TestSetup.Json(HttpStatusCode.Unauthorized, """{"errors":[{"detail":"The access token is not valid."}]}""");
            response.Headers.Add("Atradius-Correlation-Id", "corr-401");
            return response;
        });
        using var client = setup.CreateCoverClient();

        var ex = await Assert.ThrowsAsync<CoverAuthenticationException>(() => client.Buyers.GetAsync(1, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(401, ex.Status);
        Assert.Equal("The access token is not valid.", ex.Errors[0].Detail);
        Assert.Equal("corr-401", ex.CorrelationId);
        Assert.Equal(2, apiCalls);
        Assert.Equal(2, setup.TokenRequests);
        Assert.All(setup.IssuedTokens, t => Assert.DoesNotContain(t, ex.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clients_with_the_same_credentials_share_a_token_and_different_scopes_do_not()
    {
        var cache = new CoverTokenCache();
        var setup = new TestSetup();
        using var tokenHttp = new HttpClient(setup.Mock, disposeHandler: false);
        CoverTokenProvider Provider(CoverClientOptions o) =>
            new(o, new CoverTokenClient(() => tokenHttp, o), cache, null, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var readOnly = TestSetup.CreateOptions();
        readOnly.Scopes.Add("cover:read");
        var ct = TestContext.Current.CancellationToken;

        var a = await Provider(TestSetup.CreateOptions()).GetTokenAsync(null, ct);
        var b = await Provider(TestSetup.CreateOptions()).GetTokenAsync(null, ct);
        var c = await Provider(readOnly).GetTokenAsync(null, ct);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(2, setup.TokenRequests);
    }

    [Fact]
    public async Task One_client_id_registered_with_another_secret_or_app_key_gets_a_token_of_its_own()
    {
        // Sharing would hide a wrong secret, and send calls under an app key the token was not issued for.
        var cache = new CoverTokenCache();
        var setup = new TestSetup();
        using var tokenHttp = new HttpClient(setup.Mock, disposeHandler: false);
        CoverTokenProvider Provider(CoverClientOptions o) =>
            new(o, new CoverTokenClient(() => tokenHttp, o), cache, null, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var otherSecret = TestSetup.CreateOptions();
        otherSecret.ClientSecret += "-rotated";
        var otherAppKey = TestSetup.CreateOptions();
        otherAppKey.AppKey += "-second";
        var ct = TestContext.Current.CancellationToken;

        var first = await Provider(TestSetup.CreateOptions()).GetTokenAsync(null, ct);
        var withOtherSecret = await Provider(otherSecret).GetTokenAsync(null, ct);
        var withOtherAppKey = await Provider(otherAppKey).GetTokenAsync(null, ct);

        Assert.Equal(3, new[] { first, withOtherSecret, withOtherAppKey }.Distinct().Count());
        Assert.Equal(3, setup.TokenRequests);
    }
}
