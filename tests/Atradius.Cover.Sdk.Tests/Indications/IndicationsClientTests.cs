using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Indications;

public class IndicationsClientTests
{
    [Fact]
    public async Task List_asks_for_indications_only()
    {
        using var harness = new CoverTestHarness();
        var indication = CoverJson.Decided(8);
        indication["coverType"] = "indication";
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers).Respond("application/json", CoverJson.Page(null, indication));

        var items = new List<CoverDecision>();
        await foreach (var item in harness.Client.Indications.ListAsync(new DecisionQuery { PolicyId = "5012345" }, TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        Assert.Equal(CoverType.Indication, Assert.Single(items).CoverType);
        Assert.Equal("?policyId=5012345&coverType=indication", harness.Requests[0].Uri.Query);
        Assert.Throws<ArgumentException>(() => harness.Client.Indications.ListAsync(new DecisionQuery { CoverType = CoverType.CreditLimit }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Convert_puts_the_new_cover_type_with_an_idempotency_key()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Put, CoverTestHarness.Covers + "/8/cover-type").Respond("application/json", CoverJson.Decided(8).ToJsonString());

        var converted = await harness.Client.Indications.ConvertToCreditLimitAsync(8, new CoverRequestOptions { IfMatch = "\"8-2\"" }, TestContext.Current.CancellationToken);

        Assert.Equal(CoverType.CreditLimit, converted.CoverType);
        var request = Assert.Single(harness.Requests);
        Assert.True(CoverJson.SameJson(request.Body, """{"coverType":"credit-limit"}"""), request.Body);
        Assert.Equal("\"8-2\"", request.Headers["If-Match"]);
        Assert.True(Guid.TryParse(request.Headers["Idempotency-Key"], out _));
    }
}
