using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// A service whose GET /covers leaves refusals out: whether the real one lists them there is not known, and
/// GET /covers/decisions lists every decided cover. Every other answer passes as it is.
/// </summary>
internal sealed class RefusalsOnlyAmongDecisionsHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method != HttpMethod.Get || !request.RequestUri!.AbsolutePath.EndsWith("/cover-management/v1/covers", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
        var covers = body["data"]!.AsArray();
        foreach (var refusal in covers.Where(c => (string?)c!["decisionCode"] == "DC03").ToList())
        {
            covers.Remove(refusal);
        }

        response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return response;
    }
}
