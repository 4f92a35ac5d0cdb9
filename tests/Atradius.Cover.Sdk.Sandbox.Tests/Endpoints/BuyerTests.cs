using System.Text.Json;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

/// <summary>Buyer search, buyer by id and my-buyers with rating changes.</summary>
public sealed class BuyerTests
{
    [Theory]
    [InlineData("NLD", SandboxFixtures.WellRatedDutchBuyerVat, "VAT", SandboxFixtures.WellRatedDutchBuyerId)]
    [InlineData("NLD", SandboxFixtures.WellRatedDutchBuyerChamberOfCommerce, "CR", SandboxFixtures.WellRatedDutchBuyerId)]
    [InlineData("GBR", "218735521", "DB", SandboxFixtures.VeryGoodBritishBuyerId)]
    [InlineData("ESP", "B91234567", "FC", SandboxFixtures.FairSpanishBuyerId)]
    [InlineData("SWE", "556677-8899", "NRN", SandboxFixtures.WeakSwedishBuyerId)]
    [InlineData("PRT", "509876543", "TK", SandboxFixtures.IndicationBuyerId)]
    public async Task Search_by_country_and_identifier_finds_the_buyer(string country, string uid, string uidType, long buyerId)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var found = Assert.Single(await api.ListAsync($"{Buyers}?country={country}&uid={Uri.EscapeDataString(uid)}&uidType={uidType}"));
        Assert.Equal(buyerId, found.GetProperty("buyerId").GetInt64());
        Assert.Contains(found.GetProperty("uniqueIdentifiers").EnumerateArray(), i => i.GetProperty("uidType").GetString() == uidType && i.TryGetProperty("uidTypeDescription", out _));
    }

    [Fact]
    public async Task The_generated_world_has_every_identifier_type_and_many_countries()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var types = sandbox.World.Buyers.SelectMany(b => b.Identifiers.Select(i => i.Key)).ToHashSet();
        Assert.Superset(new HashSet<string> { "VAT", "NRN", "CR", "DB", "FC", "SN", "TK" }, types);
        Assert.True(sandbox.World.Buyers.Select(b => b.CountryCode).Distinct().Count() >= 10);
    }

    [Fact]
    public async Task No_match_answers_404_with_the_real_detail_and_a_partial_search_400()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var none = await api.GetAsync($"{Buyers}?country=FRA&uid=000000000&uidType=SN");
        Assert.Equal(HttpStatusCode.NotFound, none.Status);
        Assert.Equal("No buyer match found", none.Detail);
        Assert.Equal("uidType", (await api.GetAsync($"{Buyers}?country=FRA&uid=1")).Parameter);
        Assert.Equal("uidType", (await api.GetAsync($"{Buyers}?country=FRA&uid=1&uidType=XX")).Parameter);
        Assert.Equal("name", (await api.GetAsync($"{Buyers}?name=Tulip")).Parameter);
    }

    [Fact]
    public async Task A_buyer_by_id_comes_as_a_one_element_array()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var data = (await api.GetAsync($"{Buyers}/{SandboxFixtures.WellRatedDutchBuyerId}")).Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, Assert.Single(data.EnumerateArray()).GetProperty("buyerId").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Buyers}/12")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"{Buyers}/abc")).Status);
    }

    [Fact]
    public async Task A_buyer_read_by_id_shows_the_rating_changes_the_clock_has_reached()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = 60, TokenLifetime = TimeSpan.FromDays(60) }, Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.AdvanceTime(TimeSpan.FromDays(46));

        var changed = new List<long>();
        foreach (var buyer in sandbox.World.Buyers)
        {
            var read = Assert.Single((await api.GetAsync($"{Buyers}/{buyer.BuyerId}")).Json.GetProperty("data").EnumerateArray());
            if (Wire.Amount(read.GetProperty("currentBuyerRating")) != buyer.Rating)
            {
                changed.Add(buyer.BuyerId);
            }
        }

        Assert.NotEmpty(changed);
    }

    [Fact]
    public async Task My_buyers_shows_rating_changes_that_insurer_events_make_on_the_clock()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromDays(10) }, Ct);
        using var api = await CreateAsync(sandbox);
        var down = await api.ListAsync($"{Buyers}/my-buyers?policyId={SandboxFixtures.EuroPolicyId}&healthChange=down");
        var deteriorated = Assert.Single(down, b => b.GetProperty("buyerId").GetInt64() == SandboxFixtures.DeterioratedBuyerId);
        Assert.Equal("down", Wire.Text(deteriorated, "buyerRatingChange"));
        Assert.Equal(40m, Wire.Amount(deteriorated.GetProperty("previousBuyerRating")));
        Assert.Equal(90m, Wire.Amount(deteriorated.GetProperty("currentBuyerRating")));
        Assert.All(down, b => Assert.Equal("down", Wire.Text(b, "buyerRatingChange")));
        Assert.DoesNotContain(await api.ListAsync($"{Buyers}/my-buyers?customerId={SandboxFixtures.EuroCustomerId}&healthChange=up"), b => b.GetProperty("buyerId").GetInt64() == SandboxFixtures.DeterioratedBuyerId);

        // an insurer's notice worsens the buyer's rating today
        sandbox.AdvanceTime(TimeSpan.FromDays(2));
        var today = sandbox.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
        sandbox.ChangeBuyerRating(SandboxFixtures.SupersededCoverBuyerId, 10);
        var changedToday = await api.ListAsync($"{Buyers}/my-buyers?buyerRatingUpdatedAfter={today}&buyerRatingUpdatedBefore={today}");
        Assert.Equal([SandboxFixtures.ExistingCoverBuyerId, SandboxFixtures.SupersededCoverBuyerId], changedToday.Select(b => b.GetProperty("buyerId").GetInt64()).Order());
        Assert.Equal("up", Wire.Text(changedToday.Single(b => b.GetProperty("buyerId").GetInt64() == SandboxFixtures.SupersededCoverBuyerId), "buyerRatingChange"));

        // the other customer's buyers are not this customer's
        Assert.Empty(await api.ListAsync($"{Buyers}/my-buyers?customerId={SandboxFixtures.SterlingCustomerId}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"{Buyers}/my-buyers?healthChange=sideways")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"{Buyers}/my-buyers?policyId=")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"{Buyers}/my-buyers?policyId={new string('9', 21)}")).Status);
    }

    [Fact]
    public async Task Scheduled_rating_changes_of_the_portfolio_buyers_happen_on_the_sandbox_clock()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromDays(100) }, Ct);
        using var api = await CreateAsync(sandbox);
        var tomorrow = sandbox.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty(await api.ListAsync($"{Buyers}/my-buyers?buyerRatingUpdatedAfter={tomorrow}"));

        sandbox.AdvanceTime(TimeSpan.FromDays(45));
        var changed = await api.ListAsync($"{Buyers}/my-buyers?buyerRatingUpdatedAfter={tomorrow}");
        Assert.NotEmpty(changed);
        Assert.All(changed, b => Assert.NotNull(Wire.Text(b, "buyerRatingChange")));
        Assert.Contains(changed, b => Wire.Text(b, "buyerRatingChange") == "up");
        Assert.Contains(changed, b => Wire.Text(b, "buyerRatingChange") == "down");
    }
}
