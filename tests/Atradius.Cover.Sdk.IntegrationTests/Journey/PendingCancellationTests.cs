using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>A service that takes a cancellation and makes it later: the cover shows pending, and is not cancelled twice.</summary>
public sealed class PendingCancellationTests
{
    [Fact]
    public async Task A_cancellation_the_service_makes_later_is_applied_pending_and_asking_again_sends_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { CancellationDelay = TimeSpan.FromHours(1) }, ct);
        await using var services = SandboxClients.Services(sandbox);
        var cover = services.GetRequiredService<ICoverClient>();
        var key = new CoverKey(SandboxFixtures.ExistingCoverBuyerId, CoverType.CreditLimit);

        var cancelled = await cover.Decisions.CancelAsync(key, cancellationToken: ct);
        var requests = sandbox.Statistics.Requests;
        var again = await cover.Decisions.CancelAsync(key, cancellationToken: ct);
        var sentAgain = sandbox.Statistics.Requests - requests;
        sandbox.AdvanceTime(TimeSpan.FromHours(1));
        var left = await cover.Decisions.ListAsync(new CoverQuery { BuyerId = SandboxFixtures.ExistingCoverBuyerId, CoverType = CoverType.CreditLimit }, cancellationToken: ct).ToListAsync(ct);

        Assert.Equal(CoverChangeOutcome.Applied, cancelled.Outcome);
        Assert.True(cancelled.Cover?.IsPendingCancellation);
        Assert.Equal(CoverChangeOutcome.Applied, again.Outcome);
        Assert.True(again.Cover?.IsPendingCancellation);
        Assert.Equal(2, sentAgain); // the two reads of the buyer's covers, no PUT
        Assert.Empty(left);
    }
}
