using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Indications;

/// <summary>A broker's client reads and converts the indications of several customers.</summary>
public sealed class AnotherCustomerIndicationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_indications_of_another_customer_are_read_from_that_customers_list()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Indications.ListAsync(new CoverQuery { CustomerId = 2002, PolicyId = "7000001" }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("?policyId=7000001&customerId=2002&coverType=indication", api.Requests.Single().Uri.Query);
    }
}
