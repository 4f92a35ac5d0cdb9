using System.Text;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// Sits under the client's pipeline and plays a service that takes applications in another currency than the
/// policy's: a submit in that currency reaches the sandbox in the policy currency, so the cover it makes states the
/// amount in the policy currency only, as every cover does.
/// </summary>
internal sealed class ForeignCurrencyHandler(HttpMessageHandler inner, string foreignCurrency, string policyCurrency) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && request.Content is { } content)
        {
            var body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var inPolicyCurrency = body.Replace("\"" + foreignCurrency + "\"", "\"" + policyCurrency + "\"", StringComparison.Ordinal);
            request.Content = new StringContent(inPolicyCurrency, Encoding.UTF8, content.Headers.ContentType?.MediaType ?? "application/json");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
