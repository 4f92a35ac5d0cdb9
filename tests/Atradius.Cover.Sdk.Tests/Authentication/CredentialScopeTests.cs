using Xunit;
using System.Net;
using Atradius.Cover.Sdk.Tests.Http;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Authentication;

public sealed class CredentialScopeTests
{
    [Fact]
    public async Task Token_and_app_key_are_not_sent_to_another_host()
    {
        var setup = new TestSetup();
        HttpRequestMessage? captured = null;
        setup.Mock.When("https://documents.elsewhere.test/report.pdf").Respond(request =>
        {
            captured = request;
            return TestSetup.Json(HttpStatusCode.OK);
        });
        using var client = setup.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "https://documents.elsewhere.test/report.pdf");
        request.Headers.Add("Atradius-App-Key", "copied-by-mistake");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.NotNull(captured);
        Assert.Null(captured!.Headers.Authorization);
        Assert.Null(TestSetup.Header(captured, "Atradius-App-Key"));
        Assert.Equal(0, setup.TokenRequests);
    }

    [Theory]
    [InlineData("http://api.cover.test/cover/v1/buyers/1")] // same host, plain http
    [InlineData("https://api.cover.test:8443/cover/v1/buyers/1")] // same host, other port
    public async Task Token_is_not_sent_outside_the_configured_origin(string url)
    {
        var setup = new TestSetup();
        HttpRequestMessage? captured = null;
        setup.Mock.When(url).Respond(request =>
        {
            captured = request;
            return TestSetup.Json(HttpStatusCode.OK);
        });
        using var client = setup.CreateClient();

        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Null(captured!.Headers.Authorization);
        Assert.Null(TestSetup.Header(captured, "Atradius-App-Key"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://127.8.9.10:5080/")]
    [InlineData("http://localhost:5080/")]
    [InlineData("http://[::1]:5080/")]
    public async Task Plain_http_to_a_loopback_api_carries_the_token(string baseAddress)
    {
        var setup = new TestSetup();
        setup.Options.BaseAddress = new Uri(baseAddress);
        HttpRequestMessage? captured = null;
        setup.Mock.When(baseAddress + "buyers/1").Respond(request =>
        {
            captured = request;
            return TestSetup.Json(HttpStatusCode.OK);
        });
        using var client = setup.CreateClient();

        using var response = await client.GetAsync("buyers/1", TestContext.Current.CancellationToken);

        Assert.Equal("Bearer", captured!.Headers.Authorization!.Scheme);
        Assert.Equal(TestSetup.AppKey, TestSetup.Header(captured, "Atradius-App-Key"));
    }
}
