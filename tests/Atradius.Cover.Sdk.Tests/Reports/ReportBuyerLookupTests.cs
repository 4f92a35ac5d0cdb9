using Atradius.Cover.Sdk.Tests.Support;

namespace Atradius.Cover.Sdk.Tests.Reports;

public sealed class ReportBuyerLookupTests
{
    private static CoverDecision Decided(long coverId, long buyerId, decimal amount) =>
        CoverModelFactory.CoverDecision(
            coverId: coverId,
            customerId: 1001,
            policyId: "5012345",
            buyerId: buyerId,
            code: "DC01",
            policyCurrency: "EUR",
            applicationAmount: new Money(amount, "EUR"),
            totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR")));

    [Fact]
    public async Task A_lookup_in_your_own_master_data_groups_the_covers_by_country_and_rating_class()
    {
        // Before, a lookup had to return the SDK's Buyer, which only the service's answers make and which carries no
        // country: the country section was "(unknown)" whatever the master data said.
        using var api = new CoverApi();
        var masterData = new Dictionary<long, CoverReportBuyer>
        {
            [100] = new() { Country = "NLD", RatingClass = "Good" },
            [200] = new() { Country = " nld ", RatingClass = "Fair" },
            [300] = new() { Country = "FRA", RatingClass = " " },
        };
        var lookedUp = new List<long>();
        var definition = new CoverReportDefinition
        {
            Sections = CoverReportSections.ByCountry | CoverReportSections.ByRatingClass,
            BuyerLookup = (buyerId, _) =>
            {
                lookedUp.Add(buyerId);
                return Task.FromResult(masterData.GetValueOrDefault(buyerId));
            },
        };
        CoverDecision[] covers = [Decided(1, 100, 50000), Decided(2, 100, 10000), Decided(3, 200, 20000), Decided(4, 300, 30000), Decided(5, 400, 40000)];

        var report = await api.Client.Reports.CreatePortfolioReportAsync(covers.ToAsyncEnumerable(), definition, TestContext.Current.CancellationToken);

        Assert.Equal(
            [("(unknown)", 1, 40000m), ("FRA", 1, 30000m), ("NLD", 3, 80000m)],
            report.ByCountry.Select(row => (row.Key, row.CoverCount, row.TotalCover)).OrderBy(row => row.Key, StringComparer.Ordinal));
        Assert.Equal(
            [("(unknown)", 2, 70000m), ("Fair", 1, 20000m), ("Good", 2, 60000m)],
            report.ByRatingClass.Select(row => (row.Key, row.CoverCount, row.TotalCover)).OrderBy(row => row.Key, StringComparer.Ordinal));
        Assert.Equal([100L, 200, 300, 400], lookedUp);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void A_buyer_read_from_the_service_gives_its_rating_class_and_no_country()
    {
        var buyer = CoverModelFactory.Buyer(buyerId: 100, ratingClass: "Good");

        var forReport = CoverReportBuyer.From(buyer);

        Assert.Equal("Good", forReport.RatingClass);
        Assert.Null(forReport.Country);
        Assert.Equal("buyer", Assert.Throws<ArgumentNullException>(() => CoverReportBuyer.From(null!)).ParamName);
    }
}
