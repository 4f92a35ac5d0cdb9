namespace Atradius.Cover.Sdk.Tests.Models;

public sealed class CoverModelFactoryTests
{
    [Fact]
    public void A_cover_decided_in_two_amounts_is_built_with_every_member_the_service_sends()
    {
        var identifier = new BuyerIdentifier("NL123456789B01", BuyerIdentifierType.TaxCode);

        var cover = CoverModelFactory.CoverDecision(
            coverId: 70000001,
            buyerId: 10000001,
            code: new DecisionCode("DC01"),
            pendingProcess: new PendingProcessIndicator("R"),
            firstAmountDecision: CoverModelFactory.DecisionAmount(new Money(30000m, "EUR"), amountInUserCurrency: 32000m),
            secondAmountDecision: CoverModelFactory.DecisionAmount(new Money(20000m, "EUR")),
            applicationAmountInUserCurrency: 53500m,
            decisionDescription: "Credit limit approved",
            pendingProcessStatus: "Review in progress",
            buyerRating: 7,
            buyerIdentifiers: [identifier]);

        Assert.Null(cover.TotalDecision);
        Assert.Equal(new Money(30000m, "EUR"), cover.FirstAmountDecision!.Amount);
        Assert.Equal(32000m, cover.FirstAmountDecision.AmountInUserCurrency);
        Assert.Equal(new Money(20000m, "EUR"), cover.SecondAmountDecision!.Amount);
        Assert.Equal("EUR", cover.PolicyCurrency);
        Assert.Equal(53500m, cover.ApplicationAmountInUserCurrency);
        Assert.Equal("Credit limit approved", cover.DecisionDescription);
        Assert.Equal("Review in progress", cover.PendingProcessStatus);
        Assert.Equal(7, cover.BuyerRating);
        Assert.Equal([identifier], cover.BuyerIdentifiers);
    }

    [Fact]
    public void A_cover_built_with_defaults_has_no_identifiers_and_no_amount_decisions()
    {
        var cover = CoverModelFactory.CoverDecision();

        Assert.Empty(cover.BuyerIdentifiers);
        Assert.Null(cover.FirstAmountDecision);
        Assert.Null(cover.SecondAmountDecision);
        Assert.Null(cover.BuyerRating);
    }
}
