using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>
/// The limit: the fastest honest hand-written client. One <see cref="HttpClient"/>, the bearer header set
/// once, bodies streamed through source-generated System.Text.Json metadata, no pipeline. It sends the
/// same headers the SDK sends (correlation id, idempotency key), so the wire bytes are the same.
/// </summary>
public sealed class BaselineCoverClient
{
    private const string CoversPath = "credit-insurance/cover-management/v1/covers";
    private readonly HttpClient _http;

    public BaselineCoverClient(HttpClient http) => _http = http;

    /// <summary>Client credentials grant; the token is then sent on every call.</summary>
    public static async Task<string> RequestTokenAsync(HttpClient http, Uri tokenEndpoint, string clientId, string clientSecret, string scope, CancellationToken cancellationToken = default)
    {
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", clientId),
            new("client_secret", clientSecret),
            new("scope", scope),
        ]);
        using var response = await http.PostAsync(tokenEndpoint, form, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var token = await JsonSerializer.DeserializeAsync(stream, BaselineJsonContext.Default.TokenResponseDto, cancellationToken).ConfigureAwait(false);
            return token?.AccessToken ?? throw new InvalidOperationException("No access token.");
        }
    }

    /// <summary>Sets the bearer token (and app key) on every request of <paramref name="http"/>.</summary>
    public static void Authorize(HttpClient http, string token, string? appKey)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (appKey is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Atradius-App-Key", appKey);
        }
    }

    public async Task<CoverDto> GetCoverAsync(long coverId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CoversPath + "/" + coverId.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Atradius-Correlation-Id", Guid.NewGuid().ToString());
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, BaselineJsonContext.Default.CoverDto, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CoverDto> SubmitAsync(CoverApplicationDto application, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CoversPath)
        {
            Content = JsonContent.Create(application, BaselineJsonContext.Default.CoverApplicationDto),
        };
        request.Headers.TryAddWithoutValidation("Atradius-Correlation-Id", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, BaselineJsonContext.Default.CoverDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every cover, page after page; one page is held at a time.</summary>
    public async IAsyncEnumerable<CoverDto> ListAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var first = CoversPath + "?pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture);
        string? cursor = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, cursor is null ? first : first + "&cursor=" + Uri.EscapeDataString(cursor));
            request.Headers.TryAddWithoutValidation("Atradius-Correlation-Id", Guid.NewGuid().ToString());
            CoverPageDto page;
            using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                page = await ReadAsync(response, BaselineJsonContext.Default.CoverPageDto, cancellationToken).ConfigureAwait(false);
            }

            foreach (var cover in page.Data)
            {
                yield return cover;
            }

            cursor = page.Meta.NextCursor;
        }
        while (cursor is not null);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
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
