using Xunit;
using System.Net;
using System.Text;
using Atradius.Cover.Sdk.Tests.Http;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Authentication;

public sealed class TokenEndpointTests
{
    private static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public async Task OAuth2_style_posts_client_credentials_form_and_the_token_reaches_the_api()
    {
        var options = TestSetup.CreateOptions();
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? tokenRequest = null;
        string? form = null;
        mock.When(HttpMethod.Post, TestSetup.OAuth2TokenUrl).Respond(async request =>
        {
            tokenRequest = request;
            form = await request.Content!.ReadAsStringAsync();
            return TestSetup.Json(HttpStatusCode.OK, """{"access_token":"oauth-token-1","token_type":"Bearer","expires_in":1800}""");
        });
        string? apiAuthorization = null;
        string? apiAppKey = null;
        mock.When(HttpMethod.Get, TestSetup.ApiBase + "buyers/1").Respond(request =>
        {
            apiAuthorization = request.Headers.Authorization?.ToString();
            apiAppKey = TestSetup.Header(request, "Atradius-App-Key");
            return TestSetup.Json(HttpStatusCode.OK);
        });

        using var client = CoverHttpClientFactory.CreateStandalone(options, null, null, mock);
        using var response = await client.GetAsync("buyers/1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(tokenRequest);
        Assert.Equal(HttpMethod.Post, tokenRequest!.Method);
        Assert.Equal("/oauth2/token", tokenRequest.RequestUri!.AbsolutePath);
        Assert.Equal("Basic", tokenRequest.Headers.Authorization!.Scheme);
        Assert.Equal(Basic(TestSetup.ClientId, TestSetup.Secret), tokenRequest.Headers.Authorization.Parameter);
        Assert.Equal("application/x-www-form-urlencoded", tokenRequest.Content!.Headers.ContentType!.MediaType);
        var fields = form!.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => WebUtility.UrlDecode(p[1]));
        Assert.Equal("client_credentials", fields["grant_type"]);
        Assert.Equal("cover:read cover:write", fields["scope"]);
        Assert.False(fields.ContainsKey("client_secret"));
        Assert.Equal("Bearer oauth-token-1", apiAuthorization);
        Assert.Equal(TestSetup.AppKey, apiAppKey);
    }

    [Fact]
    public async Task Atradius_style_posts_empty_json_with_basic_auth_and_app_key_and_reads_the_data_envelope()
    {
        var options = TestSetup.CreateOptions(CoverTokenEndpointStyle.Atradius);
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? tokenRequest = null;
        string? body = null;
        mock.When(HttpMethod.Post, TestSetup.AtradiusTokenUrl).Respond(async request =>
        {
            tokenRequest = request;
            body = await request.Content!.ReadAsStringAsync();
            return TestSetup.Json(HttpStatusCode.OK, """{"data":{"access_token":"atradius-token-1","token_type":"Bearer","expires_in":1800}}""");
        });
        string? apiAuthorization = null;
        mock.When(HttpMethod.Get, TestSetup.ApiBase + "buyers/1").Respond(request =>
        {
            apiAuthorization = request.Headers.Authorization?.ToString();
            return TestSetup.Json(HttpStatusCode.OK);
        });

        using var client = CoverHttpClientFactory.CreateStandalone(options, null, null, mock);
        using var response = await client.GetAsync("buyers/1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpMethod.Post, tokenRequest!.Method);
        Assert.Equal("/authenticate/v2/tokens", tokenRequest.RequestUri!.AbsolutePath);
        Assert.Equal("Basic", tokenRequest.Headers.Authorization!.Scheme);
        Assert.Equal(Basic(TestSetup.ClientId, TestSetup.Secret), tokenRequest.Headers.Authorization.Parameter);
        Assert.Equal(TestSetup.AppKey, TestSetup.Header(tokenRequest, "Atradius-App-Key"));
        Assert.Equal("application/json", tokenRequest.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("{}", body);
        Assert.Equal("Bearer atradius-token-1", apiAuthorization);
    }

    [Fact]
    public async Task Token_endpoint_refusal_surfaces_as_CoverAuthenticationException_without_the_secret()
    {
        var options = TestSetup.CreateOptions();
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestSetup.OAuth2TokenUrl)
            .Respond(_ => TestSetup.Json(HttpStatusCode.BadRequest, """{"error":"invalid_client","error_description":"Client authentication failed."}"""));

        using var client = CoverHttpClientFactory.CreateStandalone(options, null, null, mock);
        var ex = await Assert.ThrowsAsync<CoverAuthenticationException>(() => client.GetAsync("buyers/1", TestContext.Current.CancellationToken));

        Assert.Equal(400, ex.Status);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSetup.Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Atradius_style_answer_without_a_token_is_an_authentication_error()
    {
        var options = TestSetup.CreateOptions(CoverTokenEndpointStyle.Atradius);
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestSetup.AtradiusTokenUrl).Respond(_ => TestSetup.Json(HttpStatusCode.OK, "<html>login</html>"));

        using var client = CoverHttpClientFactory.CreateStandalone(options, null, null, mock);
        var ex = await Assert.ThrowsAsync<CoverAuthenticationException>(() => client.GetAsync("buyers/1", TestContext.Current.CancellationToken));

        Assert.Equal("invalid_response", ex.ErrorCode);
    }
}
