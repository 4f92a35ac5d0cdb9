using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// A service that dates applications and decisions by their day alone ("2026-06-15"), as the real one may: every
/// <c>applicationDate</c> and <c>decisionDate</c> the sandbox lists loses its time. Every other answer passes as it is.
/// </summary>
internal sealed partial class DayOnlyDatesHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method != HttpMethod.Get || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        response.Content = new StringContent(Timestamp().Replace(body, "\"$1\":\"$2\""), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return response;
    }

    [GeneratedRegex("\"(applicationDate|decisionDate)\":\"([0-9]{4}-[0-9]{2}-[0-9]{2})T[^\"]*\"")]
    private static partial Regex Timestamp();
}
