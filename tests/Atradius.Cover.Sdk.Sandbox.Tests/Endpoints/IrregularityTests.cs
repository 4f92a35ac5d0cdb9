using System.Text.Json;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

/// <summary>The real service's irregular shapes, on by default, the same on every read, and off with the switch.</summary>
public sealed class IrregularityTests
{
    private static IEnumerable<JsonElement> Amounts(JsonElement cover)
    {
        foreach (var name in new[] { "creditLimitApplicationAmountInPolicyCurrency", "creditLimitApplicationAmountInUserCurrency" })
        {
            if (cover.TryGetProperty(name, out var value))
            {
                yield return value;
            }
        }

        if (cover.TryGetProperty("totalDecision", out var total))
        {
            foreach (var name in new[] { "decisionAmtInPolicyCurrency", "decisionAmtInUserCurrency" })
            {
                if (total.TryGetProperty(name, out var value))
                {
                    yield return value;
                }
            }
        }
    }

    [Fact]
    public async Task By_default_answers_carry_string_and_empty_amounts_offsets_and_string_ratings()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var covers = await api.ListAsync(Covers);
        var amounts = covers.SelectMany(Amounts).ToList();
        Assert.Contains(amounts, a => a.ValueKind == JsonValueKind.Number);
        Assert.Contains(amounts, a => a.ValueKind == JsonValueKind.String && a.GetString()!.Length > 0);
        Assert.Contains(amounts, a => a.ValueKind == JsonValueKind.String && a.GetString()!.Length == 0);
        Assert.Contains(covers, c => Wire.Text(c, "applicationDate")!.EndsWith("+01:00", StringComparison.Ordinal));
        Assert.Contains(covers, c => Wire.Text(c, "applicationDate")!.EndsWith('Z'));
        Assert.Contains(covers, c => c.GetProperty("currentBuyerRating").ValueKind == JsonValueKind.String);

        // a referred cover has no decision amount: the block comes with empty strings
        var referred = Wire.Single(covers, SandboxFixtures.PendingApplicationCoverId);
        Assert.Equal("", referred.GetProperty("totalDecision").GetProperty("decisionAmtInPolicyCurrency").GetString());

