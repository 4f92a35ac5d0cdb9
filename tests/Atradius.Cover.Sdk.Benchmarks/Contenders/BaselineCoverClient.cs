using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>
/// The limit: the fastest honest hand-written client of the real routes. One <see cref="HttpClient"/> with the
/// bearer token and app key set once, a correlation id per call, bodies streamed through source-generated
/// System.Text.Json metadata, no pipeline (no retries, no timeouts, no telemetry).
/// </summary>
public sealed class BaselineCoverClient : IDisposable
{
    private const string Covers = "credit-insurance/cover-management/v1/covers";
    private const string Decisions = "credit-insurance/cover-management/v1/covers/decisions";
    private const string CorrelationId = "Atradius-Correlation-Id";

    private readonly HttpClient _http;
    private readonly string _filter;

    /// <param name="http">An HttpClient whose base address is the host root and whose default headers carry the token.</param>
    /// <param name="endpoint">The customer and policy every call names.</param>
    public BaselineCoverClient(HttpClient http, BenchEndpoint endpoint)
    {
        _http = http;
        _filter = "?policyId=" + Uri.EscapeDataString(endpoint.PolicyId) + "&customerId=" + endpoint.CustomerId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Asks for a token, then returns a client that sends it with the app key on every call.</summary>
    public static async Task<BaselineCoverClient> CreateAsync(HttpMessageHandler handler, bool disposeHandler, BenchEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        var http = new HttpClient(handler, disposeHandler) { BaseAddress = endpoint.BaseAddress };
        var token = await RequestTokenAsync(http, endpoint, cancellationToken).ConfigureAwait(false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Atradius-App-Key", endpoint.AppKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new BaselineCoverClient(http, endpoint);
    }

    /// <summary>POST /authenticate/v2/tokens with Basic credentials and the app key, no body beyond <c>{}</c>.</summary>
    public static async Task<string> RequestTokenAsync(HttpClient http, BenchEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.TokenEndpoint)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(endpoint.ClientId + ":" + endpoint.ClientSecret)));
        request.Headers.TryAddWithoutValidation("Atradius-App-Key", endpoint.AppKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var token = await ReadAsync(response, BaselineJsonContext.Default.TokenResponseDto, cancellationToken).ConfigureAwait(false);
        return token.Data?.AccessToken ?? throw new InvalidOperationException("No access token.");
    }

    /// <summary>GET /covers?policyId&amp;customerId&amp;buyerId: the buyer's current covers.</summary>
    public async Task<List<CoverDto>> GetBuyerCoversAsync(long buyerId, CancellationToken cancellationToken = default) =>
        (await GetListAsync(Covers + _filter + "&buyerId=" + buyerId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false)).Data;

    /// <summary>
    /// POST /covers, then the read-back the answer forces (it carries the cover id, not the cover): GET
    /// /covers/decisions for the buyer and cover type, and the cover with the new id.
    /// </summary>
    public async Task<CoverDto?> SubmitAsync(CoverApplicationDto application, CancellationToken cancellationToken = default)
    {
        long coverId;
        using (var request = new HttpRequestMessage(HttpMethod.Post, Covers))
        {
            request.Content = JsonContent.Create(application, BaselineJsonContext.Default.CoverApplicationDto);
            request.Headers.TryAddWithoutValidation(CorrelationId, Guid.NewGuid().ToString());
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var actions = await ReadAsync(response, BaselineJsonContext.Default.ActionListDto, cancellationToken).ConfigureAwait(false);
            coverId = actions.Data[0].CoverId;
        }

        var decided = await GetListAsync(
            Decisions + _filter + "&buyerId=" + application.BuyerId.ToString(CultureInfo.InvariantCulture) + "&coverType=" + application.CoverType,
            cancellationToken).ConfigureAwait(false);
        return decided.Data.Find(c => c.CoverId == coverId);
    }

    public void Dispose() => _http.Dispose();

    private async Task<CoverListDto> GetListAsync(string route, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        request.Headers.TryAddWithoutValidation(CorrelationId, Guid.NewGuid().ToString());
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, BaselineJsonContext.Default.CoverListDto, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Empty body.");
        }
    }
}
