using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Decisions;

/// <summary>
/// A broker's client changes covers of several customers. Buyer ids are shared between customers, so the client's own
/// customer may have a cover on the same buyer: reading its lists instead of the key's customer's misreports the change.
/// </summary>
public sealed class AnotherCustomerChangeTests
{
    private static readonly CoverKey OtherCustomersKey = new(77, CoverType.CreditLimit, policyId: "7000001", customerId: 2002);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string OtherCustomersCover(long coverId, decimal amount, string? pending = null) =>
        CoverJson(coverId, amount: amount, decided: amount, pending: pending).Replace("\"customerId\":1001", "\"customerId\":2002", StringComparison.Ordinal);

    // The client's own customer has a cover on the same buyer that already shows what the change asks for.
    private static CoverApi BrokerApi(string otherCustomersCovers)
    {
        var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("customerId", "2002").Respond(_ => Answer(200, otherCustomersCovers));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(5555, amount: 80000, decided: 80000, reference: "NEW-REF"))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        return api;
    }

    [Fact]
    public async Task A_change_whose_answer_was_lost_is_judged_by_the_keys_customers_covers()
    {
        using var api = BrokerApi(DataJson(OtherCustomersCover(9301, 50000)));
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Decisions.IncreaseAsync(OtherCustomersKey, 80000, cancellationToken: Ct));

        // The caller's own look before sending again must read the same customer's lists.
        Assert.Equal(2002, unknown.CustomerId);
        Assert.Equal("7000001", unknown.PolicyId);
        Assert.Contains("customer 2002, policy 7000001", unknown.Message, StringComparison.Ordinal);

        Assert.All(api.Requests.Where(r => r.Method == HttpMethod.Get), r => Assert.Contains("customerId=2002", r.Uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_reads_back_the_keys_customers_cover()
    {
        using var api = BrokerApi(DataJson(OtherCustomersCover(9302, 80000)));
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9302)));

        var result = await api.Client.Decisions.IncreaseAsync(OtherCustomersKey, 80000, cancellationToken: Ct);

        Assert.Equal(9302, result.Cover!.CoverId);
    }

    [Fact]
    public async Task A_new_reference_keeps_the_amount_of_the_keys_customers_cover()
    {
        using var api = BrokerApi(DataJson(OtherCustomersCover(9303, 30000)));
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9303)));

        await api.Client.Decisions.UpdateCustomerReferenceAsync(OtherCustomersKey, "NEW-REF", cancellationToken: Ct);

        using var body = System.Text.Json.JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Put).Body!);
        Assert.Equal(30000m, body.RootElement.GetProperty("creditLimitAmount").GetDecimal());
        Assert.Equal(2002, body.RootElement.GetProperty("customerId").GetInt64());
    }

    [Fact]
    public async Task A_change_for_another_customer_that_names_no_policy_is_refused_by_name_before_any_request()
    {
        // The client's policy is its own customer's: the change would pair customer 2002 with policy 5012345.
        using var api = BrokerApi(DataJson(OtherCustomersCover(9304, 50000)));
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9304)));
        var withoutPolicy = new CoverKey(77, CoverType.CreditLimit, customerId: 2002);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Decisions.ReduceAsync(withoutPolicy, 30000, cancellationToken: Ct));

        Assert.Equal("key.PolicyId", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_change_for_another_customer_is_not_made_under_the_clients_live_policy()
    {
        // Without a configured policy the client reads its live policy from the policy details, which are its own customer's.
        using var api = BrokerApi(DataJson(OtherCustomersCover(9305, 50000)));
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":{"policyId":"5012345","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9305)));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Decisions.CancelAsync(new CoverKey(77, CoverType.CreditLimit, customerId: 2002), cancellationToken: Ct));

        Assert.Equal("key.PolicyId", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_change_for_the_clients_own_customer_needs_no_policy()
    {
        using var api = BrokerApi(DataJson(OtherCustomersCover(9306, 50000)));
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(5555)));

        var result = await api.Client.Decisions.IncreaseAsync(new CoverKey(77, CoverType.CreditLimit, customerId: 1001), 80000, cancellationToken: Ct);

        Assert.Equal(5555, result.CoverId);
        using var body = System.Text.Json.JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Put).Body!);
        Assert.Equal("5012345", body.RootElement.GetProperty("policyId").GetString());
    }
}
