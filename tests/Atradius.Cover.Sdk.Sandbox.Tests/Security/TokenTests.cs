using System.Net.Http.Headers;
using System.Text;
using Atradius.Cover.Sdk.Sandbox.Security;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Security;

public sealed class TokenTests
{
    [Fact]
    public async Task Starts_with_no_options_and_exposes_addresses_and_credentials()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        Assert.Equal("127.0.0.1", sandbox.BaseAddress.Host);
        Assert.EndsWith("/", sandbox.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(new Uri(sandbox.BaseAddress, "oauth2/token"), sandbox.OAuth2TokenEndpoint);
        Assert.Equal(new Uri(sandbox.BaseAddress, "authenticate/v2/tokens"), sandbox.AtradiusTokenEndpoint);
        Assert.Equal(SandboxFixtures.ReadWriteClientId, sandbox.ReadWriteClient.ClientId);
        Assert.Equal(["cover:read"], sandbox.ReadOnlyClient.Scopes);
        Assert.DoesNotContain(sandbox.ReadWriteClient.ClientSecret, sandbox.ReadWriteClient.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuth2_accepts_credentials_in_the_form_and_counts_requests()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", sandbox.ReadOnlyClient.ClientId), new("client_secret", sandbox.ReadOnlyClient.ClientSecret)]);
        var answer = await Answer.ReadAsync(await http.PostAsync("oauth2/token", form, Ct));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("cover:read", answer.Json.GetProperty("scope").GetString());
        Assert.Equal(1800, answer.Json.GetProperty("expires_in").GetInt32());
        Assert.Equal(1, sandbox.Statistics.OAuth2TokenRequests);
        Assert.Equal(1, sandbox.Statistics.TokenRequests);
    }

    [Fact]
    public async Task Wrong_secret_is_401_invalid_client()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var wrong = sandbox.ReadWriteClient with { ClientSecret = "guess" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{wrong.ClientId}:{wrong.ClientSecret}")));
        var answer = await Answer.ReadAsync(await http.SendAsync(request, Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("invalid_client", answer.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Read_write_client_may_narrow_to_read_and_then_cannot_write()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var token = await GetTokenAsync(http, sandbox.ReadWriteClient, "cover:read");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Add("Atradius-App-Key", sandbox.ReadWriteClient.AppKey);
        var answer = await Answer.ReadAsync(await http.PostAsync(Covers, Json(Application(SandboxFixtures.WellRatedDutchBuyerId, 10000)), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("INSUFFICIENT_SCOPE", answer.FirstError.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Covers, Ct)).StatusCode);
    }

    [Fact]
    public async Task Read_only_client_may_not_ask_for_write_scope()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "cover:write"), new("client_id", sandbox.ReadOnlyClient.ClientId), new("client_secret", sandbox.ReadOnlyClient.ClientSecret)]);
        var answer = await Answer.ReadAsync(await http.PostAsync("oauth2/token", form, Ct));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_scope", answer.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Read_only_client_gets_403_on_put()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var reader = await CreateAsync(sandbox, sandbox.ReadOnlyClient);
        var answer = await reader.PutAsync($"{Covers}/{SandboxFixtures.ExistingCreditLimitCoverId}", """{"action":"cancel"}""");
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("INSUFFICIENT_SCOPE", answer.FirstError.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{Covers}/{SandboxFixtures.ExistingCreditLimitCoverId}")).Status);
    }

    [Fact]
    public async Task Forged_token_is_401()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var token = api.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var parts = token.Split('.');

        // Claim the read-only client's token is a read-write one: the signature no longer matches.
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"sandbox-read-write\ncover:read cover:write\n{DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()}"));
        api.Http.DefaultRequestHeaders.Authorization = new("Bearer", $"{parts[0]}.{forgedPayload}.{parts[2]}");
        var answer = await api.GetAsync(Covers);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("INVALID_TOKEN", answer.FirstError.GetProperty("code").GetString());

        // A token from another sandbox is signed with another key.
        await using var other = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var foreign = await CreateAsync(other);
        api.Http.DefaultRequestHeaders.Authorization = foreign.Http.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Covers)).Status);
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromSeconds(60) }, Ct);
        using var api = await CreateAsync(sandbox);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        sandbox.AdvanceTime(TimeSpan.FromSeconds(61));
        var answer = await api.GetAsync(Covers);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Contains("expired", answer.FirstError.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_calls_need_the_clients_app_key()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        api.Http.DefaultRequestHeaders.Remove("Atradius-App-Key");
        var missing = await api.GetAsync(Covers);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("INVALID_APP_KEY", missing.FirstError.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Covers, ("Atradius-App-Key", SandboxFixtures.ReadOnlyAppKey))).Status);
    }

    [Fact]
    public async Task A_client_without_app_key_needs_none()
    {
        var options = new CoverSandboxOptions();
        options.AdditionalClients.Add(new SandboxClient("erp", "erp-secret", null, [SandboxClient.ReadScope]));
        await using var sandbox = await CoverSandbox.StartAsync(options, Ct);
        using var api = await CreateAsync(sandbox, sandbox.Clients[2]);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
    }

    [Fact]
    public async Task Atradius_endpoint_needs_basic_auth_and_app_key_and_counts_separately()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        async Task<Answer> Request(string? appKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "authenticate/v2/tokens") { Content = Json("{}") };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox.ReadWriteClient.ClientId}:{sandbox.ReadWriteClient.ClientSecret}")));
            if (appKey is not null)
            {
                request.Headers.Add("Atradius-App-Key", appKey);
            }

            return await Answer.ReadAsync(await http.SendAsync(request, Ct));
        }

        var good = await Request(sandbox.ReadWriteClient.AppKey);
        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Equal("Bearer", good.Json.GetProperty("data").GetProperty("token_type").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Request(null)).Status);
        Assert.Equal(2, sandbox.Statistics.AtradiusTokenRequests);
        Assert.Equal(0, sandbox.Statistics.OAuth2TokenRequests);

        // the token works on the API
        http.DefaultRequestHeaders.Authorization = new("Bearer", good.Json.GetProperty("data").GetProperty("access_token").GetString());
        http.DefaultRequestHeaders.Add("Atradius-App-Key", sandbox.ReadWriteClient.AppKey);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Covers, Ct)).StatusCode);
    }
}
