using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Options;

public sealed class DependencyInjectionCallTests
{
    [Fact]
    public async Task A_client_from_dependency_injection_gets_a_token_retries_a_cut_get_body_and_never_resends_a_post()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(Sequence(
            () => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new CutContent("{\"data\":[") },
            () => Answer(200, """{"data":[{"buyerId":1}]}""")));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(502, """{"faultstring":"Bad Gateway"}"""));
        // The cover the POST made before its 502, applied for now: the client from DI runs on the system clock.
        var appliedAt = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9500, buyerId: 1, amount: 5000, decided: 5000, reference: null, applicationDate: appliedAt))));
        await using var provider = api.Services(configure: o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var client = provider.GetRequiredService<ICoverClient>();
        var ct = TestContext.Current.CancellationToken;

        var buyer = await client.Buyers.GetAsync(1, cancellationToken: ct);
        var result = await client.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CreditLimitAmount = 5000 }, cancellationToken: ct);

        Assert.Equal(1, buyer.Value.BuyerId);
        Assert.Equal(2, api.Count(HttpMethod.Get, BuyersUrl + "/1"));
        Assert.True(result.Recovered);
        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
        Assert.Equal("Bearer tok-1", api.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task The_registered_clock_paces_the_back_off_between_token_requests()
    {
        // Before, the token endpoint's back-off ran on the system clock under dependency injection (not without it):
        // a test on a fake clock waited the real back-off.
        using var api = new CoverApi();
        var tokenRequests = 0;
        api.Mock.Clear();
        api.Mock.When(HttpMethod.Post, TokenUrl).Respond(_ => Interlocked.Increment(ref tokenRequests) == 1
            ? Answer(503, """{"faultstring":"busy"}""")
            : Answer(200, """{"data":{"access_token":"tok-2","token_type":"Bearer","expires_in":1800}}"""));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => Answer(200, """{"data":[{"buyerId":1}]}"""));
        // The clock moves once the back-off between the token requests has started, by its length.
        var clock = new WaitTimerClock(Start, wait => wait == TimeSpan.FromMinutes(1));
        await using var provider = api.Services(new ServiceCollection().AddSingleton<TimeProvider>(clock), o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMinutes(1);
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(10);
            o.Resilience.TotalTimeout = TimeSpan.FromHours(1);
            o.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromHours(1);
        });
        var ct = TestContext.Current.CancellationToken;

        var reading = provider.GetRequiredService<ICoverClient>().Buyers.GetAsync(1, cancellationToken: ct);
        var buyer = await clock.RunUntilDoneAsync(reading, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(1, buyer.Value.BuyerId);
        Assert.Equal(2, Volatile.Read(ref tokenRequests));
    }
}
