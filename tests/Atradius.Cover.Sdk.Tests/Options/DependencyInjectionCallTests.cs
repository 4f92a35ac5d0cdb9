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
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddAtradiusCover(o =>
        {
            o.BaseAddress = api.Options.BaseAddress;
            o.ClientId = api.Options.ClientId;
            o.ClientSecret = api.Options.ClientSecret;
            o.AppKey = api.Options.AppKey;
            o.CustomerId = api.Options.CustomerId;
            o.PolicyId = api.Options.PolicyId;
            o.Resilience.BaseDelay = TimeSpan.Zero;
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => api.Recorder);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => api.Recorder);
        await using var provider = services.BuildServiceProvider();
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
}
