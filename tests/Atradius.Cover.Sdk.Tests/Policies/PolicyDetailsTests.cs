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
}
