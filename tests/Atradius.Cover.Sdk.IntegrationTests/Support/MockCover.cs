using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Support;

/// <summary>
/// A CoverClient from dependency injection (the public way in) whose sockets are replaced by a function: the
/// token endpoint answers a token, every API request is counted and answered by <see cref="Answer"/>.
/// </summary>
internal sealed class MockCover : IAsyncDisposable
{
    public const string Base = "https://cover.test/";
    private readonly ServiceProvider _services;
    private int _apiRequests;

    public MockCover(Action<CoverClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddAtradiusCover(o =>
        {
            o.BaseAddress = new Uri(Base);
            o.TokenEndpoint = new Uri(Base + "oauth2/token");
            o.ClientId = "client";
            o.ClientSecret = "secret";
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerFailureRatio = 1;
            o.Resilience.CircuitBreakerMinimumThroughput = 1_000_000;
            configure?.Invoke(o);
        });
        var handler = new Handler(this);
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => handler).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => handler).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<ICoverClient>();
    }

    public ICoverClient Client { get; }

    public int ApiRequests => Volatile.Read(ref _apiRequests);

    /// <summary>Answers API requests; by default a 500.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class Handler(MockCover owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/oauth2/token")
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("{\"access_token\":\"t0k3n\",\"token_type\":\"Bearer\",\"expires_in\":3600}", Encoding.UTF8, "application/json"),
                });
            }

            Interlocked.Increment(ref owner._apiRequests);
            var response = owner.Answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
