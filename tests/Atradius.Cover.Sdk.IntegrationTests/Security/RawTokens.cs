using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;

namespace Atradius.Cover.Sdk.IntegrationTests.Security;

/// <summary>Token requests over plain HTTP, without the SDK.</summary>
internal static class RawTokens
{
    public static async Task<string> FetchAsync(HttpClient http, CoverSandbox sandbox, SandboxClient client, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.OAuth2TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", client.Scope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(client.ClientId + ":" + client.ClientSecret)));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static HttpRequestMessage Api(CoverSandbox sandbox, HttpMethod method, string path, string? token, string? appKey, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(sandbox.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (appKey is not null)
        {
            request.Headers.Add("Atradius-App-Key", appKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
