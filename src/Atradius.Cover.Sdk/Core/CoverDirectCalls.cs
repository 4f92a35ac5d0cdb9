using System.Globalization;
using Atradius.Cover.Sdk.Generated;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// GET cover, the SDK's most frequent call, written by hand over the same <see cref="HttpClient"/> and read
/// with the same rules as <see cref="CoverServiceClient"/>, answering and failing exactly as the generated
/// method does, without its per-call work: copying every response header into a new dictionary, parsing the
/// Accept header, building the URL in a StringBuilder. Measured: about 1.2 KB and a fifth of the call's
/// client-side time (docs/performance.md).
/// </summary>
internal static class CoverDirectCalls
{
    private const string CoversPath = "credit-insurance/cover-management/v1/covers/";

    public static async Task<CoverGeneratedResponse<Gen.Cover>> GetCoverAsync(HttpClient httpClient, long coverId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(CoversPath + coverId.ToString(CultureInfo.InvariantCulture), UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var headers = new CoverResponseHeaders(response);
        var status = (int)response.StatusCode;
        if (status == 200)
        {
            var cover = await CoverServiceClient.ReadBodyAsync<Gen.Cover>(response, status, headers, cancellationToken).ConfigureAwait(false);
            return cover is null
                ? throw new CoverGeneratedApiException("Response was null which was not expected.", status, string.Empty, headers, null)
                : new CoverGeneratedResponse<Gen.Cover>(status, headers, cover);
        }

        // The statuses the contract declares for GET cover carry an error body; any other is unexpected.
        if (status is 400 or 401 or 403 or 404 or 429 or 500 or 503)
        {
            var body = await CoverServiceClient.ReadBoundedTextAsync(response.Content, cancellationToken).ConfigureAwait(false);
            throw CoverApiExceptionFactory.Create(status, headers, body);
        }

#if NET5_0_OR_GREATER
        var text = response.Content is null ? null : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
        var text = response.Content is null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
        throw new CoverGeneratedApiException("The HTTP status code of the response was not expected (" + status.ToString(CultureInfo.InvariantCulture) + ").", status, text, headers, null);
    }
}
