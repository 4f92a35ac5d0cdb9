using Atradius.Cover.Sdk;

namespace Atradius.Cover.Sdk.Tests.Reports;

/// <summary>A small portfolio whose figures are known by hand.</summary>
internal static class ReportWorld
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static CoverDecision Decided(long id, long buyer, decimal amount, decimal applied, string currency = "EUR", string code = "DC01", string? historic = null, DateOnly? withdrawal = null, string? name = null, DateTimeOffset? updated = null, string policy = "P1") =>
        CoverModelFactory.CoverDecision(
            coverId: id,
            policyId: policy,
            buyerId: buyer,
            buyerName: name ?? "Buyer " + buyer,
            code: new DecisionCode(code),
            historicCode: historic is null ? (HistoricCode?)null : new HistoricCode(historic),
            applicationAmount: new Money(applied, currency),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, currency)),
            applicationDate: Now.AddDays(-30),
            withdrawalDate: withdrawal,
            updatedAt: updated ?? Now.AddDays(-20));

    public static CoverDecision Referred(long id, long buyer, decimal applied, int ageDays, string currency = "EUR") =>
        CoverModelFactory.CoverDecision(
            coverId: id,
            policyId: "P1",
            buyerId: buyer,
            buyerName: "Buyer " + buyer,
            status: CoverStatus.Referred,
            applicationAmount: new Money(applied, currency),
            applicationDate: Now.AddDays(-ageDays),
            updatedAt: Now.AddDays(-ageDays));

    public static IReadOnlyList<CoverDecision> Portfolio() => new[]
    {
        Decided(1, 100, 50_000m, 50_000m),
        Decided(2, 200, 30_000m, 60_000m, code: "DC04"),
        Decided(3, 300, 20_000m, 40_000m, code: "DC21", withdrawal: new DateOnly(2026, 12, 20), updated: Now.AddDays(-2)),
        Decided(4, 100, 10_000m, 10_000m, currency: "USD"),
        Decided(5, 400, 0m, 25_000m, code: "DC08", updated: Now.AddDays(-1)),
        Referred(6, 200, 70_000m, ageDays: 3),
        Referred(7, 500, 5_000m, ageDays: 12, currency: "USD"),
    };

    public static Task<Buyer?> Lookup(long buyerId, CancellationToken cancellationToken) =>
        Task.FromResult<Buyer?>(buyerId switch
        {
            100 => CoverModelFactory.Buyer(100, "A", "NLD", ratingClass: "Good"),
            200 => CoverModelFactory.Buyer(200, "B", "DEU", ratingClass: "Fair"),
            300 => CoverModelFactory.Buyer(300, "C", "NLD", ratingClass: "Weak"),
            400 => CoverModelFactory.Buyer(400, "D", "FRA", ratingClass: null),
            _ => null,
        });

    public static async IAsyncEnumerable<CoverDecision> Stream(IEnumerable<CoverDecision> covers)
    {
        foreach (var cover in covers)
        {
            await Task.Yield();
            yield return cover;
        }
    }
}