        // the same cover looks the same on every read
        Assert.Equal((await api.GetAsync(Covers)).Body, (await api.GetAsync(Covers)).Body);
    }

    [Fact]
    public async Task Some_buyers_come_without_identifiers_except_in_the_search_that_found_them()
    {
        // The real service has sent uniqueIdentifiers empty: a client that reads the first identifier, or matches a
        // buyer by its VAT number from a cover, must meet that here rather than in acceptance.
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        static int Count(JsonElement holder) => holder.GetProperty("uniqueIdentifiers").GetArrayLength();
        var myBuyers = await api.ListAsync($"{Buyers}/my-buyers?policyId={SandboxFixtures.EuroPolicyId}");
        var covers = await api.ListAsync(Covers);

        Assert.Contains(myBuyers, b => Count(b) == 0);
        Assert.Contains(myBuyers, b => Count(b) > 0);
        Assert.Contains(covers, c => Count(c) == 0);
        var bare = myBuyers.First(b => Count(b) == 0).GetProperty("buyerId").GetInt64();
        Assert.Equal(0, Count(Assert.Single(await api.ListAsync($"{Buyers}/{bare}"))));
        var buyer = sandbox.World.Buyers.Single(b => b.BuyerId == bare);
        var (uidType, uid) = buyer.Identifiers[0];
        var found = Assert.Single(await api.ListAsync($"{Buyers}?country={buyer.CountryCode}&uid={Uri.EscapeDataString(uid)}&uidType={uidType}"));
        Assert.Equal(buyer.Identifiers.Count, Count(found));

        sandbox.Irregularities = false;
        Assert.All(await api.ListAsync($"{Buyers}/my-buyers?policyId={SandboxFixtures.EuroPolicyId}"), b => Assert.True(Count(b) > 0));
    }

    [Fact]
    public async Task Some_buyers_come_without_a_name_by_id_and_in_my_buyers_but_never_in_the_search_that_found_them_nor_on_their_covers()
    {
        // No example of the real buyer routes shows a name: a client that shows buyers by name must do without one here
        // rather than against the real service.
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        static bool Named(JsonElement holder) => holder.TryGetProperty("buyerName", out var name) && name.GetString()!.Length > 0;
        var myBuyers = await api.ListAsync($"{Buyers}/my-buyers?policyId={SandboxFixtures.EuroPolicyId}");

        Assert.Contains(myBuyers, b => !Named(b));
        Assert.Contains(myBuyers, Named);
        Assert.All(await api.ListAsync(Covers), c => Assert.True(Named(c)));
        var nameless = myBuyers.First(b => !Named(b)).GetProperty("buyerId").GetInt64();
        Assert.False(Named(Assert.Single(await api.ListAsync($"{Buyers}/{nameless}"))));
        var buyer = sandbox.World.Buyers.Single(b => b.BuyerId == nameless);
        var (uidType, uid) = buyer.Identifiers[0];
        Assert.True(Named(Assert.Single(await api.ListAsync($"{Buyers}?country={buyer.CountryCode}&uid={Uri.EscapeDataString(uid)}&uidType={uidType}"))));

        sandbox.Irregularities = false;
        Assert.All(await api.ListAsync($"{Buyers}/my-buyers?policyId={SandboxFixtures.EuroPolicyId}"), b => Assert.True(Named(b)));
    }

    [Fact]
    public async Task With_the_switch_off_amounts_are_numbers_times_are_utc_and_ratings_numbers()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { Irregularities = false }, Ct);
        using var api = await CreateAsync(sandbox);
        var covers = await api.ListAsync(Covers);
        Assert.All(covers.SelectMany(Amounts), a => Assert.Equal(JsonValueKind.Number, a.ValueKind));
        Assert.All(covers, c => Assert.EndsWith("Z", Wire.Text(c, "applicationDate"), StringComparison.Ordinal));
        Assert.All(covers, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("currentBuyerRating").ValueKind));
        Assert.False(Wire.Single(covers, SandboxFixtures.PendingApplicationCoverId).TryGetProperty("totalDecision", out _));

        sandbox.Irregularities = true;
        Assert.Contains((await api.ListAsync(Covers)).SelectMany(Amounts), a => a.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Dc02_repeats_its_conditions_in_the_total_and_the_first_decision()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = (await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, 60_000))).CoverId;
        sandbox.DecideReferredApplications();
        var cover = Wire.Single(await api.ListAsync($"{Covers}/decisions"), id);
        Assert.Equal("DC02", Wire.Text(cover, "decisionCode"));
        Assert.Equal("Approved with conditions or comments", Wire.Text(cover, "decisionTypeDescription"));
        var total = cover.GetProperty("totalDecision").GetProperty("decisionConditions");
        var first = cover.GetProperty("firstAmtDecision").GetProperty("decisionConditions");
        Assert.Equal(total.GetRawText(), first.GetRawText());
        Assert.Equal("Payment terms", total[0].GetProperty("conditionCategoryDescription").GetString());
    }

    [Fact]
    public async Task The_policy_details_can_be_made_to_need_a_policy_id()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { PolicyDetailsNeedPolicyId = true }, Ct);
        using var api = await CreateAsync(sandbox);

        var without = await api.GetAsync(Policy);
        var with = await api.GetAsync(Policy + "?policyId=" + sandbox.ReadWriteClient.PolicyId);

        Assert.Equal(HttpStatusCode.BadRequest, without.Status);
        Assert.Equal("policyId", without.Json.GetProperty("errors")[0].GetProperty("source").GetProperty("parameter").GetString());
        Assert.Equal(sandbox.ReadWriteClient.PolicyId, with.Json.GetProperty("data").GetProperty("policyId").GetString());
    }
}
