using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>The whole handbook journey over real HTTP, with both token styles, from a DI host and from <c>new CoverClient</c>.</summary>
public sealed class HandbookJourneyTests
{
    public static TheoryData<CoverTokenEndpointStyle, string> Setups => new()
    {
        { CoverTokenEndpointStyle.OAuth2, "new CoverClient" },
        { CoverTokenEndpointStyle.Atradius, "new CoverClient" },
        { CoverTokenEndpointStyle.OAuth2, "generic host" },
        { CoverTokenEndpointStyle.Atradius, "generic host" },
    };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task The_handbook_journey_runs_end_to_end(CoverTokenEndpointStyle style, string hosting)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromMilliseconds(300) }, ct);

        if (hosting == "generic host")
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddAtradiusCover(o => SandboxClients.Apply(o, sandbox, style));
            using var host = builder.Build();
            await host.StartAsync(ct);
            await RunJourneyAsync(host.Services.GetRequiredService<ICoverClient>(), sandbox, ct);
            await host.StopAsync(ct);
        }
        else
        {
            await using var cover = new CoverClient(SandboxClients.Options(sandbox, style));
            await RunJourneyAsync(cover, sandbox, ct);
        }

        Assert.Equal(1, sandbox.Statistics.TokenRequests);
        Assert.Equal(style == CoverTokenEndpointStyle.OAuth2 ? 1 : 0, sandbox.Statistics.OAuth2TokenRequests);
    }

    private static async Task RunJourneyAsync(ICoverClient cover, CoverSandbox sandbox, CancellationToken ct)
    {
        var started = sandbox.Clock.GetUtcNow();

        // 1. Find the Atradius Buyer ID of a customer by its VAT number.
        var found = await cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", SandboxFixtures.WellRatedDutchBuyerVat, BuyerIdentifierType.Vat), ct).ToListAsync(ct);
        var buyer = Assert.Single(found);
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, buyer.BuyerId);
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerName, (await cover.Buyers.GetAsync(buyer.BuyerId, ct)).Name);

        // 2. Apply: decided at once.
        var decided = await cover.Applications.SubmitAsync(Euro(buyer.BuyerId, 50_000m, "PO-1"), ct);
        Assert.True(decided.IsDecided);
        Assert.Equal(DecisionCode.FullyApproved, decided.Decision!.Code);
        Assert.Equal(50_000m, decided.Decision.TotalDecision!.Amount.Amount);

        // 3. Apply: referred to an underwriter, then wait for the decision.
        var referred = await cover.Applications.SubmitAsync(Euro(SandboxFixtures.VeryGoodBritishBuyerId, 250_000m), ct);
        Assert.True(referred.IsReferred);
        var pending = await cover.Applications.ListPendingAsync(new DecisionQuery { PolicyId = SandboxFixtures.EuroPolicyId }, ct).Select(c => c.CoverId).ToListAsync(ct);
        Assert.Contains(referred.CoverId, pending);
        Assert.Contains(SandboxFixtures.PendingApplicationCoverId, pending);
        var underwritten = await cover.Applications.WaitForDecisionAsync(referred.CoverId, ct);
        Assert.Equal(DecisionCode.FullyApproved, underwritten.Code);

        // 4. Modify: increase, reduce, update the reference.
        var increased = await cover.Decisions.IncreaseAsync(decided.CoverId, 80_000m, ct);
        Assert.True(increased.IsDecided);
        Assert.Equal(80_000m, increased.Decision!.TotalDecision!.Amount.Amount);
        var reduced = await cover.Decisions.ReduceAsync(increased.CoverId, 60_000m, ct);
        Assert.Equal(60_000m, reduced.TotalDecision!.Amount.Amount);
        var renamed = await cover.Decisions.UpdateCustomerReferenceAsync(reduced.CoverId, "REF-1", ct);
        Assert.Equal("REF-1", renamed.CustomerReference);

        // 5. Convert an indication into a credit limit.
        var converted = await cover.Indications.ConvertToCreditLimitAsync(SandboxFixtures.ConvertibleIndicationCoverId, ct);
        Assert.Equal(CoverType.CreditLimit, converted.CoverType);

        // 6. Cancel.
        var cancelled = await cover.Decisions.CancelAsync(underwritten.CoverId, ct);
        Assert.Equal(HistoricCode.CancelledDecision, cancelled.HistoricCode);

        // 7. Lists: portfolio, new decisions, historic, pending.
        var portfolio = await cover.Decisions.ListAsync(new DecisionQuery { PolicyId = SandboxFixtures.EuroPolicyId, PageSize = 7 }, ct).ToListAsync(ct);
        Assert.Contains(portfolio, c => c.CoverId == decided.CoverId && c.CustomerReference == "REF-1");
        Assert.DoesNotContain(portfolio, c => c.CoverId == underwritten.CoverId);
        Assert.Equal(
            sandbox.GetCovers().Where(c => c.IsCurrent && c.PolicyId == SandboxFixtures.EuroPolicyId).Select(c => c.CoverId).Order(),
            portfolio.Select(c => c.CoverId).Order());

        var newDecisions = await cover.Decisions.ListNewAsync(started, cancellationToken: ct).Select(c => c.CoverId).ToListAsync(ct);
        Assert.Contains(decided.CoverId, newDecisions);
        Assert.Contains(SandboxFixtures.ConvertibleIndicationCoverId, newDecisions);

        var historic = await cover.Decisions.ListHistoricAsync(cancellationToken: ct).ToListAsync(ct);
        Assert.Contains(historic, c => c.CoverId == underwritten.CoverId && c.HistoricCode == HistoricCode.CancelledDecision);
        Assert.Contains(historic, c => c.CoverId == decided.CoverId && c.HistoricCode == HistoricCode.SupersededDecision);

        var indications = await cover.Indications.ListAsync(cancellationToken: ct).Select(c => c.CoverId).ToListAsync(ct);
        Assert.DoesNotContain(SandboxFixtures.ConvertibleIndicationCoverId, indications);

        // 8. History of the cover, oldest first.
        var history = await cover.Decisions.GetHistoryAsync(decided.CoverId, ct).ToListAsync(ct);
        Assert.Equal(history.Select(h => h.Version).Order(), history.Select(h => h.Version));
        Assert.Equal(renamed.Version, history[^1].Version);
        Assert.Equal("REF-1", history[^1].Cover.CustomerReference);
        Assert.True(history.Count >= 4, $"expected submitted, superseded, reduced and reference-updated versions; got {history.Count}");
    }

    private static CoverApplication Euro(long buyerId, decimal amount, string? reference = null) => new()
    {
        CustomerId = SandboxFixtures.EuroCustomerId,
        PolicyId = SandboxFixtures.EuroPolicyId,
        BuyerId = buyerId,
        CreditLimitAmount = amount,
        CurrencyCode = "EUR",
        CustomerReference = reference,
    };
}
