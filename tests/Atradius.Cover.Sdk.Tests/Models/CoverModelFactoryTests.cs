namespace Atradius.Cover.Sdk.Tests.Models;

public class CoverModelFactoryTests
{
    [Fact]
    public void The_factory_builds_every_read_only_model()
    {
        var condition = CoverModelFactory.DecisionCondition("PT60", "PAYMENT_TERMS", "60 days");
        var amount = CoverModelFactory.DecisionAmount(new Money(50000, "EUR"), new DateOnly(2027, 1, 1), [condition]);
        var cover = CoverModelFactory.CoverDecision(coverId: 7, status: CoverStatus.Referred, totalDecision: amount, eTag: "\"7-1\"", effectFromDate: new DateOnly(2026, 12, 1));
        var result = CoverModelFactory.ApplicationResult(cover, TimeSpan.FromSeconds(5), idempotencyKey: "k");
        var address = CoverModelFactory.BuyerAddress("Keizersgracht 120", "Amsterdam", "1015 CW", "NLD");
        var buyer = CoverModelFactory.Buyer(10042317, "Tulip Trading B.V.", "NLD", [new BuyerIdentifier("NL859338221B01", BuyerIdentifierType.Vat)], address, 35, "Good");
        var entry = CoverModelFactory.CoverHistoryEntry(2, DateTimeOffset.UnixEpoch, CoverHistoryEvent.Decided, cover, [new CoverFieldChange("Status", "REFERRED", "DECISION")]);
        var page = CoverModelFactory.Page([buyer], "next");

        Assert.Equal("PT60: 60 days", condition.ToString());
        Assert.Equal(7, result.CoverId);
        Assert.True(result.IsReferred);
        Assert.Null(result.Decision);
        Assert.Equal("\"7-1\"", cover.ETag);
        Assert.Equal("Amsterdam", buyer.Address!.City);
        Assert.Equal(BuyerIdentifierType.Vat, buyer.Identifiers[0].Type);
        Assert.Equal("Status", entry.Changes[0].Field);
        Assert.Equal("next", page.ContinuationToken);
        Assert.Equal("50000 EUR", amount.ToString());
    }
}
