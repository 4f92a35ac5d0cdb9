using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Support;

/// <summary>A plain HttpClient with a bearer token and app key, the way any client would call the API.</summary>
internal sealed class ApiClient : IDisposable
{
    public const string Covers = "credit-insurance/cover-management/v1/covers";
    public const string Buyers = "credit-insurance/organisation-management/v1/buyers";

    private ApiClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ApiClient> CreateAsync(CoverSandbox sandbox, SandboxClient? client = null)
    {
        client ??= sandbox.ReadWriteClient;
        var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var token = await GetTokenAsync(http, client, null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (client.AppKey is not null)
        {
            http.DefaultRequestHeaders.Add("Atradius-App-Key", client.AppKey);
        }

        return new ApiClient(http);
    }

    public static async Task<string> GetTokenAsync(HttpClient http, SandboxClient client, string? scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token")
        {
            Content = new FormUrlEncodedContent(scope is null
                ? [new("grant_type", "client_credentials")]
                : [new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<Answer> GetAsync(string path, params (string Name, string Value)[] headers) => await SendAsync(HttpMethod.Get, path, null, headers);

    public async Task<Answer> PostAsync(string path, string json, params (string Name, string Value)[] headers) => await SendAsync(HttpMethod.Post, path, json, headers);

    public async Task<Answer> PutAsync(string path, string json, params (string Name, string Value)[] headers) => await SendAsync(HttpMethod.Put, path, json, headers);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request, Ct);
        return await Answer.ReadAsync(response);
    }

    public static string Application(long buyerId, decimal? amount, string coverType = "credit-limit", string currency = "EUR", string policyId = "5012345", long customerId = 200417) =>
        $$"""{"customerId":{{customerId}},"policyId":"{{policyId}}","buyerId":{{buyerId}},"coverType":"{{coverType}}",{{(amount is null ? "" : $"\"creditLimitAmount\":{amount},")}}"currencyCode":"{{currency}}","customerRefNumber":"T-{{buyerId}}"}""";

    public void Dispose() => Http.Dispose();
}

/// <summary>A response read in full.</summary>
internal sealed record Answer(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, string? ContentType)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(ApiClient.Ct), response.Headers, response.Content.Headers.ContentType?.MediaType);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public long CoverId => Json.GetProperty("coverId").GetInt64();

    public JsonElement FirstError => Json.GetProperty("errors")[0];
}
