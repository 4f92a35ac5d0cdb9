using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>Failures that a read or a token request may safely retry, and that the caller must never see.</summary>
public sealed class TransientFailureTests
{
    private const string CoversPath = "/credit-insurance/cover-management/v1/covers";

    [Theory]
    [InlineData(SandboxFault.ServiceUnavailable)]
    [InlineData(SandboxFault.RateLimited)]
    [InlineData(SandboxFault.BadGatewayAfterCommit)]
    [InlineData(SandboxFault.DropAfterCommit)]
    public async Task The_token_endpoint_is_retried_on_429_5xx_and_transport_failures(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options);
        // The count below is exact: the retried token request must not also time out on a busy machine.
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        await using var cover = new CoverClient(options);
        sandbox.Faults.RetryAfterSeconds = 0;
        sandbox.Faults.ArmNext("POST", "/authenticate/v2/tokens", fault);

        var policy = await cover.Policies.GetAsync(cancellationToken: ct);

        Assert.Equal(SandboxFixtures.EuroPolicyId, policy.Value.PolicyId);
        Assert.Equal(2, sandbox.Statistics.AtradiusTokenRequests);
    }

    [Fact]
    public async Task Only_a_credential_refusal_is_an_authentication_exception()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        options.ClientSecret = "wrong";
        await using var cover = new CoverClient(options);

        var error = await Assert.ThrowsAsync<CoverAuthenticationException>(() => cover.Policies.GetAsync(cancellationToken: ct));

        Assert.Equal(401, error.Status);
        Assert.Equal(1, sandbox.Statistics.AtradiusTokenRequests);
    }

    [Theory]
    [InlineData(SandboxFault.CutBodyAfterCommit)]
    [InlineData(SandboxFault.DropAfterCommit)]
    [InlineData(SandboxFault.SlowBody)]
    public async Task A_list_whose_body_is_cut_or_stalls_is_read_again(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        await using var cover = new CoverClient(options);

        // A stall far longer than the whole call may take: only reading again can answer in time.
        sandbox.Faults.SlowBodyChunkDelay = TimeSpan.FromMinutes(2);
        sandbox.Faults.ArmNext("GET", CoversPath, fault);

        var covers = await cover.Decisions.ListAsync(new CoverQuery { BuyerId = SandboxFixtures.ExistingCoverBuyerId }, cancellationToken: ct).ToListAsync(ct);

        Assert.Contains(covers, c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal(0, sandbox.Faults.ArmedCount);
    }

    [Theory]
    [InlineData(SandboxFault.CutBodyAfterCommit)]
    [InlineData(SandboxFault.SlowBody)]
    public async Task A_single_read_whose_body_is_cut_or_stalls_is_read_again_within_the_attempt_timeout(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        await using var cover = new CoverClient(options);

        // A stall far longer than the whole call may take: only a retry can answer in time.
        sandbox.Faults.SlowBodyChunkDelay = TimeSpan.FromMinutes(2);
        sandbox.Faults.ArmNext("GET", "/credit-insurance/organisation-management/v1/buyers/" + SandboxFixtures.WellRatedDutchBuyerId, fault);

        var buyer = await cover.Buyers.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, cancellationToken: ct);

        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, buyer.Value.BuyerId);
        Assert.Equal(0, sandbox.Faults.ArmedCount);
    }

    [Fact]
    public async Task Calls_beyond_a_thousand_in_flight_are_queued_not_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(60);
        options.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(60);
        await using var cover = new CoverClient(options);
        sandbox.Faults.SetLatency(TimeSpan.FromMilliseconds(300));

        var reads = await Task.WhenAll(Enumerable.Range(0, 1_200).Select(_ => cover.Buyers.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, cancellationToken: ct)));

        Assert.All(reads, r => Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, r.Value.BuyerId));
    }
}
