using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

public sealed class AccessTests
{
    [Theory]
    [InlineData(CoverTokenEndpointStyle.OAuth2)]
    [InlineData(CoverTokenEndpointStyle.Atradius)]
    public async Task A_read_only_client_reads_but_gets_403_on_submit_and_nothing_is_created(CoverTokenEndpointStyle style)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = new CoverClient(SandboxClients.Options(sandbox, style, sandbox.ReadOnlyClient));

        Assert.Equal(SandboxFixtures.ExistingCreditLimitCoverId, (await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct)).CoverId);
        var refused = await Assert.ThrowsAsync<CoverAuthenticationException>(() => cover.Applications.SubmitAsync(
            new CoverApplication
            {
                CustomerId = SandboxFixtures.EuroCustomerId,
                PolicyId = SandboxFixtures.EuroPolicyId,
                BuyerId = SandboxFixtures.WellRatedDutchBuyerId,
                CreditLimitAmount = 10_000m,
                CurrencyCode = "EUR",
            },
            ct));

        Assert.Equal(403, refused.Status);
        Assert.Equal("INSUFFICIENT_SCOPE", refused.ErrorCode);
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);
    }

    [Theory]
    [InlineData(CoverTokenEndpointStyle.OAuth2, false)]
    [InlineData(CoverTokenEndpointStyle.Atradius, false)]
    [InlineData(CoverTokenEndpointStyle.OAuth2, true)]
    public async Task A_thousand_concurrent_cold_calls_make_one_token_request(CoverTokenEndpointStyle style, bool dependencyInjection)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var services = SandboxClients.Services(sandbox, style);
        await using var standalone = dependencyInjection ? null : new CoverClient(SandboxClients.Options(sandbox, style));
        ICoverClient cover = standalone ?? services.GetRequiredService<ICoverClient>();

        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 1_000)
            .Select(i => Task.Run(
                async () =>
                {
                    start.Wait(ct);
                    return await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);
                },
                ct))
            .ToArray();
        start.Set();
        var covers = await Task.WhenAll(calls);

        Assert.All(covers, c => Assert.Equal(SandboxFixtures.ExistingCreditLimitCoverId, c.CoverId));
        Assert.Equal(1, sandbox.Statistics.TokenRequests);
        Figures.Write(
            "Cold start " + style + (dependencyInjection ? " (DI)" : " (new CoverClient)"),
            ("concurrent calls", covers.Length),
            ("token requests", sandbox.Statistics.TokenRequests));
    }
}
