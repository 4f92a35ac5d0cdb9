using System.Net;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Buyers;

public class BuyersClientTests
{
    private static JsonObject Buyer(long id = 10042317) => new()
    {
        ["buyerId"] = id,
        ["buyerName"] = "Tulip Trading B.V.",
        ["countryCode"] = "NLD",
        ["uniqueIdentifiers"] = new JsonArray(new JsonObject { ["uid"] = "NL859338221B01", ["uidType"] = "VAT" }, new JsonObject { ["uid"] = "X1", ["uidType"] = "LEI" }),
        ["address"] = new JsonObject { ["street"] = "Keizersgracht 120", ["city"] = "Amsterdam", ["postCode"] = "1015 CW", ["countryCode"] = "NLD" },
        ["currentBuyerRating"] = 35,
        ["currentBuyerRatingClass"] = "Good",
    };

    [Fact]
    public async Task Search_by_identifier_sends_country_uid_and_type()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Buyers).Respond("application/json", CoverJson.Page(null, Buyer()));

        var buyers = new List<Buyer>();
        await foreach (var buyer in harness.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", "NL859338221B01", BuyerIdentifierType.Vat), TestContext.Current.CancellationToken))
        {
            buyers.Add(buyer);
        }

        var found = Assert.Single(buyers);
        Assert.Equal(10042317, found.BuyerId);
        Assert.Equal("Tulip Trading B.V.", found.Name);
        Assert.Equal("LEI", found.Identifiers[1].Type.Value);
        Assert.Equal("Amsterdam", found.Address!.City);
        Assert.Equal(35, found.Rating);
        Assert.Equal("?country=NLD&uid=NL859338221B01&uidType=VAT", harness.Requests[0].Uri.Query);
    }

    [Fact]
    public async Task Search_by_name_sends_the_name_and_page_size()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Buyers).Respond("application/json", CoverJson.Page(null, Buyer()));

        await foreach (var _ in harness.Client.Buyers.SearchAsync(new BuyerSearch { Name = "Tulip", PageSize = 10 }, TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal("?name=Tulip&pageSize=10", harness.Requests[0].Uri.Query);
    }

    public static TheoryData<BuyerSearch, string> InvalidSearches => new()
    {
        { new BuyerSearch(), "search" },
        { new BuyerSearch { Name = "T" }, "search.Name" },
        { new BuyerSearch { Name = "Tulip", CountryCode = "NL" }, "search.CountryCode" },
        { new BuyerSearch { Identifier = "NL859338221B01", IdentifierType = BuyerIdentifierType.Vat }, "search.CountryCode" },
        { new BuyerSearch { CountryCode = "NLD", IdentifierType = BuyerIdentifierType.Vat }, "search.Identifier" },
        { new BuyerSearch { CountryCode = "NLD", Identifier = "NL859338221B01" }, "search.IdentifierType" },
        { new BuyerSearch { CountryCode = "NLD", Identifier = "X", IdentifierType = "LEI" }, "search.IdentifierType" },
        { new BuyerSearch { Name = "Tulip", PageSize = 0 }, "search.PageSize" },
    };

    [Theory]
    [MemberData(nameof(InvalidSearches))]
    public void Search_refuses_an_incomplete_search_before_any_request(BuyerSearch search, string parameter)
    {
        using var harness = new CoverTestHarness();
        var error = Assert.ThrowsAny<ArgumentException>(() => harness.Client.Buyers.SearchAsync(search, TestContext.Current.CancellationToken));
        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Get_reads_one_buyer_and_a_missing_one_is_not_found()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Buyers + "/10042317").Respond("application/json", Buyer().ToJsonString());
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Buyers + "/9").Respond(HttpStatusCode.NotFound, "application/json", CoverJson.Error(404, "NOT_FOUND"));

        var buyer = await harness.Client.Buyers.GetAsync(10042317, TestContext.Current.CancellationToken);

        Assert.Equal("NLD", buyer.CountryCode);
        await Assert.ThrowsAsync<CoverNotFoundException>(() => harness.Client.Buyers.GetAsync(9, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.Buyers.GetAsync(0, TestContext.Current.CancellationToken));
    }
}
