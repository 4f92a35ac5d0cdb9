using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Policies;

/// <summary>The policy details are the policy asked for, or an error; never a policy the answer did not name.</summary>
public sealed class PolicyDetailsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"data":{"policyStatus":"live","policyCurrency":"EUR"}}""", "5012345")]
    [InlineData("""{"data":{"policyId":"  ","policyStatus":"live"}}""", "5012345")]
    [InlineData("""{"data":{"policyId":null,"policyStatus":"live"}}""", null)]
    public async Task Policy_details_without_their_policyId_are_an_unreadable_answer_not_an_empty_id(string body, string? configured)
    {
        using var api = new CoverApi();
        api.Options.PolicyId = configured;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, body));

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Policies.GetAsync(cancellationToken: Ct));

        Assert.Equal(200, ex.Status);
        Assert.Contains("The policy details in the answer have no policyId.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_details_answered_with_an_object_without_data_are_an_unreadable_answer_not_no_policy()
    {
        // Before, the answer was read as holding no policy: a CoverNotFoundException saying the service answered none.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"message":"Service temporarily unavailable"}"""));

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Policies.GetAsync(cancellationToken: Ct));

        Assert.Contains("without a data member; it holds \"message\":\"Service temporarily unavailable\".", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Policy_details_naming_another_policy_than_the_one_asked_for_are_an_error_not_that_policy(bool configured)
    {
        // Before, the first policy of the answer was returned as the one asked for, whatever its id.
        using var api = new CoverApi();
        api.Options.PolicyId = configured ? "5012345" : null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":{"policyId":"4999999","policyStatus":"expired","policyCurrency":"EUR"}}"""));

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Policies.GetAsync(configured ? null : " 5012345 ", cancellationToken: Ct));

        Assert.Equal(200, ex.Status);
        Assert.Contains("answered policy 4999999 to a read of policy 5012345", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PolicyUrl + "?policyId=5012345", Assert.Single(api.Requests).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("5012345", "05012345")]
    [InlineData("ab12345", "AB12345")]
    public async Task Policy_details_writing_the_id_asked_for_in_another_case_or_with_leading_zeros_are_that_policy(string asked, string answered)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, "{\"data\":{\"policyId\":\"" + answered + "\",\"policyStatus\":\"live\",\"policyCurrency\":\"EUR\"}}"));

        Policy policy = await api.Client.Policies.GetAsync(asked, cancellationToken: Ct);

        Assert.Equal(answered, policy.PolicyId);
        Assert.True(policy.IsLive);
    }

    [Fact]
    public async Task Of_several_policies_answered_none_written_only_alike_the_id_asked_for_is_taken_for_it()
    {
        // With leading zeros meaningful, 05012345 may be another policy than 5012345: only the one policy of an answer is
        // read as the one asked for when its id differs in writing.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":[{"policyId":"05012345","policyStatus":"live"},{"policyId":"4999999","policyStatus":"expired"}]}"""));

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Policies.GetAsync("5012345", cancellationToken: Ct));

        Assert.Contains("to a read of policy 5012345", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_details_answered_as_a_list_give_the_policy_asked_for_not_the_first()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":[{"policyId":"4999999","policyStatus":"expired"},{"policyId":" 5012345 ","policyStatus":"live"}]}"""));

        Policy policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);

        Assert.Equal("5012345", policy.PolicyId);
        Assert.True(policy.IsLive);
    }

    [Fact]
    public async Task Without_a_policy_id_the_details_give_the_live_policy_applications_go_under()
    {
        // Before, the first policy of the answer was returned (here the expired one), while applications went under the live one.
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":[{"policyId":"4999999","policyStatus":"expired"},{"policyId":"5012345","policyStatus":"live"}]}"""));
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9103)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9103))));

        Policy policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);
        await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct);

        Assert.Equal("5012345", policy.PolicyId);
        Assert.True(policy.IsLive);
        Assert.Contains("\"policyId\":\"5012345\"", api.Requests.Single(r => r.Method == HttpMethod.Post).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[{"policyId":"4999999","policyStatus":"expired"},{"policyId":"4999998","policyStatus":"cancelled"}]}""", "show no live policy")]
    [InlineData("""{"data":[{"policyId":"5012345","policyStatus":"live"},{"policyId":"5012346","policyStatus":"live"}]}""", "several live policies (5012345, 5012346)")]
    public async Task Without_a_policy_id_several_policies_none_or_several_of_them_live_are_the_error_an_application_meets(string body, string says)
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, body));

        var read = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Client.Policies.GetAsync(cancellationToken: Ct));
        var applied = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: Ct));

        Assert.Contains(says, read.Message, StringComparison.Ordinal);
        Assert.Equal(applied.Message, read.Message);
    }

    [Fact]
    public async Task Without_a_policy_id_the_one_policy_answered_is_returned_whether_or_not_it_is_live()
    {
        using var api = new CoverApi();
        api.Options.PolicyId = null;
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":{"policyId":"4999999","policyStatus":"expired"}}"""));

        Policy policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);

        Assert.Equal("4999999", policy.PolicyId);
        Assert.False(policy.IsLive);
    }
}
