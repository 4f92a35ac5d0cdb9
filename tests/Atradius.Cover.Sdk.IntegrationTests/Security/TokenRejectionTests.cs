using System.Net;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Security;

/// <summary>The sandbox refuses forged, expired and wrong-scope tokens, so tests against it can trust its 401 and 403.</summary>
public sealed class TokenRejectionTests
{
    private const string Cover = "credit-insurance/cover-management/v1/covers/70001234";
    private const string Covers = "credit-insurance/cover-management/v1/covers";

    [Fact]
    public async Task Forged_expired_and_wrong_scope_tokens_are_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromMinutes(5) }, ct);
        await using var other = await CoverSandbox.StartAsync(cancellationToken: ct);
        using var http = new HttpClient();
        var appKey = sandbox.ReadWriteClient.AppKey;
        var token = await RawTokens.FetchAsync(http, sandbox, sandbox.ReadWriteClient, ct);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, RawTokens.Api(sandbox, HttpMethod.Get, Cover, token, appKey), ct));

        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, RawTokens.Api(sandbox, HttpMethod.Get, Cover, flipped, appKey), ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, RawTokens.Api(sandbox, HttpMethod.Get, Cover, "not-a-token", appKey), ct));
        var foreign = await RawTokens.FetchAsync(http, other, other.ReadWriteClient, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, RawTokens.Api(sandbox, HttpMethod.Get, Cover, foreign, appKey), ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, RawTokens.Api(sandbox, HttpMethod.Get, Cover, token, "wrong-app-key"), ct));

        var readOnly = await RawTokens.FetchAsync(http, sandbox, sandbox.ReadOnlyClient, ct);
        var application = "{\"customerId\":200417,\"policyId\":\"5012345\",\"buyerId\":10042317,\"coverType\":\"credit-limit\",\"creditLimitAmount\":10000,\"currencyCode\":\"EUR\"}";
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, RawTokens.Api(sandbox, HttpMethod.Post, Covers, readOnly, sandbox.ReadOnlyClient.AppKey, application), ct));
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);

        sandbox.AdvanceTime(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, RawTokens.Api(sandbox, HttpMethod.Get, Cover, token, appKey), ct));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendAsync(request, ct))
        {
            return response.StatusCode;
        }
    }
}
