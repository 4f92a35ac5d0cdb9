using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>
/// The handbook's journey against the sandbox, which answers with the real service's irregularities: with both token
/// styles, and with the client built both ways users build it (dependency injection and the public constructor).
/// </summary>
public sealed class HandbookJourneyTests
{
    public static TheoryData<CoverTokenEndpointStyle, bool> Ways => new()
    {
        { CoverTokenEndpointStyle.Atradius, true },
        { CoverTokenEndpointStyle.Atradius, false },
        { CoverTokenEndpointStyle.OAuth2, true },
        { CoverTokenEndpointStyle.OAuth2, false },
    };

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Runs_the_whole_journey(CoverTokenEndpointStyle style, bool withDependencyInjection)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromMilliseconds(300), OAuth2TokenRoute = style == CoverTokenEndpointStyle.OAuth2 }, ct);
        Assert.True(sandbox.Irregularities, "the journey must meet the real service's irregularities");
        ServiceProvider? services = null;
        CoverClient? constructed = null;
        ICoverClient cover;
        if (withDependencyInjection)
        {
            services = SandboxClients.Services(sandbox, style);
            cover = services.GetRequiredService<ICoverClient>();
        }
        else
        {
            constructed = new CoverClient(SandboxClients.Options(sandbox, style));
            cover = constructed;
        }

        try
        {
            await JourneyAsync(sandbox, cover, ct);
        }
        finally
        {
            constructed?.Dispose();
            if (services is not null)
            {
                await services.DisposeAsync();
            }
        }

        Assert.Equal(1, style == CoverTokenEndpointStyle.Atradius ? sandbox.Statistics.AtradiusTokenRequests : sandbox.Statistics.OAuth2TokenRequests);
    }

    private static async Task JourneyAsync(CoverSandbox sandbox, ICoverClient cover, CancellationToken ct)
    {
        // Policy details: the client was given no PolicyId, so the SDK uses the live policy.
        var policy = await cover.Policies.GetAsync(cancellationToken: ct);
        Assert.Equal(SandboxFixtures.EuroPolicyId, policy.Value.PolicyId);
        Assert.True(policy.Value.IsLive);
        Assert.Equal("EUR", policy.Value.Currency);
        Assert.Equal(200, policy.Response.Status);

        // Find the buyer by identifier; an unknown one is an empty list, not an error.
        var found = await cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", SandboxFixtures.WellRatedDutchBuyerVat, BuyerIdentifierType.Vat), cancellationToken: ct);
        var buyer = Assert.Single(found.Value);
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, buyer.BuyerId);
        Assert.Contains(buyer.Identifiers, i => i.Value == SandboxFixtures.WellRatedDutchBuyerVat && i.Type == BuyerIdentifierType.Vat);
        Assert.Empty((await cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", "NL000000000B99", BuyerIdentifierType.Vat), cancellationToken: ct)).Value);
        Assert.Equal(buyer.BuyerId, (await cover.Buyers.GetAsync(buyer.BuyerId, cancellationToken: ct)).Value.BuyerId);

        // A small amount is decided at once, and read back in full.
        var correlation = new CoverRequestOptions { CorrelationId = "journey-" + Guid.NewGuid() };
        var small = await cover.Applications.SubmitAsync(Application(buyer.BuyerId, 50_000m, "JOURNEY-1"), correlation, ct);
        Assert.Equal(ApplicationOutcome.Decided, small.Outcome);
        Assert.False(small.DetailsUnavailable, small.DetailsUnavailableReason);
        Assert.False(small.Recovered);
        Assert.Equal(201, small.Response.Status);
        Assert.Equal(correlation.CorrelationId, small.Response.CorrelationId);
        var decided = Assert.IsType<CoverDecision>(small.Cover);
        Assert.Equal(DecisionCode.FullyApproved, decided.Code);
        Assert.Equal(new Money(50_000m, "EUR"), decided.DecidedAmount);
        Assert.Equal("JOURNEY-1", decided.CustomerReference);

        // A large amount is referred; the operation follows it to the underwriter's decision by listing.
        var large = await cover.Applications.SubmitAsync(Application(SandboxFixtures.VeryGoodBritishBuyerId, 250_000m, "JOURNEY-2"), cancellationToken: ct);
        Assert.Equal(ApplicationOutcome.Referred, large.Outcome);
        Assert.Equal(202, large.Response.Status);
        var operation = Assert.IsType<CoverApplicationOperation>(large.Operation, exactMatch: false);
        Assert.False(operation.HasCompleted);
        var underwritten = await operation.WaitForCompletionAsync(ct);
        Assert.True(operation.HasCompleted);
        Assert.Equal(new Money(250_000m, "EUR"), underwritten.DecidedAmount);

        // The same operation rebuilt from what a caller stores: the cover id and the buyer.
        var rehydrated = cover.Applications.GetOperation(operation.Id, operation.BuyerId);
        await rehydrated.UpdateStatusAsync(ct);
        Assert.True(rehydrated.HasCompleted);

        // Increase (supersede), reduce, update the reference: the cover id may change, the buyer and type do not.
        var increased = await cover.Decisions.IncreaseAsync(decided.Key, 90_000m, "EUR", cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Applied, increased.Outcome);
        Assert.Equal(90_000m, increased.Cover?.DecidedAmount?.Amount);
        var reduced = await cover.Decisions.ReduceAsync(decided.Key, 40_000m, "EUR", cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Applied, reduced.Outcome);
        Assert.Equal(40_000m, reduced.Cover?.DecidedAmount?.Amount);
        var referenced = await cover.Decisions.UpdateCustomerReferenceAsync(decided.Key, "JOURNEY-1B", cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Applied, referenced.Outcome);
        Assert.Equal("JOURNEY-1B", referenced.Cover?.CustomerReference);

        // A refused increase is a typed outcome, never a success and never an exception.
        var refused = await cover.Decisions.IncreaseAsync(new CoverKey(SandboxFixtures.DeterioratedBuyerId, CoverType.CreditLimit), 200_000m, cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Refused, refused.Outcome);

        // Convert an indication found in the portfolio.
        var indication = await cover.Indications.ListAsync(cancellationToken: ct).ToListAsync(ct);
        var convertible = Assert.Single(indication, i => i.CoverId == SandboxFixtures.ConvertibleIndicationCoverId);
        var converted = await cover.Indications.ConvertToCreditLimitAsync(convertible.CoverId, cancellationToken: ct);
        Assert.Equal(CoverType.CreditLimit, converted.Value.CoverType);

        // Cancel the referred buyer's cover; it leaves the portfolio.
        var cancelled = await cover.Decisions.CancelAsync(underwritten.Key, cancellationToken: ct);
        Assert.Equal(CoverChangeOutcome.Applied, cancelled.Outcome);
        Assert.Empty(SandboxCovers.Current(sandbox, SandboxFixtures.VeryGoodBritishBuyerId));

        // The portfolio, streamed; one cover read from the lists; its history oldest first.
        var listCall = new CoverRequestOptions { CorrelationId = "portfolio-" + Guid.NewGuid() };
        listCall.Headers["X-Caller"] = "journey";
        var portfolio = cover.Decisions.ListAsync(options: listCall, cancellationToken: ct);
        var all = await portfolio.ToListAsync(ct);
        Assert.Equal(200, portfolio.Response?.Status);
        Assert.Equal(listCall.CorrelationId, portfolio.Response?.CorrelationId);
        Assert.Contains(all, c => c.BuyerId == buyer.BuyerId && c.DecidedAmount?.Amount == 40_000m);
        Assert.DoesNotContain(all, c => c.BuyerId == SandboxFixtures.VeryGoodBritishBuyerId);
        var current = all.Single(c => c.BuyerId == buyer.BuyerId);
        Assert.Equal(current.CoverId, (await cover.Decisions.GetAsync(buyer.BuyerId, current.CoverId, cancellationToken: ct)).Value.CoverId);
        var missingCall = new CoverRequestOptions { CorrelationId = "missing-" + Guid.NewGuid() };
        var missing = await Assert.ThrowsAsync<CoverNotFoundException>(() => cover.Decisions.GetAsync(buyer.BuyerId, 99_999_999, options: missingCall, cancellationToken: ct));
        Assert.Equal(missingCall.CorrelationId, missing.CorrelationId);
        var history = (await cover.Decisions.GetHistoryAsync(buyer.BuyerId, cancellationToken: ct)).Value;
        Assert.True(history.Count >= 3, $"{history.Count} versions");
        Assert.Equal(current.CoverId, history[^1].CoverId);
        Assert.All(history.Take(history.Count - 1), v => Assert.True(v.IsHistoric));

        // My buyers whose rating went down, after the insurer downgrades one.
        sandbox.ChangeBuyerRating(buyer.BuyerId, 80);
        var worse = await cover.Buyers.ListMyBuyersAsync(new MyBuyersQuery { HealthChange = BuyerRatingChange.Down }, cancellationToken: ct).ToListAsync(ct);
        var downgraded = Assert.Single(worse, b => b.BuyerId == buyer.BuyerId);
        Assert.Equal(80, downgraded.Rating);
        Assert.Equal(BuyerRatingChange.Down, downgraded.RatingChange);
    }

    private static CoverApplication Application(long buyerId, decimal amount, string reference) => new()
    {
        BuyerId = buyerId,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = amount,
        CurrencyCode = "EUR",
        CustomerReference = reference,
    };
}
