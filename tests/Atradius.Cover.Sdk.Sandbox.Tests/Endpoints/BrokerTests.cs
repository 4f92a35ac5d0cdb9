using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Security;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

/// <summary>A broker's client: one registration acting for its own customer and for the others it names.</summary>
public sealed class BrokerTests
{
    private static long Id(JsonElement cover) => cover.GetProperty("coverId").GetInt64();

    [Fact]
    public async Task The_broker_client_acts_for_its_own_customer_first_and_the_sterling_customer_and_hides_its_secret()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var broker = sandbox.BrokerClient;
        Assert.Equal(SandboxFixtures.BrokerClientId, broker.ClientId);
        Assert.Equal(SandboxFixtures.EuroCustomerId, broker.CustomerId);
        Assert.Equal(SandboxFixtures.EuroPolicyId, broker.PolicyId);
        Assert.Equal([SandboxFixtures.EuroCustomerId, SandboxFixtures.SterlingCustomerId], broker.CustomerIds);
        Assert.True(broker.MayActFor(SandboxFixtures.SterlingCustomerId));
        Assert.False(broker.MayActFor(SandboxFixtures.DollarCustomerId));
        Assert.DoesNotContain(broker.ClientSecret, broker.ToString(), StringComparison.Ordinal);
        Assert.Contains("200418", broker.ToString(), StringComparison.Ordinal);

