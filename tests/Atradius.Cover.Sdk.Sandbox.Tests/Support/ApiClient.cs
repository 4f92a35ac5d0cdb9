using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Security;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Support;

/// <summary>A plain HttpClient with a bearer token and app key, the way any client of the real service calls it.</summary>
internal sealed class ApiClient : IDisposable
{
    public const string Covers = "/credit-insurance/cover-management/v1/covers";
    public const string Buyers = "/credit-insurance/organisation-management/v1/buyers";
    public const string Policy = "/credit-insurance/policy-management/v1/policies/details";
    public const string TokenPath = "/authenticate/v2/tokens";

    private ApiClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ApiClient> CreateAsync(CoverSandbox sandbox, SandboxClient? client = null)
    {
        client ??= sandbox.ReadWriteClient;
        var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var token = await GetTokenAsync(http, client);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (client.AppKey is not null)
        {
            http.DefaultRequestHeaders.Add("Atradius-App-Key", client.AppKey);
        }

        return new ApiClient(http);
    }

    public static HttpRequestMessage TokenRequest(SandboxClient client, string? appKey = null, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = Json("") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{secret ?? client.ClientSecret}")));
        request.Headers.Add("Atradius-App-Key", appKey ?? client.AppKey);
        return request;
    }

    public static async Task<string> GetTokenAsync(HttpClient http, SandboxClient client)
    {
        using var request = TokenRequest(client);
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("data").GetProperty("access_token").GetString()!;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Answer> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<Answer> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<Answer> PatchAsync(string path, string? json) => SendAsync(HttpMethod.Patch, path, json);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        using var response = await Http.SendAsync(request, Ct);
        return await Answer.ReadAsync(response);
    }

    /// <summary>The covers of a list as JSON elements.</summary>
    public async Task<List<JsonElement>> ListAsync(string path) =>
        [.. (await GetAsync(path)).Json.GetProperty("data").EnumerateArray()];

    public static string Application(long buyerId, decimal? amount, string coverType = "credit-limit", string currency = "EUR", string policyId = SandboxFixtures.EuroPolicyId, long customerId = SandboxFixtures.EuroCustomerId, string? reference = null) =>
        $$"""{"customerId":{{customerId}},"policyId":"{{policyId}}","buyerId":{{buyerId}},"coverType":"{{coverType}}",{{(amount is null ? "" : $"\"creditLimitAmount\":{amount},")}}"currencyCode":"{{currency}}","customerRefNumber":"{{reference ?? "T-" + buyerId}}"}""";

    public static string Change(string action, long buyerId, decimal? amount = null, string coverType = "credit-limit", string? reference = null, long customerId = SandboxFixtures.EuroCustomerId, string policyId = SandboxFixtures.EuroPolicyId) =>
        $$"""{"action":"{{action}}","customerId":{{customerId}},"policyId":"{{policyId}}","buyerId":{{buyerId}},"coverType":"{{coverType}}"{{(amount is null ? "" : $",\"creditLimitAmount\":{amount}")}}{{(reference is null ? "" : $",\"customerRefNumber\":\"{reference}\"")}}}""";

    public void Dispose() => Http.Dispose();
}

/// <summary>A response read in full.</summary>
internal sealed record Answer(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, string? ContentType)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(ApiClient.Ct), response.Headers, response.Content.Headers.ContentType?.MediaType);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>The cover id of a write answer, <c>{ data: [ { coverId, response } ] }</c>.</summary>
    public long CoverId => Json.GetProperty("data")[0].GetProperty("coverId").GetInt64();

    public string Response => Json.GetProperty("data")[0].GetProperty("response").GetString()!;

    public string Detail => Json.GetProperty("errors")[0].GetProperty("detail").GetString()!;

    public string? Parameter => Json.GetProperty("errors")[0].TryGetProperty("source", out var source) ? source.GetProperty("parameter").GetString() : null;

    public string FaultString => Json.GetProperty("fault").GetProperty("faultstring").GetString()!;
}

/// <summary>Reads amounts and ratings whichever way the service sent them.</summary>
internal static class Wire
{
    public static decimal? Amount(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDecimal(),
        JsonValueKind.String when element.GetString() is { Length: > 0 } text => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    public static decimal? DecisionAmount(JsonElement cover) =>
        cover.TryGetProperty("totalDecision", out var total) && total.TryGetProperty("decisionAmtInPolicyCurrency", out var amount) ? Amount(amount) : null;

    public static JsonElement Single(IEnumerable<JsonElement> covers, long coverId) => covers.Single(c => c.GetProperty("coverId").GetInt64() == coverId);

    public static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
