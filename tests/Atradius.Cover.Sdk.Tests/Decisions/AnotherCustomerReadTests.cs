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
}
