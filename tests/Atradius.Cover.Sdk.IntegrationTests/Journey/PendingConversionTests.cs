using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>A service that takes a conversion and makes it later: the SDK reports it taken, never unknown.</summary>
public sealed class PendingConversionTests
{
    [Fact]
    public async Task A_conversion_the_service_makes_later_is_returned_pending_and_the_credit_limit_follows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ConversionDelay = TimeSpan.FromHours(1) }, ct);
        await using var services = SandboxClients.Services(sandbox);
        var cover = services.GetRequiredService<ICoverClient>();

        var taken = await cover.Indications.ConvertToCreditLimitAsync(SandboxFixtures.ConvertibleIndicationCoverId, cancellationToken: ct);
        sandbox.AdvanceTime(TimeSpan.FromHours(1));
        var creditLimits = await cover.Decisions.ListAsync(new CoverQuery { CoverType = CoverType.CreditLimit }, cancellationToken: ct).ToListAsync(ct);

        Assert.Equal((SandboxFixtures.ConvertibleIndicationCoverId, CoverType.Indication), (taken.Value.CoverId, taken.Value.CoverType));
        Assert.Equal(PendingProcessIndicator.IndicationConversion, taken.Value.PendingProcess);
        Assert.Contains(creditLimits, c => c.CoverId == SandboxFixtures.ConvertibleIndicationCoverId && c.PendingProcess is null);
    }
}
