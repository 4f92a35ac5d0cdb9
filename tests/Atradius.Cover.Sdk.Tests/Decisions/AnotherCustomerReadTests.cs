using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Decisions;

/// <summary>
/// A broker's client reads the lists of several customers. The client's policy is its own customer's: sent beside
/// another customer's id it asks for a list that is not that customer's, so such a read names the customer alone.
/// </summary>
public sealed class AnotherCustomerReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string OtherCustomersCover(long coverId, string status = "DECISION") =>
        CoverJson(coverId, status: status).Replace("\"customerId\":1001", "\"customerId\":2002", StringComparison.Ordinal).Replace("\"policyId\":\"5012345\"", "\"policyId\":\"7000001\"", StringComparison.Ordinal);

    [Fact]
    public async Task A_list_for_another_customer_is_read_without_the_clients_policy()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(OtherCustomersCover(9501))));

        await api.Client.Decisions.ListAsync(new CoverQuery { CustomerId = 2002, BuyerId = 77 }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("?customerId=2002&buyerId=77", api.Requests.Single().Uri.Query);
    }

    [Fact]
    public async Task A_list_for_the_clients_own_customer_keeps_the_clients_policy()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Decisions.ListAsync(new CoverQuery { CustomerId = 1001 }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("?policyId=5012345&customerId=1001", api.Requests.Single().Uri.Query);
    }

    [Fact]
    public async Task An_operation_for_another_customer_without_a_policy_reads_that_customers_lists_by_customer()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(OtherCustomersCover(9502, status: "REFERRED"))));

        var operation = api.Client.Applications.GetOperation(9502, 77, customerId: 2002);
        await operation.UpdateStatusAsync(Ct);

        Assert.True(operation.Latest!.IsReferred);
        Assert.All(api.Requests, r => Assert.DoesNotContain("policyId", r.Uri.Query, StringComparison.Ordinal));
    }

    // The client's own customer has a cover with the same id on the same buyer: reading its lists reports that one.
    private static CoverApi BrokerApi()
    {
        var api = new CoverApi();
        foreach (var url in new[] { CoversUrl, ApplicationsUrl, HistoricUrl })
        {
            api.Mock.When(HttpMethod.Get, url).WithQueryString("customerId", "2002").Respond(_ => Answer(200, url == CoversUrl ? DataJson(OtherCustomersCover(9503)) : DataJson()));
        }

        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9503, amount: 90000, decided: 90000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(CoverJson(9400, amount: 10000, decided: 10000, historicCode: "SCLD"))));
        return api;
    }

    [Fact]
    public async Task A_cover_of_another_customer_is_read_from_that_customers_lists()
    {
        using var api = BrokerApi();

        var cover = (await api.Client.Decisions.GetAsync(77, 9503, customerId: 2002, cancellationToken: Ct)).Value;

        Assert.Equal(2002, cover.CustomerId);
        Assert.Equal("7000001", cover.PolicyId);
        Assert.All(api.Requests, r => Assert.Equal("?customerId=2002&buyerId=77", r.Uri.Query));
    }

    [Fact]
    public async Task The_history_of_another_customers_cover_is_read_from_that_customers_lists()
    {
        using var api = BrokerApi();

        var history = (await api.Client.Decisions.GetHistoryAsync(77, 9503, customerId: 2002, policyId: "7000001", cancellationToken: Ct)).Value;

        var only = Assert.Single(history);
        Assert.Equal(2002, only.CustomerId);
        Assert.All(api.Requests, r => Assert.Equal("?policyId=7000001&customerId=2002&buyerId=77", r.Uri.Query));
    }

    [Fact]
    public async Task A_malformed_customer_or_policy_of_a_read_is_refused_by_name_before_any_request()
    {
        using var api = BrokerApi();

        Assert.Equal("customerId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Decisions.GetAsync(77, 9503, customerId: 0, cancellationToken: Ct))).ParamName);
        Assert.Equal("policyId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Decisions.GetAsync(77, 9503, policyId: " ", cancellationToken: Ct))).ParamName);
        Assert.Equal("customerId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Decisions.GetHistoryAsync(77, customerId: -1, cancellationToken: Ct))).ParamName);
        Assert.Equal("policyId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Decisions.GetHistoryAsync(77, policyId: new string('7', 21), cancellationToken: Ct))).ParamName);
        Assert.Empty(api.Requests);
    }
}
