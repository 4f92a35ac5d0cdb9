using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Sync;

/// <summary>The sync against the in-process sandbox, which speaks the real API (unpaged lists, fromDate, historic list).</summary>
public sealed class CoverPortfolioSandboxSyncTests
{
    [Fact]
    public async Task Submissions_insurer_notices_and_underwriter_decisions_arrive_as_classified_changes()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var store = new InMemoryCoverPortfolioStore();
        var sync = new CoverPortfolioSync(portfolio.Client, store, new CoverPortfolioSyncOptions { PortfolioKey = portfolio.PortfolioKey });
        var handler = new RecordingHandler();
        var ct = TestContext.Current.CancellationToken;

        var first = await sync.SyncAsync(handler, ct);
        Assert.True(first.WasFullReconciliation);
        Assert.Contains(handler.Changes, c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId && c.Kind == CoverChangeKind.NewDecision);
        Assert.DoesNotContain(handler.Changes, c => c.Kind == CoverChangeKind.BuyerRatingChanged);
        handler.Clear();

        var submitted = await portfolio.Client.Applications.SubmitAsync(
            new CoverApplication { BuyerId = SandboxFixtures.VeryGoodBritishBuyerId, CreditLimitAmount = 150_000m, CurrencyCode = "EUR", CustomerReference = "S-1" }, cancellationToken: ct);
        Assert.Equal(ApplicationOutcome.Referred, submitted.Outcome);
        await portfolio.Sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 40000, ct);

        var second = await sync.SyncAsync(handler, ct);

        Assert.False(second.WasFullReconciliation);
        Assert.Contains(CoverChangeKind.Referred, handler.KindsFor(submitted.CoverId!.Value));
        Assert.Contains(CoverChangeKind.ReductionNotified, handler.KindsFor(SandboxFixtures.ExistingCreditLimitCoverId));
        var rating = Assert.Single(handler.Changes, c => c.Kind == CoverChangeKind.BuyerRatingChanged);
        Assert.Equal(SandboxFixtures.ExistingCoverBuyerId, rating.BuyerId);
        Assert.True(rating.Rating > rating.PreviousRating);
        handler.Clear();

        portfolio.Sandbox.DecideReferredApplications();
        portfolio.Sandbox.DecideReferredApplications();
        portfolio.Sandbox.AdvanceTime(TimeSpan.FromDays(31));
        await sync.SyncAsync(handler, ct);

        Assert.Contains(CoverChangeKind.Decided, handler.KindsFor(submitted.CoverId!.Value));
        Assert.Contains(CoverChangeKind.ReductionInEffect, handler.KindsFor(SandboxFixtures.ExistingCreditLimitCoverId));
        var reduced = handler.Changes.First(c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal(40000m, reduced.Cover!.DecidedAmount);
        handler.Clear();

        // A narrowed read cannot see a cover leave the list (the sandbox's seeded withdrawal notice took effect
        // too); the full reconciliation does, and once it has, nothing is left to report.
        await sync.SyncAsync(handler, forceFullReconciliation: true, ct);
        Assert.All(handler.Changes, c => Assert.NotNull(c.Cover!.HistoricCode));
        handler.Clear();
        var quiet = await sync.SyncAsync(handler, forceFullReconciliation: true, ct);
        Assert.Empty(handler.Changes);
        Assert.Equal(0, quiet.CoverVersionsStored);
    }

    [Fact]
    public async Task A_withdrawn_cover_leaves_the_portfolio_and_is_reported_ended_with_its_historic_code()
    {
        await using var portfolio = await SandboxPortfolio.StartAsync();
        var store = new InMemoryCoverPortfolioStore();
        var sync = new CoverPortfolioSync(portfolio.Client, store, new CoverPortfolioSyncOptions { PortfolioKey = portfolio.PortfolioKey });
        var handler = new RecordingHandler();
        var ct = TestContext.Current.CancellationToken;
        await sync.SyncAsync(handler, ct);
        handler.Clear();

        await portfolio.Sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);
        portfolio.Sandbox.AdvanceTime(TimeSpan.FromDays(31));
        await sync.SyncAsync(handler, forceFullReconciliation: true, ct);

        var kinds = handler.KindsFor(SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Contains(CoverChangeKind.CoverEnded, kinds);
        var ended = handler.Changes.First(c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId && c.Kind == CoverChangeKind.CoverEnded);
        Assert.Equal("WCLD", ended.Cover!.HistoricCode);
    }

    [Fact]
    public async Task A_list_answered_with_errors_in_a_success_fails_the_sync_and_reports_no_cover_ended()
    {
        ErrorsInSuccessHandler? socket = null;
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => socket = new ErrorsInSuccessHandler(inner));
        var store = new InMemoryCoverPortfolioStore();
        var sync = new CoverPortfolioSync(portfolio.Client, store, new CoverPortfolioSyncOptions { PortfolioKey = portfolio.PortfolioKey });
        var handler = new RecordingHandler();
        var ct = TestContext.Current.CancellationToken;
        var first = await sync.SyncAsync(handler, ct);
        Assert.True(first.CoverVersionsStored > 0);
        handler.Clear();

        // Read as an empty list, such an answer made every stored cover look gone from GET /covers and from the
        // historic list alike, and each was reported ended.
        socket!.Armed = true;
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => sync.SyncAsync(handler, forceFullReconciliation: true, ct));
        Assert.Equal(1, socket.Answered);
        Assert.Equal(ErrorsInSuccessHandler.Detail, Assert.Single(ex.Errors).Detail);
        Assert.Empty(handler.Changes);

        socket.Armed = false;
        var after = await sync.SyncAsync(handler, forceFullReconciliation: true, ct);
        Assert.Empty(handler.Changes);
        Assert.Equal(0, after.CoverVersionsStored);
    }

    [Theory]
    [InlineData("""{"data":[{"buyerId":77,"coverType":"credit-limit","coverStatus":"DECISION"},{"buyerId":78,"coverType":"credit-limit","coverStatus":"DECISION"}]}""", "has no coverId")]
    [InlineData("""{"message":"Service temporarily unavailable"}""", "\"message\":\"Service temporarily unavailable\"")]
    [InlineData("""{"result":"error"}""", "\"result\":\"error\"")]
    public async Task A_list_answered_with_a_success_it_cannot_read_fails_the_sync_and_reports_no_cover_ended(string body, string says)
    {
        CoversAnswerHandler? socket = null;
        await using var portfolio = await SandboxPortfolio.StartAsync(socket: inner => socket = new CoversAnswerHandler(inner));
        var store = new InMemoryCoverPortfolioStore();
        var sync = new CoverPortfolioSync(portfolio.Client, store, new CoverPortfolioSyncOptions { PortfolioKey = portfolio.PortfolioKey });
        var handler = new RecordingHandler();
        var ct = TestContext.Current.CancellationToken;
        var first = await sync.SyncAsync(handler, ct);
        Assert.True(first.CoverVersionsStored > 0);
        handler.Clear();

        socket!.Body = body;
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => sync.SyncAsync(handler, forceFullReconciliation: true, ct));
        Assert.Equal(1, socket.Answered);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Changes);

        socket.Body = null;
        var after = await sync.SyncAsync(handler, forceFullReconciliation: true, ct);
        Assert.Empty(handler.Changes);
        Assert.Equal(0, after.CoverVersionsStored);
    }

    [Fact]
    public async Task A_source_for_one_customer_and_policy_reads_every_list_of_that_customer_and_policy()
    {
        await using var sandbox = await SandboxPortfolio.StartAsync(o => o.GeneratedCoverCount = 30);
        var credentials = sandbox.Sandbox.ReadWriteClient;

        // The client's own customer and policy are other ones: only the source's make the lists answer with covers.
        var options = SandboxPortfolio.ClientOptions(sandbox.Sandbox);
        options.CustomerId = credentials.CustomerId + 1;
        options.PolicyId = "9999999";
        RequestLogHandler? log = null;
        await using var client = new CoverClient(options, log = new RequestLogHandler(CoverHttpClientFactory.CreatePrimaryHandler()));
        var source = new CoverClientPortfolioSource(client, credentials.CustomerId, credentials.PolicyId);
        var sync = new CoverPortfolioSync(source, new InMemoryCoverPortfolioStore(), new CoverPortfolioSyncOptions { PortfolioKey = sandbox.PortfolioKey });

        var result = await sync.SyncAsync(new RecordingHandler(), TestContext.Current.CancellationToken);

        Assert.True(result.CoversRead >= 30);
        var lists = log.Requests.Where(r => r.Method == HttpMethod.Get && !r.Uri.AbsolutePath.Contains("token", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(lists, r => r.Uri.AbsolutePath.Contains("buyers", StringComparison.Ordinal));
        Assert.All(lists, r =>
        {
            // My-buyers names a policy, or the customer when no policy is given.
            if (!r.Uri.AbsolutePath.Contains("buyers", StringComparison.Ordinal))
            {
                Assert.Contains("customerId=" + credentials.CustomerId, r.Uri.Query, StringComparison.Ordinal);
            }

            Assert.Contains("policyId=" + credentials.PolicyId, r.Uri.Query, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_source_for_a_customer_that_is_not_positive_is_refused_by_name()
    {
        var options = new CoverClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), CustomerId = 1, ClientId = "client", ClientSecret = "secret" };
        using var client = new CoverClient(options);

        Assert.Equal("customerId", Assert.Throws<ArgumentOutOfRangeException>(() => new CoverClientPortfolioSource(client, 0, null)).ParamName);
        Assert.Equal("policyId", Assert.Throws<ArgumentException>(() => new CoverClientPortfolioSource(client, null, " ")).ParamName);
    }

    // Before, it was taken, and every read of every sync failed with an ArgumentException naming query.PolicyId, a name
    // the source's user never set.
    [Fact]
    public void A_source_for_a_policy_longer_than_20_characters_is_refused_by_name_and_one_of_20_between_blanks_is_taken()
    {
        var options = new CoverClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), CustomerId = 1, ClientId = "client", ClientSecret = "secret" };
        using var client = new CoverClient(options);

        var error = Assert.Throws<ArgumentException>(() => new CoverClientPortfolioSource(client, 200418, "123456789012345678901"));

        Assert.Equal("policyId", error.ParamName);
        Assert.Contains("at most 20 characters", error.Message, StringComparison.Ordinal);
        _ = new CoverClientPortfolioSource(client, 200418, " 12345678901234567890 ");
    }
}
