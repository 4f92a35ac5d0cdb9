using System.Net;
using System.Text;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>A gateway that answers 429 to every POST before it reaches the service: reads pass as they are.</summary>
internal sealed class RateLimitingWritesHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Method == HttpMethod.Post && !request.RequestUri!.AbsolutePath.EndsWith("/authenticate/v2/tokens", StringComparison.Ordinal)
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"faultstring":"Spike arrest violation"}""", Encoding.UTF8, "application/json") })
            : base.SendAsync(request, cancellationToken);
}
