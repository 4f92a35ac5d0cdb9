using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>
/// One fault armed at a time, each the way a gateway or network really fails after the service committed. The real
/// service has no idempotency keys: the SDK must find out what happened from the buyer's lists and must never tell
/// the caller "not created" for an application that exists, nor create a second one.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const string CoversPath = "/credit-insurance/cover-management/v1/covers";

    public static TheoryData<SandboxFault> AfterCommit => new()
    {
        SandboxFault.BadGatewayAfterCommit,
        SandboxFault.GatewayTimeoutAfterCommit,
        SandboxFault.DropAfterCommit,
        SandboxFault.CutBodyAfterCommit,
    };

    [Theory]
    [MemberData(nameof(AfterCommit))]
    public async Task A_submission_answered_with_a_fault_after_commit_returns_the_one_cover_the_service_holds(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox);
        sandbox.Faults.ArmNext("POST", CoversPath, fault);

        var result = await cover.Applications.SubmitAsync(Application(SandboxFixtures.WellRatedDutchBuyerId, 50_000m), cancellationToken: ct);

        var held = Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.WellRatedDutchBuyerId));
        Assert.Equal(0, sandbox.Faults.ArmedCount);
        Assert.Equal(held.CoverId, result.CoverId);
        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.Equal(held.CoverId, result.Cover?.CoverId);
        Assert.Equal(50_000m, result.Cover?.DecidedAmount?.Amount);
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);
    }

    [Theory]
    [MemberData(nameof(AfterCommit))]
    public async Task An_increase_answered_with_a_fault_after_commit_is_applied_once(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox);
        // A well-rated buyer: an increase to this amount is decided at once.
        var key = new CoverKey(SandboxFixtures.SupersededCoverBuyerId, CoverType.CreditLimit);
        var versionsBefore = SandboxCovers.All(sandbox, key.BuyerId).Count;
        sandbox.Faults.ArmNext("PUT", CoversPath, fault);

        var result = await cover.Decisions.IncreaseAsync(key, 95_000m, "EUR", cancellationToken: ct);

        Assert.Equal(0, sandbox.Faults.ArmedCount);
        Assert.Equal(CoverChangeOutcome.Applied, result.Outcome);
        var held = Assert.Single(SandboxCovers.Current(sandbox, key.BuyerId));
        Assert.Equal(95_000m, held.DecisionAmount);
        Assert.Equal(versionsBefore + 1, SandboxCovers.All(sandbox, key.BuyerId).Count);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task A_write_whose_answer_stalls_after_commit_is_resolved_from_the_lists_not_waited_for(string method)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options);
        // Short beside the two-minute stall, long enough for a first read of the lists on a busy machine.
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(20);
        await using var cover = new CoverClient(options);

        // The answer's body trickles in far slower than the whole call may take.
        sandbox.Faults.SlowBodyChunkDelay = TimeSpan.FromMinutes(2);
        sandbox.Faults.ArmNext(method, CoversPath, SandboxFault.SlowBody);
        var buyerId = method == "POST" ? SandboxFixtures.WellRatedDutchBuyerId : SandboxFixtures.SupersededCoverBuyerId;
        Task<long?> call = method == "POST"
            ? cover.Applications.SubmitAsync(Application(buyerId, 50_000m), cancellationToken: ct).ContinueWith(t => t.Result.CoverId, ct, TaskContinuationOptions.None, TaskScheduler.Default)
            : cover.Decisions.IncreaseAsync(new CoverKey(buyerId, CoverType.CreditLimit), 95_000m, "EUR", cancellationToken: ct).ContinueWith(t => t.Result.CoverId, ct, TaskContinuationOptions.None, TaskScheduler.Default);

        // Bounded here only so that a hang fails the test instead of the run; the SDK's own total timeout is 20 s.
        var coverId = await call.WaitAsync(TimeSpan.FromSeconds(60), ct);

        var held = Assert.Single(SandboxCovers.Current(sandbox, buyerId));
        Assert.Equal(held.CoverId, coverId);
    }

    [Theory]
    [MemberData(nameof(AfterCommit))]
    public async Task A_conversion_answered_with_a_fault_after_commit_is_never_reported_as_failed(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox);
        sandbox.Faults.ArmNext("PATCH", CoversPath + "/" + SandboxFixtures.ConvertibleIndicationCoverId + "/cover-type", fault);

        var error = await Record.ExceptionAsync(() => cover.Indications.ConvertToCreditLimitAsync(SandboxFixtures.ConvertibleIndicationCoverId, cancellationToken: ct));

        // Converted on the service: the SDK returns the cover or says it may have been converted, nothing else.
        Assert.Equal(0, sandbox.Faults.ArmedCount);
        Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.IndicationBuyerId));
        Assert.True(error is null or CoverOutcomeUnknownException, $"{fault}: {error}");
        if (error is CoverOutcomeUnknownException unknown)
        {
            // What to look for: the conversion names a cover, not a buyer.
            Assert.Equal(SandboxFixtures.ConvertibleIndicationCoverId, unknown.CoverId);
        }

        // A success whose body breaks off proves the conversion: the cover is read back, not reported as unknown.
        if (fault == SandboxFault.CutBodyAfterCommit)
        {
            Assert.Null(error);
        }
    }

    [Fact]
    public async Task A_cut_201_body_is_created_with_details_read_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox, retries: 0);
        sandbox.Faults.ArmNext("POST", CoversPath, SandboxFault.CutBodyAfterCommit);

        var result = await cover.Applications.SubmitAsync(Application(SandboxFixtures.WellRatedDutchBuyerId, 20_000m), cancellationToken: ct);

        var held = Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.WellRatedDutchBuyerId));
        Assert.Equal(held.CoverId, result.CoverId);
        Assert.NotNull(result.Cover);
    }

    [Theory]
    [InlineData(SandboxFault.RateLimited)]
    [InlineData(SandboxFault.ServiceUnavailable)]
    public async Task A_later_attempt_refused_with_429_or_503_says_the_application_may_have_been_created(SandboxFault later)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox, retries: 1);

        // The first attempt is a 503 nothing proves was a refusal; the second is refused outright.
        sandbox.Faults.ArmNext("POST", CoversPath, SandboxFault.ServiceUnavailable);
        sandbox.Faults.ArmNext("POST", CoversPath, later);

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => cover.Applications.SubmitAsync(Application(SandboxFixtures.WellRatedDutchBuyerId, 50_000m), cancellationToken: ct));

        Assert.Contains("may have been created", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not created", unknown.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, unknown.BuyerId);
        Assert.Equal(CoverType.CreditLimit, unknown.CoverType);

        // Resolving it as the message says: list, then apply when nothing is there. One cover in the end.
        var listed = await cover.Decisions.ListAsync(new CoverQuery { BuyerId = unknown.BuyerId }, cancellationToken: ct).ToListAsync(ct);
        if (listed.Count == 0)
        {
            await cover.Applications.SubmitAsync(Application(SandboxFixtures.WellRatedDutchBuyerId, 50_000m), cancellationToken: ct);
        }

        Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.WellRatedDutchBuyerId));
    }

    [Theory]
    [MemberData(nameof(AfterCommit))]
    public async Task An_increase_refused_at_once_and_answered_with_a_fault_after_commit_is_an_unknown_outcome_sent_once(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox);
        var key = new CoverKey(SandboxFixtures.DeterioratedBuyerId, CoverType.CreditLimit);
        var before = Assert.Single(SandboxCovers.Current(sandbox, key.BuyerId));
        // A second PUT would take the 429 armed behind the fault.
        sandbox.Faults.ArmNext("PUT", CoversPath, fault);
        sandbox.Faults.ArmNext("PUT", CoversPath, SandboxFault.RateLimited);

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => cover.Decisions.IncreaseAsync(key, 200_000m, cancellationToken: ct));

        Assert.Equal(1, sandbox.Faults.ArmedCount);
        Assert.Contains("shows an increase refused (DC05", unknown.Message, StringComparison.Ordinal);
        var held = Assert.Single(SandboxCovers.Current(sandbox, key.BuyerId));
        Assert.Equal((before.CoverId, before.DecisionAmount), (held.CoverId, held.DecisionAmount));
    }

    [Theory]
    [MemberData(nameof(AfterCommit))]
    public async Task A_cancellation_of_a_referred_increase_answered_with_a_fault_after_commit_leaves_the_decided_cover_live(SandboxFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1) }, ct);
        await using var cover = Client(sandbox);
        var key = new CoverKey(SandboxFixtures.SupersededCoverBuyerId, CoverType.CreditLimit);
        var increased = await cover.Decisions.IncreaseAsync(key, 150_000m, "EUR", cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Referred, increased.Outcome);
        var decided = SandboxCovers.Current(sandbox, key.BuyerId).Single(c => c.CoverId != increased.CoverId);
        sandbox.Faults.ArmNext("PUT", CoversPath, fault);

        var result = await cover.Decisions.CancelAsync(key, cancellationToken: ct);

        Assert.Equal(0, sandbox.Faults.ArmedCount);
        Assert.Equal(increased.CoverId, result.CoverId);
        var held = Assert.Single(SandboxCovers.Current(sandbox, key.BuyerId));
        Assert.Equal(decided.CoverId, held.CoverId);
        Assert.Null(held.PendingProcessIndicator);
    }

    [Theory]
    [InlineData(SandboxFault.RateLimited)]
    [InlineData(SandboxFault.ServiceUnavailable)]
    public async Task A_later_change_attempt_refused_with_429_or_503_says_the_change_may_have_been_made(SandboxFault later)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox, retries: 1);
        sandbox.Faults.ArmNext("PUT", CoversPath, SandboxFault.ServiceUnavailable);
        sandbox.Faults.ArmNext("PUT", CoversPath, later);

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => cover.Decisions.IncreaseAsync(new CoverKey(SandboxFixtures.ExistingCoverBuyerId, CoverType.CreditLimit), 95_000m, cancellationToken: ct));

        Assert.Contains("may have", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(SandboxFixtures.ExistingCoverBuyerId, unknown.BuyerId);
        Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.ExistingCoverBuyerId));
    }

    [Fact]
    public async Task An_open_circuit_after_a_committed_submission_says_may_have_been_created_and_the_service_holds_one_cover()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = new CoverClient(Options(sandbox, retries: 3, o =>
        {
            o.PolicyId = SandboxFixtures.EuroPolicyId;
            o.Resilience.CircuitBreakerMinimumThroughput = 2;
            o.Resilience.CircuitBreakerFailureRatio = 0.5;
            o.Resilience.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        }));
        Assert.NotNull((await cover.Policies.GetAsync(cancellationToken: ct)).Value);

        // The application is committed, its answer is a 502, and from then on the service answers 503 to everything,
        // so the buyer's lists cannot be read and the breaker opens.
        sandbox.Faults.ArmNext("POST", CoversPath, SandboxFault.BadGatewayAfterCommit);
        sandbox.Faults.FailEveryRequest = true;

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => cover.Applications.SubmitAsync(Application(SandboxFixtures.WellRatedDutchBuyerId, 50_000m), cancellationToken: ct));

        Assert.Contains("may have been created", unknown.Message, StringComparison.Ordinal);
        Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.WellRatedDutchBuyerId));
        var broken = await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Policies.GetAsync(cancellationToken: ct));
        Assert.Contains("circuit breaker is open", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_application_met_with_already_exists_is_returned_as_recovered_when_it_is_the_same()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox);
        var application = Application(SandboxFixtures.WellRatedDutchBuyerId, 50_000m);
        var first = await cover.Applications.SubmitAsync(application, cancellationToken: ct);

        var again = await cover.Applications.SubmitAsync(application, cancellationToken: ct);
        Assert.True(again.Recovered);
        Assert.Equal(first.CoverId, again.CoverId);

        // A different application on the same buyer is a conflict, not a recovery.
        await Assert.ThrowsAsync<CoverConflictException>(() => cover.Applications.SubmitAsync(Application(SandboxFixtures.WellRatedDutchBuyerId, 70_000m), cancellationToken: ct));
        Assert.Single(SandboxCovers.Current(sandbox, SandboxFixtures.WellRatedDutchBuyerId));
    }

    [Fact]
    public async Task An_application_identical_to_a_cover_applied_for_weeks_before_is_a_conflict_not_a_recovery()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        await using var cover = Client(sandbox);

        // The fixture credit limit was applied for weeks ago with this very content: the call did not make it.
        var conflict = await Assert.ThrowsAsync<CoverConflictException>(() => cover.Applications.SubmitAsync(
            new CoverApplication { BuyerId = SandboxFixtures.ExistingCoverBuyerId, CoverType = CoverType.CreditLimit, CreditLimitAmount = 75_000m, CurrencyCode = "EUR", CustomerReference = "ERP-000101" },
            cancellationToken: ct));

        Assert.Contains("already exists", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);
    }

    internal static CoverApplication Application(long buyerId, decimal amount) => new()
    {
        BuyerId = buyerId,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = amount,
        CurrencyCode = "EUR",
        CustomerReference = "EXACTLY-ONCE",
    };

    private static CoverClient Client(CoverSandbox sandbox, int retries = 3) => new(Options(sandbox, retries));

    private static CoverClientOptions Options(CoverSandbox sandbox, int retries, Action<CoverClientOptions>? configure = null)
    {
        var options = SandboxClients.Options(sandbox);
        SandboxClients.ForFaults(options, retries);
        configure?.Invoke(options);
        return options;
    }
}
