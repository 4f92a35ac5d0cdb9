using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>Following a referred application: bounded by WaitTimeout, cancellable, resumable from what a caller stores.</summary>
public sealed class OperationTests
{
    [Fact]
    public async Task Waiting_longer_than_the_wait_timeout_ends_with_a_timeout_that_says_how_to_follow_it_later()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1) }, ct);
        var options = SandboxClients.Options(sandbox);
        options.WaitTimeout = TimeSpan.FromMilliseconds(300);
        await using var cover = new CoverClient(options);
        var referred = await cover.Applications.SubmitAsync(Reliability.ExactlyOnceTests.Application(SandboxFixtures.VeryGoodBritishBuyerId, 250_000m), cancellationToken: ct);
        Assert.Equal(ApplicationOutcome.Referred, referred.Outcome);

        var timeout = await Assert.ThrowsAsync<CoverOperationTimeoutException>(() => referred.Operation!.WaitForCompletionAsync(ct));

        Assert.Contains("GetOperation", timeout.Message, StringComparison.Ordinal);
        Assert.False(referred.Operation!.HasCompleted);

        // The underwriter decides later; the operation the timeout carries, and one rebuilt from the stored ids, see it.
        sandbox.DecideReferredApplications();
        await timeout.Operation!.UpdateStatusAsync(ct);
        Assert.True(timeout.Operation.HasCompleted);
        var later = cover.Applications.GetOperation(referred.CoverId!.Value, SandboxFixtures.VeryGoodBritishBuyerId);
        await later.UpdateStatusAsync(ct);
        Assert.True(later.HasCompleted);
        Assert.Equal(250_000m, later.Value.DecidedAmount?.Amount);
    }

    [Fact]
    public async Task A_preliminary_decision_does_not_end_the_wait_which_ends_with_the_final_decision()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1) }, ct);
        var options = SandboxClients.Options(sandbox);
        options.WaitTimeout = TimeSpan.FromMilliseconds(300);
        await using var cover = new CoverClient(options);
        // Above 250,000 on a fair buyer, the underwriter first decides half the amount preliminarily (DC06), then finally (DC04).
        var referred = await cover.Applications.SubmitAsync(Reliability.ExactlyOnceTests.Application(SandboxFixtures.FairSpanishBuyerId, 400_000m), cancellationToken: ct);
        Assert.Equal(ApplicationOutcome.Referred, referred.Outcome);
        var operation = referred.Operation!;

        sandbox.DecideReferredApplications();
        var timeout = await Assert.ThrowsAsync<CoverOperationTimeoutException>(() => operation.WaitForCompletionAsync(ct));

        Assert.False(operation.HasCompleted);
        Assert.Contains("preliminary decision (DC06", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(DecisionCode.PartiallyApprovedPreliminary, operation.Latest!.Code);
        Assert.Equal(200_000m, operation.Latest.DecidedAmount?.Amount);

        sandbox.DecideReferredApplications();
        var decided = await timeout.Operation!.WaitForCompletionAsync(ct);

        Assert.True(operation.HasCompleted);
        Assert.Equal(referred.CoverId, decided.CoverId);
        Assert.Equal(DecisionCode.PartiallyApproved, decided.Code);
        Assert.Equal(200_000m, decided.DecidedAmount?.Amount);
    }

    [Fact]
    public async Task A_referred_increase_is_followed_by_its_operation_to_the_underwriters_decision()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1) }, ct);
        await using var cover = new CoverClient(SandboxClients.Options(sandbox));
        var key = new CoverKey(SandboxFixtures.SupersededCoverBuyerId, CoverType.CreditLimit);

        // Above the amount the sandbox decides at once: the increase waits for an underwriter under a new cover id.
        var increased = await cover.Decisions.IncreaseAsync(key, 150_000m, "EUR", cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Referred, increased.Outcome);
        var operation = Assert.IsType<CoverApplicationOperation>(increased.Operation);
        Assert.Equal(increased.CoverId, operation.Id);
        await operation.UpdateStatusAsync(ct);
        Assert.False(operation.HasCompleted);

        sandbox.DecideReferredApplications();
        var decided = await operation.WaitForCompletionAsync(ct);

        Assert.Equal(increased.CoverId, decided.CoverId);
        Assert.True(decided.IsDecided);
        Assert.Equal(150_000m, decided.DecidedAmount?.Amount);
        var current = Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.SupersededCoverBuyerId));
        Assert.Equal(increased.CoverId, current.CoverId);
    }

    [Fact]
    public async Task Waiting_is_cancellable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1) }, ct);
        await using var cover = new CoverClient(SandboxClients.Options(sandbox));
        var referred = await cover.Applications.SubmitAsync(Reliability.ExactlyOnceTests.Application(SandboxFixtures.VeryGoodBritishBuyerId, 250_000m), cancellationToken: ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => referred.Operation!.WaitForCompletionAsync(stop.Token));
    }

    [Fact]
    public async Task A_credit_check_is_applied_for_without_an_amount_and_decided_at_the_policy_amount()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = new CoverClient(SandboxClients.Options(sandbox));

        var result = await cover.Applications.SubmitAsync(new CoverApplication { BuyerId = SandboxFixtures.WellRatedDutchBuyerId, CoverType = CoverType.CreditCheck }, cancellationToken: ct);

        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.Equal(CoverType.CreditCheck, result.Cover?.CoverType);
        Assert.Equal(new Money(20_000m, "EUR"), result.Cover?.DecidedAmount);
        Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.WellRatedDutchBuyerId, "credit-check"));
    }
}
