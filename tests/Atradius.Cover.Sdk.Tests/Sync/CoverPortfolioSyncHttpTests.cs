using System.Net;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Sync;

public sealed class CoverPortfolioSyncHttpTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Loads_the_portfolio_from_covers_then_asks_covers_decisions_for_changes_since_checkpoint_minus_overlap()
    {
        var ct = TestContext.Current.CancellationToken;
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, PortfolioJson.Covers).WithQueryString("pageSize", "2")
            .Respond("application/json", PortfolioJson.Page("c2", PortfolioJson.Cover(1, 1, T0), PortfolioJson.Cover(2, 1, T0.AddMinutes(1))));
        handler.Expect(HttpMethod.Get, PortfolioJson.Covers).WithQueryString("cursor", "c2")
            .Respond("application/json", PortfolioJson.Page(null, PortfolioJson.Cover(3, 1, T0.AddMinutes(2), status: "REFERRED", decisionCode: null, amount: null)));
        handler.Expect(HttpMethod.Get, PortfolioJson.Covers + "/decisions").WithQueryString("updatedSince", "2026-11-02T08:57:00.0000000+00:00")
            .Respond("application/json", PortfolioJson.Page(null,
                PortfolioJson.Cover(2, 1, T0.AddMinutes(1)),
                PortfolioJson.Cover(3, 2, T0.AddMinutes(20), amount: 30_000m, decisionCode: "DC04"),
                PortfolioJson.Cover(1, 2, T0.AddMinutes(21), decisionCode: "DC21", withdrawalDate: "2026-12-02")));

        using var cover = PortfolioJson.Client(handler);
        var store = new InMemoryCoverCheckpointStore();
        var sync = new CoverPortfolioSync(cover, store, new CoverPortfolioSyncOptions { PageSize = 2 }, new FakeTimeProvider(T0.AddHours(1)));

        var first = new List<CoverPortfolioChange>();
        await sync.RunAsync((changes, _) => { first.AddRange(changes); return Task.CompletedTask; }, ct);
        var second = new List<CoverPortfolioChange>();
        await cover.Decisions.SyncAsync(store, (changes, _) => { second.AddRange(changes); return Task.CompletedTask; }, new CoverPortfolioSyncOptions { PageSize = 2 }, ct);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { CoverChangeKind.NewDecision, CoverChangeKind.NewDecision, CoverChangeKind.Referred }, first.Select(c => c.Kind).ToArray());
        Assert.Equal(new[] { CoverChangeKind.ReferredToDecided, CoverChangeKind.ReductionNotice }, second.Select(c => c.Kind).ToArray());
        Assert.Equal(30_000m, second[0].Decision!.DecidedAmount!.Value.Amount);
        Assert.NotNull(second[1].Current.WithdrawalDate);
    }
}
