using System.Net;
using System.Text;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// Sits under the client's pipeline: while armed, answers GET /covers itself with a success status whose body
/// carries business errors and no covers, as the real service has answered refusals.
/// </summary>
internal sealed class ErrorsInSuccessHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string Detail = "Backend temporarily unavailable";

    public bool Armed { get; set; }

    public int Answered { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Armed && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/cover-management/v1/covers", StringComparison.Ordinal))
        {
            Answered++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("{\"errors\":[{\"detail\":\"" + Detail + "\"}]}", Encoding.UTF8, "application/json"),
            });
        }

        return base.SendAsync(request, cancellationToken);
    }
}
