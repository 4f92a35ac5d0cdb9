using System.Net;
using System.Text;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// Sits under the client's pipeline: while <see cref="Body"/> is set, answers GET /covers itself with 200 and that
/// body, as a gateway or a faulty backend may answer the list.
/// </summary>
internal sealed class CoversAnswerHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public string? Body { get; set; }

    public int Answered { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Body is { } body && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/cover-management/v1/covers", StringComparison.Ordinal))
        {
            Answered++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }

        return base.SendAsync(request, cancellationToken);
    }
}
