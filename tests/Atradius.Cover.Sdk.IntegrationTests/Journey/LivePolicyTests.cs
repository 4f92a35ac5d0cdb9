using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>
/// A client configured without a policy works whether the service answers the policy details without a policy id or
/// requires one there (the integrations of the real service disagree on it).
/// </summary>
public sealed class LivePolicyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_without_a_policy_reads_the_live_policy_and_applies_under_it(bool detailsNeedPolicyId)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { PolicyDetailsNeedPolicyId = detailsNeedPolicyId }, ct);
        await using var services = SandboxClients.Services(sandbox);
        var cover = services.GetRequiredService<ICoverClient>();

        var policy = await cover.Policies.GetAsync(cancellationToken: ct);
        var applied = await cover.Applications.SubmitAsync(Reliability.ExactlyOnceTests.Application(SandboxFixtures.WellRatedDutchBuyerId, 20_000m), cancellationToken: ct);

        Assert.Equal(sandbox.ReadWriteClient.PolicyId, policy.Value.PolicyId);
        Assert.True(policy.Value.IsLive);
        Assert.Equal(sandbox.ReadWriteClient.PolicyId, sandbox.GetCover(applied.CoverId!.Value)!.PolicyId);
    }
}
