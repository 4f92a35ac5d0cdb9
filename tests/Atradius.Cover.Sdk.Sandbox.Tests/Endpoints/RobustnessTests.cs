namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

public sealed class RobustnessTests
{
    private static readonly string[] Values = ["null", "true", "-1", "0", "1e40", "1.5", "\"\"", "\"x\"", "[]", "{}", "9223372036854775808", "\"2026-02-30\"", "\"\\u0000\""];

    [Fact]
    public async Task Mangled_bodies_and_parameters_never_answer_500_nor_change_state()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var before = sandbox.GetCovers();
        var random = new Random(1234);
        string[] fields = ["customerId", "policyId", "buyerId", "coverType", "creditLimitAmount", "currencyCode", "effectFromDate", "customerRefNumber", "action"];
        for (var i = 0; i < 150; i++)
        {
            var field = fields[random.Next(fields.Length)];
            var value = Values[random.Next(Values.Length)];
            var post = $$"""{"customerId":200417,"policyId":"5012345","buyerId":{{SandboxFixtures.WeakSwedishBuyerId}},"coverType":"credit-limit","currencyCode":"EUR","{{field}}":{{value}}}""";
            var answer = await api.PostAsync(Covers, random.Next(4) == 0 ? post[..random.Next(post.Length)] : post);
            Assert.True((int)answer.Status < 500, $"{answer.Status} for {post}: {answer.Body}");

            var put = $$"""{"action":"reduce","{{field}}":{{value}}}""";
            answer = await api.PutAsync($"{Covers}/{SandboxFixtures.ExistingCreditLimitCoverId}", put, ("If-Match", "\"stale\""));
            Assert.True((int)answer.Status < 500, $"{answer.Status} for {put}: {answer.Body}");

            var query = $"{Covers}/decisions?{(random.Next(2) == 0 ? "pageSize" : "updatedSince")}={Uri.EscapeDataString(value)}&cursor={Uri.EscapeDataString(value)}";
            answer = await api.GetAsync(query);
            Assert.True((int)answer.Status < 500, $"{answer.Status} for {query}: {answer.Body}");
        }

        // Only the refused (DC03) applications on the weak buyer may have been created; no existing cover changed.
        var after = sandbox.GetCovers();
        Assert.All(before, c => Assert.Equal(c, after.Single(a => a.CoverId == c.CoverId)));
        Assert.All(after.Where(a => before.All(b => b.CoverId != a.CoverId)), a => Assert.Equal(SandboxFixtures.WeakSwedishBuyerId, a.BuyerId));
    }
}
