using System.Net;
using System.Text;
using Atradius.Cover.Sdk;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Http;

/// <summary>Options, a fake token endpoint and a standalone pipeline over a mock socket.</summary>
internal sealed class TestSetup
{
    public const string ApiBase = "https://api.cover.test/cover/v1/";
    public const string OAuth2TokenUrl = "https://login.cover.test/oauth2/token";
    public const string AtradiusTokenUrl = "https://login.cover.test/authenticate/v2/tokens";
    public const string ClientId = "client-one";
    public const string Secret = "S3cret-Value-0f9e8d";
    public const string AppKey = "AppKey-77c6b5a4";

    private int _tokenRequests;
    private int _tokenSerial;

    public TestSetup(CoverTokenEndpointStyle style = CoverTokenEndpointStyle.OAuth2, int expiresIn = 1800, TimeSpan? tokenDelay = null)
    {
        Options = CreateOptions(style);
        var tokenUrl = style == CoverTokenEndpointStyle.OAuth2 ? OAuth2TokenUrl : AtradiusTokenUrl;
        Mock.When(HttpMethod.Post, tokenUrl).Respond(async request =>
        {
            Interlocked.Increment(ref _tokenRequests);
            var token = $"tok-{Interlocked.Increment(ref _tokenSerial)}-a1b2c3";
            IssuedTokens.Add(token);
            if (tokenDelay is { } delay)
            {
                await Task.Delay(delay);
            }

            var json = style == CoverTokenEndpointStyle.OAuth2
                ? $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{expiresIn}}}"""
                : $$$"""{"data":{"access_token":"{{{token}}}","token_type":"Bearer","expires_in":{{{expiresIn}}}}}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        });
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public CoverClientOptions Options { get; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public System.Collections.Concurrent.ConcurrentBag<string> IssuedTokens { get; } = new();

    public static CoverClientOptions CreateOptions(CoverTokenEndpointStyle style = CoverTokenEndpointStyle.OAuth2)
    {
        var options = new CoverClientOptions
        {
            BaseAddress = new Uri(ApiBase),
            TokenEndpoint = new Uri(style == CoverTokenEndpointStyle.OAuth2 ? OAuth2TokenUrl : AtradiusTokenUrl),
            TokenEndpointStyle = style,
            ClientId = ClientId,
            ClientSecret = Secret,
            AppKey = AppKey,
            CustomerId = 1001,
        };
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        return options;
    }

    /// <summary>The route of buyer <paramref name="buyerId"/> under <see cref="ApiBase"/>.</summary>
    public static string BuyerUrl(long buyerId) => ApiBase + "credit-insurance/organisation-management/v1/buyers/" + buyerId;

    /// <summary>A CoverClient built the way the public constructor builds it, over the mock socket.</summary>
    public CoverClient CreateCoverClient() => new(Options, Mock);

    public HttpClient CreateClient(ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        CoverHttpClientFactory.CreateStandalone(Options, loggerFactory, timeProvider, Mock);

    public static HttpResponseMessage Json(HttpStatusCode status, string json = "{}") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>Waits, in real time, until a condition holds; for work that runs on fake time.</summary>
    public static async Task WaitUntil(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(10);
        }
    }
}
