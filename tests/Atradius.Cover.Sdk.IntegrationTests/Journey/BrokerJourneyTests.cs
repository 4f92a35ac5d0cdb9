using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>A broker's client, registered for its own customer, applying for and changing another customer's cover.</summary>
public sealed class BrokerJourneyTests
{
    private const long Theirs = SandboxFixtures.SterlingCustomerId;
    private const string TheirPolicy = SandboxFixtures.SterlingPolicyId;

    [Fact]
    public async Task A_broker_applies_for_another_customer_follows_its_referral_and_changes_its_cover()
    {
        var ct = TestContext.Current.CancellationToken;

        // Referrals wait for the sandbox's clock, so the test decides when the underwriter answers.
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1) }, ct);
        var options = SandboxClients.Options(sandbox, credentials: sandbox.BrokerClient);
        options.PolicyId = sandbox.BrokerClient.PolicyId;
        await using var cover = new CoverClient(options);

        // Decided at once, and read back as the other customer's cover.
        var small = await cover.Applications.SubmitAsync(Application(SandboxFixtures.CancelledCoverBuyerId, 50_000m, "BROKER-1"), cancellationToken: ct);
        Assert.Equal(ApplicationOutcome.Decided, small.Outcome);
        Assert.False(small.DetailsUnavailable, small.DetailsUnavailableReason);
        var decided = Assert.IsType<CoverDecision>(small.Cover);
        Assert.Equal(Theirs, decided.CustomerId);
        Assert.Equal(TheirPolicy, decided.PolicyId);
        Assert.Equal(new Money(50_000m, "GBP"), decided.DecidedAmount);
        var theirDecisions = await cover.Decisions.ListAsync(new CoverQuery { CustomerId = Theirs }, cancellationToken: ct).ToListAsync(ct);
        Assert.Contains(theirDecisions, d => d.CoverId == decided.CoverId);
        Assert.All(theirDecisions, d => Assert.Equal(Theirs, d.CustomerId));
        Assert.DoesNotContain(await cover.Decisions.ListAsync(cancellationToken: ct).ToListAsync(ct), d => d.CoverId == decided.CoverId);

        // Referred: it waits in the customer's applications until the underwriter decides on the sandbox's clock.
        var large = await cover.Applications.SubmitAsync(Application(SandboxFixtures.VeryGoodBritishBuyerId, 250_000m, "BROKER-2"), cancellationToken: ct);
        Assert.Equal(ApplicationOutcome.Referred, large.Outcome);
        var operation = Assert.IsType<CoverApplicationOperation>(large.Operation, exactMatch: false);
        Assert.Equal(Theirs, operation.CustomerId);
        var pending = await cover.Applications.ListPendingAsync(new CoverQuery { CustomerId = Theirs }, cancellationToken: ct).ToListAsync(ct);
        Assert.Contains(pending, p => p.CoverId == operation.Id && p.CustomerId == Theirs);
        await operation.UpdateStatusAsync(ct);
        Assert.False(operation.HasCompleted);

        sandbox.AdvanceTime(TimeSpan.FromHours(1));
        var underwritten = await operation.WaitForCompletionAsync(ct);
        Assert.Equal(Theirs, underwritten.CustomerId);
        Assert.Equal(new Money(250_000m, "GBP"), underwritten.DecidedAmount);

        // The same operation rebuilt from what a broker stores: cover, buyer, customer and policy.
        var rebuilt = cover.Applications.GetOperation(operation.Id, SandboxFixtures.VeryGoodBritishBuyerId, Theirs, TheirPolicy);
        await rebuilt.UpdateStatusAsync(ct);
        Assert.True(rebuilt.HasCompleted);
        Assert.Equal(underwritten.CoverId, rebuilt.Value.CoverId);

        // A change on the customer's seeded credit limit, keyed by that customer and its policy.
        var key = new CoverKey(SandboxFixtures.WellRatedDutchBuyerId, CoverType.CreditLimit, TheirPolicy, Theirs);
        var reduced = await cover.Decisions.ReduceAsync(key, 30_000m, "GBP", cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Applied, reduced.Outcome);
        var changed = Assert.IsType<CoverDecision>(reduced.Cover);
        Assert.Equal(Theirs, changed.CustomerId);
        Assert.Equal(TheirPolicy, changed.PolicyId);
        Assert.Equal(new Money(30_000m, "GBP"), changed.DecidedAmount);

        var current = await cover.Decisions.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, changed.CoverId, Theirs, TheirPolicy, cancellationToken: ct);
        Assert.Equal(new Money(30_000m, "GBP"), current.Value.DecidedAmount);
        var history = await cover.Decisions.GetHistoryAsync(SandboxFixtures.WellRatedDutchBuyerId, customerId: Theirs, cancellationToken: ct);
        Assert.Contains(history.Value, h => h.CoverId == SandboxFixtures.OtherCustomerCreditLimitCoverId);
        Assert.All(history.Value, h => Assert.Equal(Theirs, h.CustomerId));

        // The sandbox holds it as the customer's cover, not the broker's own customer's.
        Assert.Contains(sandbox.GetCovers(), c => c.CoverId == changed.CoverId && c.CustomerId == Theirs);
    }

    private static CoverApplication Application(long buyerId, decimal amount, string reference) => new()
    {
        BuyerId = buyerId,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = amount,
        CurrencyCode = "GBP",
        CustomerReference = reference,
        CustomerId = Theirs,
        PolicyId = TheirPolicy,
    };
}
