using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>Tokens are fetched once and shared, whichever way the client is built; read-only clients are refused writes by identity.</summary>
public sealed class AccessTests
{
    [Theory]
    [InlineData(CoverTokenEndpointStyle.Atradius, true)]
    [InlineData(CoverTokenEndpointStyle.Atradius, false)]
    [InlineData(CoverTokenEndpointStyle.OAuth2, true)]
    public async Task A_thousand_concurrent_cold_calls_make_one_token_request(CoverTokenEndpointStyle style, bool withDependencyInjection)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { OAuth2TokenRoute = style == CoverTokenEndpointStyle.OAuth2 }, ct);
        await using var services = SandboxClients.Services(sandbox, style);
        await using var own = new CoverClient(SandboxClients.Options(sandbox, style));
        ICoverClient cover = withDependencyInjection ? services.GetRequiredService<ICoverClient>() : own;

        var reads = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => cover.Buyers.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, cancellationToken: ct)));

        Assert.All(reads, r => Assert.Equal(200, r.Response.Status));
        Assert.Equal(1, sandbox.Statistics.TokenRequests);
    }

    [Fact]
    public async Task A_read_only_client_reads_but_is_refused_writes_with_403_and_creates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = new CoverClient(SandboxClients.Options(sandbox, credentials: sandbox.ReadOnlyClient));

        Assert.NotEmpty(await cover.Decisions.ListAsync(cancellationToken: ct).ToListAsync(ct));
        var refused = await Assert.ThrowsAsync<CoverForbiddenException>(() => cover.Applications.SubmitAsync(Reliability.ExactlyOnceTests.Application(SandboxFixtures.WellRatedDutchBuyerId, 20_000m), cancellationToken: ct));

        Assert.Equal(403, refused.Status);
        Assert.Contains("not allowed this call", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("probably wrong", refused.Message, StringComparison.Ordinal);
        Assert.Empty(SandboxCovers.Current(sandbox, SandboxFixtures.WellRatedDutchBuyerId));
    }
}