        // the clients of one customer act for that customer alone
        Assert.Equal([SandboxFixtures.EuroCustomerId], sandbox.ReadWriteClient.CustomerIds);
        Assert.Equal([SandboxFixtures.SterlingCustomerId], sandbox.OtherCustomerClient.CustomerIds);
        Assert.Empty(sandbox.ReadOnlyClient.OtherCustomerIds);
    }

    [Fact]
    public void Two_clients_acting_for_the_same_customers_are_equal_whatever_list_holds_them()
    {
        var one = new SandboxClient("broker", "secret", "key", SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId) { OtherCustomerIds = [SandboxFixtures.SterlingCustomerId] };
        var same = new SandboxClient("broker", "secret", "key", SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId) { OtherCustomerIds = new List<long> { SandboxFixtures.SterlingCustomerId } };
        var other = one with { OtherCustomerIds = [SandboxFixtures.DollarCustomerId] };

        Assert.Equal(one, same);
        Assert.Equal(one.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(one, other);
    }

    [Fact]
    public async Task A_broker_reads_another_customers_covers_under_all_its_policies_when_it_names_the_customer()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var broker = await CreateAsync(sandbox, sandbox.BrokerClient);

        var theirs = await broker.ListAsync($"{Covers}?customerId={SandboxFixtures.SterlingCustomerId}");
        Assert.Equal([SandboxFixtures.OtherCustomerIndicationCoverId, SandboxFixtures.OtherCustomerCreditLimitCoverId], theirs.Select(Id).Order());
        Assert.All(theirs, c => Assert.Equal(SandboxFixtures.SterlingPolicyId, c.GetProperty("policyId").GetString()));
        Assert.Contains(await broker.ListAsync($"{Covers}/decisions?customerId={SandboxFixtures.SterlingCustomerId}&buyerId={SandboxFixtures.WellRatedDutchBuyerId}"), c => Id(c) == SandboxFixtures.OtherCustomerCreditLimitCoverId);
        Assert.Equal(2, (await broker.ListAsync($"{Covers}?customerId={SandboxFixtures.SterlingCustomerId}&policyId={SandboxFixtures.SterlingPolicyId}")).Count);

        // the customer's buyers, not the broker's own customer's
        var buyers = (await broker.ListAsync($"{Buyers}/my-buyers?customerId={SandboxFixtures.SterlingCustomerId}")).Select(b => b.GetProperty("buyerId").GetInt64()).ToList();
        Assert.Equal([SandboxFixtures.WellRatedDutchBuyerId, SandboxFixtures.IndicationBuyerId], buyers);

        // naming no customer reads the broker's own; a policy alone does not switch customer
        var own = await broker.ListAsync(Covers);
        Assert.All(own, c => Assert.Equal(SandboxFixtures.EuroCustomerId, c.GetProperty("customerId").GetInt64()));
        Assert.Contains(own, c => Id(c) == SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Empty(await broker.ListAsync($"{Covers}?policyId={SandboxFixtures.SterlingPolicyId}"));

        // one customer's policy with the other's customer id matches nothing
        Assert.Empty(await broker.ListAsync($"{Covers}?customerId={SandboxFixtures.SterlingCustomerId}&policyId={SandboxFixtures.EuroPolicyId}"));

        // policy details take no customerId, so they stay the broker's own customer's
        Assert.Equal(HttpStatusCode.NotFound, (await broker.GetAsync($"{Policy}?policyId={SandboxFixtures.SterlingPolicyId}")).Status);
        Assert.Equal("EUR", (await broker.GetAsync(Policy)).Json.GetProperty("data").GetProperty("policyCurrency").GetString());
    }

    [Fact]
    public async Task A_broker_writes_for_another_customer_under_that_customers_policy()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var broker = await CreateAsync(sandbox, sandbox.BrokerClient);
        using var customer = await CreateAsync(sandbox, sandbox.OtherCustomerClient);

        var submitted = await broker.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 40_000, currency: "GBP", policyId: SandboxFixtures.SterlingPolicyId, customerId: SandboxFixtures.SterlingCustomerId));
        Assert.Equal(HttpStatusCode.Created, submitted.Status);
        var cover = Wire.Single(await broker.ListAsync($"{Covers}?customerId={SandboxFixtures.SterlingCustomerId}&buyerId={SandboxFixtures.VeryGoodBritishBuyerId}"), submitted.CoverId);
        Assert.Equal(SandboxFixtures.SterlingCustomerId, cover.GetProperty("customerId").GetInt64());
        Assert.Equal("GBP", cover.GetProperty("policyCurrencyCode").GetString());

        // it is the customer's cover: the customer's own client sees it, the broker's own customer does not
        Assert.Contains(await customer.ListAsync(Covers), c => Id(c) == submitted.CoverId);
        Assert.DoesNotContain(await broker.ListAsync(Covers), c => Id(c) == submitted.CoverId);

        var reduced = await broker.PutAsync(Covers, Change("reduce", SandboxFixtures.WellRatedDutchBuyerId, 30_000, customerId: SandboxFixtures.SterlingCustomerId, policyId: SandboxFixtures.SterlingPolicyId));
        Assert.Equal(HttpStatusCode.Created, reduced.Status);
        Assert.Equal(30_000m, Wire.DecisionAmount(Wire.Single(await customer.ListAsync(Covers), reduced.CoverId)));

        Assert.Equal(HttpStatusCode.OK, (await broker.PatchAsync($"{Covers}/{SandboxFixtures.OtherCustomerIndicationCoverId}/cover-type", null)).Status);

        // a write names a policy of the customer it is for: the broker's own policy is not one
        var ownPolicy = await broker.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 10_000, currency: "EUR", policyId: SandboxFixtures.EuroPolicyId, customerId: SandboxFixtures.SterlingCustomerId));
        Assert.Equal(HttpStatusCode.BadRequest, ownPolicy.Status);
        Assert.Equal("No policy found for this customer.", ownPolicy.Detail);
        Assert.Equal("policyId", ownPolicy.Parameter);
    }

    [Fact]
    public async Task A_broker_is_refused_a_customer_it_may_not_act_for_as_a_client_of_one_customer_is()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var broker = await CreateAsync(sandbox, sandbox.BrokerClient);

        var foreign = await broker.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 10_000, currency: "USD", policyId: SandboxFixtures.DollarPolicyId, customerId: SandboxFixtures.DollarCustomerId));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal("customerId", foreign.Parameter);
        var change = await broker.PutAsync(Covers, Change("cancel", SandboxFixtures.FairSpanishBuyerId, customerId: SandboxFixtures.DollarCustomerId, policyId: SandboxFixtures.DollarPolicyId));
        Assert.Equal(HttpStatusCode.Forbidden, change.Status);
        Assert.Empty(await broker.ListAsync($"{Covers}?customerId={SandboxFixtures.DollarCustomerId}"));
        Assert.Empty(await broker.ListAsync($"{Covers}/historic?customerId={SandboxFixtures.DollarCustomerId}"));
        Assert.Empty(await broker.ListAsync($"{Buyers}/my-buyers?customerId={SandboxFixtures.DollarCustomerId}"));
    }

    [Fact]
    public async Task A_client_of_one_customer_still_sees_and_changes_nothing_of_the_customers_a_broker_acts_for()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var mine = await CreateAsync(sandbox);

        Assert.Empty(await mine.ListAsync($"{Covers}?customerId={SandboxFixtures.SterlingCustomerId}"));
        Assert.Empty(await mine.ListAsync($"{Covers}/applications?customerId={SandboxFixtures.SterlingCustomerId}"));
        Assert.Empty(await mine.ListAsync($"{Buyers}/my-buyers?customerId={SandboxFixtures.SterlingCustomerId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await mine.PatchAsync($"{Covers}/{SandboxFixtures.OtherCustomerIndicationCoverId}/cover-type", null)).Status);
        var foreign = await mine.PutAsync(Covers, Change("reduce", SandboxFixtures.WellRatedDutchBuyerId, 30_000, customerId: SandboxFixtures.SterlingCustomerId, policyId: SandboxFixtures.SterlingPolicyId));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal("customerId", foreign.Parameter);
    }
}
