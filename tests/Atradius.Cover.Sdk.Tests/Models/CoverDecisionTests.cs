using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Models;

public class CoverDecisionTests
{
    [Fact]
    public async Task Unknown_codes_are_read_and_kept()
    {
        using var harness = new CoverTestHarness();
        var cover = CoverJson.Decided(5, code: "DC99");
        cover["coverStatus"] = "ON_HOLD";
        cover["coverType"] = "surety-bond";
        cover["historicCode"] = "ZZZZ";
        cover["pendingProcessIndicator"] = "Q";
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/5").Respond("application/json", cover.ToJsonString());

        var decision = await harness.Client.Decisions.GetAsync(5, TestContext.Current.CancellationToken);

        Assert.Equal("DC99", decision.Code!.Value.ToString());
        Assert.False(decision.Code.Value.IsKnown);
        Assert.Equal("DC99", decision.Code.Value.Description);
        Assert.Equal("ON_HOLD", decision.Status.Value);
        Assert.False(decision.IsDecided);
        Assert.False(decision.IsReferred);
        Assert.Equal("surety-bond", decision.CoverType.ToString());
        Assert.Equal("ZZZZ", decision.HistoricCode!.Value.Value);
        Assert.Equal("Q", decision.PendingProcess!.Value.Value);
    }

    [Fact]
    public async Task A_conditional_split_decision_maps_every_part()
    {
        using var harness = new CoverTestHarness();
        var cover = CoverJson.Decided(70001240, code: "DC02", amount: 250000);
        cover["totalDecision"]!["decisionExpiryDate"] = "2027-11-02";
        cover["totalDecision"]!["decisionConditions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["conditionCode"] = "PT60",
            ["conditionType"] = "PAYMENT_TERMS",
            ["conditionDescription"] = "Cover applies to payment terms of at most 60 days.",
        });
        cover["firstAmtDecision"] = new System.Text.Json.Nodes.JsonObject { ["decisionAmount"] = 150000, ["currencyCode"] = "EUR" };
        cover["secondAmtDecision"] = new System.Text.Json.Nodes.JsonObject { ["decisionAmount"] = 100000, ["currencyCode"] = "EUR", ["decisionExpiryDate"] = "2027-11-02" };
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/70001240").Respond("application/json", cover.ToJsonString());

        var decision = await harness.Client.Decisions.GetAsync(70001240, TestContext.Current.CancellationToken);

        Assert.True(decision.Code!.Value.IsApproval);
        Assert.Equal(new DateOnly(2027, 11, 2), decision.TotalDecision!.ExpiryDate);
        var condition = Assert.Single(decision.TotalDecision.Conditions);
        Assert.Equal("PT60", condition.Code);
        Assert.Equal("PAYMENT_TERMS", condition.Type);
        Assert.Equal(new Money(150000, "EUR"), decision.FirstAmountDecision!.Amount);
        Assert.Equal(new Money(100000, "EUR"), decision.SecondAmountDecision!.Amount);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 15, 1, TimeSpan.Zero), decision.DecisionDate);
    }

    [Theory]
    [InlineData("DC01", false, true, false, false, false)]
    [InlineData("DC02", false, true, false, false, false)]
    [InlineData("DC03", true, false, false, false, false)]
    [InlineData("DC04", false, false, true, false, false)]
    [InlineData("DC05", true, false, false, false, false)]
    [InlineData("DC06", false, false, true, true, false)]
    [InlineData("DC07", true, false, false, true, false)]
    [InlineData("DC09", false, false, false, false, true)]
    [InlineData("dc21", false, false, false, false, true)]
    public void Decision_codes_say_what_they_mean(string code, bool refusal, bool approval, bool partial, bool preliminary, bool insurer)
    {
        DecisionCode value = code;
        Assert.Equal(refusal, value.IsRefusal);
        Assert.Equal(approval, value.IsApproval);
        Assert.Equal(partial, value.IsPartial);
        Assert.Equal(preliminary, value.IsPreliminary);
        Assert.Equal(insurer, value.IsInsurerInitiated);
        Assert.True(value.IsKnown);
        Assert.NotEqual(code, value.Description);
    }

    [Fact]
    public void Codes_compare_case_insensitively_and_keep_their_text()
    {
        Assert.Equal(DecisionCode.FullyApproved, new DecisionCode("dc01"));
        Assert.Equal(DecisionCode.FullyApproved.GetHashCode(), new DecisionCode("dc01").GetHashCode());
        Assert.Equal("dc01", new DecisionCode("dc01").ToString());
        Assert.True(CoverType.Indication == "indication");
        Assert.Throws<ArgumentException>(() => new HistoricCode(" "));
    }

    [Fact]
    public void An_amount_of_zero_is_a_refusal_whatever_the_code()
    {
        var decision = CoverModelFactory.CoverDecision(code: DecisionCode.RevisedTerms, totalDecision: CoverModelFactory.DecisionAmount(new Money(0, "EUR")));
        Assert.True(decision.IsRefusal);
        Assert.False(CoverModelFactory.CoverDecision(code: DecisionCode.FullyApproved, totalDecision: CoverModelFactory.DecisionAmount(new Money(1000, "EUR"))).IsRefusal);
    }

    [Fact]
    public void Pending_cancellation_and_cancelled_are_kept_apart()
    {
        var pending = CoverModelFactory.CoverDecision(pendingProcess: PendingProcessIndicator.Cancellation);
        Assert.True(pending.IsPendingCancellation);
        Assert.False(pending.IsCancelled);

        foreach (var code in new[] { HistoricCode.CancelledDecision, HistoricCode.CancelledIndication, HistoricCode.CancelledApplication })
        {
            var cancelled = CoverModelFactory.CoverDecision(historicCode: code);
            Assert.True(cancelled.IsCancelled);
            Assert.False(cancelled.IsPendingCancellation);
            Assert.True(cancelled.IsHistoric);
        }

        Assert.False(CoverModelFactory.CoverDecision(historicCode: HistoricCode.ExpiredDecision).IsCancelled);
    }
}
