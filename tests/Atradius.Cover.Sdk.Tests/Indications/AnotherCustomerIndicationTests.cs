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

    [Fact]
    public async Task A_converted_indication_whose_answer_broke_off_is_read_back_from_its_customers_credit_limits()
    {
        // The client's own customer has a credit limit with the same id: reading its list would report that one.
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9600/cover-type").Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new CutContent("{\"data\":{\"cov") });
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("customerId", "2002")
            .Respond(_ => Answer(200, DataJson(CoverJson(9600, amount: 20000, decided: 20000).Replace("\"customerId\":1001", "\"customerId\":2002", StringComparison.Ordinal))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9600, amount: 90000, decided: 90000))));

        var converted = (await api.Client.Indications.ConvertToCreditLimitAsync(9600, customerId: 2002, cancellationToken: Ct)).Value;

        Assert.Equal(2002, converted.CustomerId);
        Assert.Equal("?customerId=2002&coverType=credit-limit", api.Requests.Single(r => r.Method == HttpMethod.Get).Uri.Query);
    }

    [Fact]
    public async Task A_conversion_for_a_malformed_customer_is_refused_by_name_before_any_request()
    {
        using var api = new CoverApi();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9600, customerId: 0, cancellationToken: Ct));

        Assert.Equal("customerId", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task An_unanswered_conversion_for_another_customer_names_that_customer_to_look_in()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9601/cover-type").Respond(_ => Answer(504, """{"faultstring":"Gateway Timeout"}"""));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9601, customerId: 2002, policyId: "7000001", cancellationToken: Ct));

        Assert.Equal(2002, unknown.CustomerId);
        Assert.Equal("7000001", unknown.PolicyId);
        Assert.Equal(9601, unknown.CoverId);
        Assert.Contains("covers of customer 2002, policy 7000001 before", unknown.Message, StringComparison.Ordinal);
    }
}
