using System.Net;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.Http;

public sealed class ResiliencePipelineTests
{
    [Fact]
    public async Task Post_without_idempotency_key_is_not_retried_on_503()
    {
        var setup = new TestSetup();
        var calls = 0;
        setup.Mock.When(HttpMethod.Post, TestSetup.ApiBase + "applications").Respond(_ =>
        {
            Interlocked.Increment(ref calls);
            return TestSetup.Json(HttpStatusCode.ServiceUnavailable);
        });
        using var client = setup.CreateClient();

        using var response = await client.PostAsync("applications", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Post_with_idempotency_key_is_retried_on_503_and_keeps_the_same_key()
    {
        var setup = new TestSetup();
        var keys = new List<string?>();
        setup.Mock.When(HttpMethod.Post, TestSetup.ApiBase + "applications").Respond(request =>
        {
            keys.Add(TestSetup.Header(request, "Idempotency-Key"));
            return TestSetup.Json(keys.Count < 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Created);
        });
        using var client = setup.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "applications") { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", "key-123");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new[] { "key-123", "key-123", "key-123" }, keys);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Other_unsafe_methods_without_idempotency_key_are_not_retried(string method)
    {
        var setup = new TestSetup();
        var calls = 0;
        setup.Mock.When(new HttpMethod(method), TestSetup.ApiBase + "covers/1").Respond(_ =>
        {
            Interlocked.Increment(ref calls);
            return TestSetup.Json(HttpStatusCode.BadGateway);
        });
        using var client = setup.CreateClient();

        using var request = new HttpRequestMessage(new HttpMethod(method), "covers/1");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Get_is_retried_on_503_after_waiting_for_Retry_After()
    {
        var time = new FakeTimeProvider();
        var setup = new TestSetup();
        var calls = 0;
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "decisions").Respond(_ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                var busy = TestSetup.Json(HttpStatusCode.ServiceUnavailable);
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(10));
                return busy;
            }

            return TestSetup.Json(HttpStatusCode.OK);
        });
        using var client = setup.CreateClient(timeProvider: time);

        var call = client.GetAsync("decisions", TestContext.Current.CancellationToken);
        await TestSetup.WaitUntil(() => Volatile.Read(ref calls) == 1);
        await Task.Delay(100, TestContext.Current.CancellationToken); // let the retry schedule its delay

        time.Advance(TimeSpan.FromSeconds(9)); // the exponential back-off (1 ms) would have retried by now
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref calls));

        time.Advance(TimeSpan.FromSeconds(2.5)); // past Retry-After plus its jitter (at most 1 s)
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Retries_are_off_when_MaxRetryAttempts_is_zero()
    {
        var setup = new TestSetup();
        setup.Options.Resilience.MaxRetryAttempts = 0;
        var calls = 0;
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "buyers/1").Respond(_ =>
        {
            Interlocked.Increment(ref calls);
            return TestSetup.Json(HttpStatusCode.ServiceUnavailable);
        });
        using var client = setup.CreateClient();

        using var response = await client.GetAsync("buyers/1", TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
    }
}
