namespace Atradius.Cover.Sdk.Sandbox.Tests.Underwriting;

public sealed class UnderwritingTests
{
    [Fact]
    public async Task Small_application_on_a_well_rated_buyer_is_decided_at_once()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var answer = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 100000));
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("DC01", answer.Json.GetProperty("decisionCode").GetString());
        Assert.Equal(100000m, answer.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        Assert.Equal($"/{Covers}/{answer.CoverId}", answer.Header("Location"));
        Assert.Equal($"\"{answer.CoverId}-1\"", answer.Header("ETag"));
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);
    }

    [Theory]
    [InlineData(SandboxFixtures.WellRatedDutchBuyerId, 150000, "DC01", 150000)]
    [InlineData(SandboxFixtures.SatisfactoryGermanBuyerId, 50000, "DC02", 50000)]
    [InlineData(SandboxFixtures.FairSpanishBuyerId, 50000, "DC04", 25000)]
    [InlineData(SandboxFixtures.WeakSwedishBuyerId, 50000, "DC03", 0)]
    public async Task Referred_application_is_decided_after_the_delay(long buyerId, int amount, string code, int decided)
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromSeconds(30) }, Ct);
        using var api = await CreateAsync(sandbox);
        var referred = await api.PostAsync(Covers, Application(buyerId, amount));
        Assert.Equal(HttpStatusCode.Accepted, referred.Status);
        Assert.Equal("30", referred.Header("Retry-After"));
        Assert.Equal("REFERRED", referred.Json.GetProperty("coverStatus").GetString());

        var waiting = await api.GetAsync($"{Covers}/{referred.CoverId}");
        Assert.Equal("REFERRED", waiting.Json.GetProperty("coverStatus").GetString());
        Assert.NotNull(waiting.Header("Retry-After"));

        sandbox.AdvanceTime(TimeSpan.FromSeconds(31));
        var after = await api.GetAsync($"{Covers}/{referred.CoverId}");
        Assert.Equal("DECISION", after.Json.GetProperty("coverStatus").GetString());
        Assert.Equal(code, after.Json.GetProperty("decisionCode").GetString());
        Assert.Equal(decided, after.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        Assert.Null(after.Header("Retry-After"));
        Assert.Equal(2, after.Json.GetProperty("version").GetInt32());
        if (code == "DC04")
        {
            var first = after.Json.GetProperty("firstAmtDecision").GetProperty("decisionAmount").GetDecimal();
            var second = after.Json.GetProperty("secondAmtDecision").GetProperty("decisionAmount").GetDecimal();
            Assert.Equal(decided, first + second);
        }

        if (code == "DC02")
        {
            Assert.NotEmpty(after.Json.GetProperty("totalDecision").GetProperty("decisionConditions").EnumerateArray());
        }
    }

    [Fact]
    public async Task Referred_application_is_decided_by_real_time_too()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromMilliseconds(200) }, Ct);
        using var api = await CreateAsync(sandbox);
        var referred = await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, 20000));
        Assert.Equal("1", referred.Header("Retry-After"));
        await Task.Delay(300, Ct);
        Assert.Equal("DC02", (await api.GetAsync($"{Covers}/{referred.CoverId}")).Json.GetProperty("decisionCode").GetString());
    }

    [Fact]
    public async Task Credit_check_is_instant_at_the_policy_amount()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var yes = await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, null, "credit-check", "GBP", SandboxFixtures.SterlingPolicyId, SandboxFixtures.SterlingCustomerId));
        Assert.Equal(HttpStatusCode.Created, yes.Status);
        Assert.Equal(15000m, yes.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        Assert.Equal(JsonValueKindNull, yes.Json.GetProperty("creditLimitApplicationAmount").ValueKind);
        var no = await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, null, "credit-check"));
        Assert.Equal(HttpStatusCode.Created, no.Status);
        Assert.Equal("DC03", no.Json.GetProperty("decisionCode").GetString());
        Assert.Equal(0m, no.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Second_application_for_a_buyer_with_live_cover_is_409_naming_the_cover()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var answer = await api.PostAsync(Covers, Application(SandboxFixtures.ExistingCoverBuyerId, 10000));
        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        var error = answer.FirstError;
        Assert.Equal("COVER_EXISTS", error.GetProperty("code").GetString());
        Assert.Equal(SandboxFixtures.ExistingCreditLimitCoverId, error.GetProperty("meta").GetProperty("existingCoverId").GetInt64());
        Assert.Equal("/buyerId", error.GetProperty("source").GetProperty("pointer").GetString());
        Assert.Contains("modify that cover", error.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // a referred application blocks too; a cancelled cover does not
        var referred = await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 500000));
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 5000))).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Covers, Application(SandboxFixtures.CancelledCoverBuyerId, 5000))).Status);

        // the same buyer under another policy is fine
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Covers, Application(SandboxFixtures.ExistingCoverBuyerId, null, "credit-check", "USD", SandboxFixtures.DollarPolicyId, SandboxFixtures.DollarCustomerId))).Status);
        Assert.Equal(HttpStatusCode.Accepted, referred.Status);
    }

    [Fact]
    public async Task Indication_converts_to_a_credit_limit()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.ConvertibleIndicationCoverId;
        var before = await api.GetAsync($"{Covers}/{id}");
        Assert.Equal("indication", before.Json.GetProperty("coverType").GetString());
        var converted = await api.PutAsync($"{Covers}/{id}/cover-type", """{"coverType":"credit-limit"}""", ("If-Match", before.Header("ETag")!));
        Assert.Equal(HttpStatusCode.OK, converted.Status);
        Assert.Equal("credit-limit", converted.Json.GetProperty("coverType").GetString());
        Assert.Equal(before.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal(), converted.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsync($"{Covers}/{id}/cover-type", """{"coverType":"credit-limit"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsync($"{Covers}/{id}/cover-type", """{"coverType":"indication"}""")).Status);
    }
}
