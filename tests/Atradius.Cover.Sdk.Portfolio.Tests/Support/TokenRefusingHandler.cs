using System.Net;
using System.Text;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// A token endpoint that answers 400 <c>invalid_request</c> while <see cref="Refusing"/> is set: the client gets no token,
/// so nothing it was asked to send goes out. Every other request passes as it is.
/// </summary>
internal sealed class TokenRefusingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public bool Refusing { get; set; } = true;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Refusing && request.RequestUri!.AbsolutePath.EndsWith("/authenticate/v2/tokens", StringComparison.Ordinal)
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"invalid_request"}""", Encoding.UTF8, "application/json") })
            : base.SendAsync(request, cancellationToken);
}
