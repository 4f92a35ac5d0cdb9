using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Policies;

/// <summary>
/// A client without a configured policy finds the live one, whether the service answers the policy details without a
/// policy id or requires one there.
/// </summary>
public sealed class LivePolicyTests
{
    private const string NeedsPolicyId = """{"errors":[{"detail":"policyId is required.","source":{"parameter":"policyId"}}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_the_details_need_a_policy_id_the_live_policy_the_covers_name_is_used()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithExactQueryString(string.Empty).Respond(_ => Answer(400, NeedsPolicyId));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "7000000").Respond(_ => Answer(200, """{"data":{"policyId":"7000000","policyStatus":"expired","policyCurrency":"EUR"}}"""));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "7000001").Respond(_ => Answer(200, """{"data":{"policyId":"7000001","policyStatus":"live","policyCurrency":"EUR"}}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("customerId", "1001").Respond(_ => Answer(200, DataJson(
            OfPolicy(CoverJson(9001, buyerId: 11), "7000000"),
            OfPolicy(CoverJson(9002, buyerId: 12), "7000001"),
            OfPolicy(CoverJson(9003, buyerId: 13), "7000001"))));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);
        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 78, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        Assert.All(api.Requests.Where(r => r.Method == HttpMethod.Post), r => Assert.Contains("\"policyId\":\"7000001\"", r.Body, StringComparison.Ordinal));
        Assert.Equal(3, api.Count(HttpMethod.Get, PolicyUrl));
        Assert.Single(api.Requests, r => r.Uri.AbsoluteUri == CoversUrl + "?customerId=1001");
    }

    [Fact]
    public async Task When_the_details_need_a_policy_id_and_no_cover_names_one_nothing_is_sent_and_the_message_says_to_set_it()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(400, NeedsPolicyId));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct));

        Assert.Contains("need a policy id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("set PolicyId", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task When_the_covers_name_several_live_policies_the_message_names_them_and_nothing_is_sent()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithExactQueryString(string.Empty).Respond(_ => Answer(422, NeedsPolicyId));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "7000001").Respond(_ => Answer(200, """{"data":{"policyId":"7000001","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "7000002").Respond(_ => Answer(200, """{"data":{"policyId":"7000002","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(OfPolicy(CoverJson(9001, buyerId: 11), "7000001"), OfPolicy(CoverJson(9002, buyerId: 12), "7000002"))));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct));

        Assert.Contains("several are live (7000001, 7000002)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task A_policy_a_cover_names_that_the_details_no_longer_know_is_passed_over()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithExactQueryString(string.Empty).Respond(_ => Answer(400, NeedsPolicyId));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "6999999").Respond(_ => Answer(404, ErrorJson("No policy found.", "policyId")));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "7000001").Respond(_ => Answer(200, """{"data":{"policyId":"7000001","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("customerId", "1001").Respond(_ => Answer(200, DataJson(OfPolicy(CoverJson(9001, buyerId: 11), "6999999"), OfPolicy(CoverJson(9002, buyerId: 12), "7000001"))));

        Policy policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);

        Assert.Equal("7000001", policy.PolicyId);
        Assert.True(policy.IsLive);
    }

    [Fact]
    public async Task A_policy_details_read_without_a_policy_id_asks_for_the_configured_policy()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "5012345").Respond(_ => Answer(200, """{"data":{"policyId":"5012345","policyStatus":"live"}}"""));

        Policy policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);

        Assert.Equal("5012345", policy.PolicyId);
        Assert.Equal(PolicyUrl + "?policyId=5012345", Assert.Single(api.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_policy_details_refusal_for_another_reason_is_not_taken_for_a_missing_policy_id()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(404, ErrorJson("No policy found.")));

        await Assert.ThrowsAsync<CoverNotFoundException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct));

        Assert.Equal(0, api.Count(HttpMethod.Get, CoversUrl));
        Assert.Equal(0, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task The_live_policy_is_found_again_after_an_hour_so_a_long_running_client_follows_a_renewal()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        var renewed = false;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, renewed
            ? """{"data":{"policyId":"7000002","policyStatus":"live"}}"""
            : """{"data":{"policyId":"7000001","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);
        renewed = true;
        api.Time.Advance(TimeSpan.FromMinutes(59));
        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);
        api.Time.Advance(TimeSpan.FromMinutes(2));
        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        var posted = api.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Body!).ToList();
        Assert.Contains("\"policyId\":\"7000001\"", posted[0], StringComparison.Ordinal);
        Assert.Contains("\"policyId\":\"7000001\"", posted[1], StringComparison.Ordinal);
        Assert.Contains("\"policyId\":\"7000002\"", posted[2], StringComparison.Ordinal);
        Assert.Equal(2, api.Count(HttpMethod.Get, PolicyUrl));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public async Task A_policy_a_cover_names_whose_details_are_refused_is_passed_over_for_the_live_one(int status)
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithExactQueryString(string.Empty).Respond(_ => Answer(400, NeedsPolicyId));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "6999999").Respond(_ => Answer(status, ErrorJson("Invalid policyId.", "policyId")));
        api.Mock.When(HttpMethod.Get, PolicyUrl).WithQueryString("policyId", "7000001").Respond(_ => Answer(200, """{"data":{"policyId":"7000001","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).WithQueryString("customerId", "1001").Respond(_ => Answer(200, DataJson(OfPolicy(CoverJson(9001, buyerId: 11), "6999999"), OfPolicy(CoverJson(9002, buyerId: 12), "7000001"))));

        Policy policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);

        Assert.Equal("7000001", policy.PolicyId);
    }

    private static string OfPolicy(string cover, string policyId) => cover.Replace("\"policyId\":\"5012345\"", "\"policyId\":\"" + policyId + "\"", StringComparison.Ordinal);
}
