using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.IntegrationTests.Support;

/// <summary>
/// A CoverClient from dependency injection (the public way in) whose sockets are a <see cref="MockHttpMessageHandler"/>:
/// the Atradius token route answers a token; every other answer is set up by the test on <see cref="Http"/>.
/// </summary>
internal sealed class MockCover : IAsyncDisposable
{
    public const string Base = "https://api.atradius.test/";
    public const string Covers = Base + "credit-insurance/cover-management/v1/covers";
    public const string Buyers = Base + "credit-insurance/organisation-management/v1/buyers";
    public const string Policy = Base + "credit-insurance/policy-management/v1/policies/details";
    public const long CustomerId = 200417;
    public const string PolicyId = "5012345";
    private readonly ServiceProvider _services;
    private int _requests;

    public MockCover(Action<CoverClientOptions>? configure = null)
    {
        Http.When(HttpMethod.Post, Base + "authenticate/v2/tokens")
            .Respond("application/json", "{\"data\":{\"access_token\":\"t0k3n\",\"token_type\":\"Bearer\",\"expires_in\":1800}}");
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddAtradiusCover(o =>
        {
            o.BaseAddress = new Uri(Base);
            o.ClientId = "client";
            o.ClientSecret = "secret";
            o.AppKey = "app-key";
            o.CustomerId = CustomerId;
            o.PolicyId = PolicyId;
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerFailureRatio = 1;
            o.Resilience.CircuitBreakerMinimumThroughput = 1_000_000;
            configure?.Invoke(o);
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => new Counting(this)).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => new Counting(this)).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<ICoverClient>();
    }

    public MockHttpMessageHandler Http { get; } = new();

    public ICoverClient Client { get; }

    /// <summary>Every request that reached the sockets, token requests included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class Counting(MockCover owner) : DelegatingHandler(owner.Http)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
