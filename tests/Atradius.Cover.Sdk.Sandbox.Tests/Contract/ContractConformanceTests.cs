namespace Atradius.Cover.Sdk.Sandbox.Tests.Contract;

/// <summary>Walks the whole journey and validates every answer body against the contract's schema for that answer.</summary>
public sealed class ContractConformanceTests
{
    private const string CoversT = Covers;
    private const string ConvertT = Covers + "/{coverId}/cover-type";
    private const string BuyerT = Buyers + "/{buyerId}";

    private readonly List<string> _failures = [];
    private int _checked;

    private async Task<Answer> Check(string template, string method, Answer answer)
    {
        var errors = await ContractSchemas.ValidateAsync(template, method, (int)answer.Status, answer.Body);
        _checked++;
        if (errors.Count > 0)
        {
            _failures.Add($"{method} {template} {(int)answer.Status}: {string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}"))}\n{answer.Body}");
        }

        Assert.NotNull(answer.Header("Atradius-Correlation-Id"));
        return answer;
    }

    [Fact]
    public async Task A_deliberately_wrong_body_fails_validation()
    {
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoversT, "GET", 200, """{"data":[{"coverId":"not-a-number"}]}"""));
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoversT, "GET", 200, """{"data":[{"coverId":1,"totalDecision":{"decisionAmtInPolicyCurrency":"lots"}}]}"""));
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoversT, "POST", 201, """{"data":{"coverId":1}}"""));
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(BuyerT, "GET", 200, """{"data":[{"buyerId":1,"currentBuyerRating":"good"}]}"""));

        // and the irregular shapes the real service sends pass, so the negative checks above mean something
        Assert.Empty(await ContractSchemas.ValidateAsync(CoversT, "GET", 200, """{"data":[{"coverId":1,"creditLimitApplicationAmountInPolicyCurrency":"50000","totalDecision":{"decisionAmtInPolicyCurrency":"","decisionAmtInUserCurrency":50000},"applicationDate":"2026-12-01T10:15:00+01:00","currentBuyerRating":"35"}]}"""));
    }

    [Fact]
    public async Task The_contract_has_no_route_the_real_service_lacks()
    {
        Assert.False(await ContractSchemas.HasOperationAsync(Covers + "/{coverId}", "get"));
        Assert.False(await ContractSchemas.HasOperationAsync(Covers + "/{coverId}/history", "get"));
        Assert.True(await ContractSchemas.HasOperationAsync(CoversT, "put"));
    }

    [Fact]
    public async Task Every_answer_of_the_journey_matches_the_contract()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1), OAuth2TokenRoute = true }, Ct);
        using var raw = new HttpClient { BaseAddress = sandbox.BaseAddress };

        // tokens
        using (var request = TokenRequest(sandbox.ReadWriteClient))
        {
            Assert.Equal(HttpStatusCode.OK, (await Check(TokenPath, "POST", await Answer.ReadAsync(await raw.SendAsync(request, Ct)))).Status);
        }

        using (var request = TokenRequest(sandbox.ReadWriteClient, secret: "wrong"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Check(TokenPath, "POST", await Answer.ReadAsync(await raw.SendAsync(request, Ct)))).Status);
        }

        using (var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", sandbox.ReadWriteClient.ClientId), new("client_secret", sandbox.ReadWriteClient.ClientSecret)]))
        {
            Assert.Equal(HttpStatusCode.OK, (await Check("/oauth2/token", "POST", await Answer.ReadAsync(await raw.PostAsync("oauth2/token", form, Ct)))).Status);
        }

        using (var form = new FormUrlEncodedContent([new("grant_type", "password")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Check("/oauth2/token", "POST", await Answer.ReadAsync(await raw.PostAsync("oauth2/token", form, Ct)))).Status);
        }

        using var api = await CreateAsync(sandbox);

        // gateway: an unknown route is a 403 fault
        Assert.Equal(HttpStatusCode.Forbidden, (await Check(CoversT, "GET", await api.GetAsync(Covers + "/" + SandboxFixtures.ExistingCreditLimitCoverId))).Status);

        // policy
        await Check(Policy, "GET", await api.GetAsync(Policy));
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(Policy, "GET", await api.GetAsync(Policy + "?customerId=200417"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Check(Policy, "GET", await api.GetAsync(Policy + "?policyId=" + SandboxFixtures.SterlingPolicyId))).Status);

        // buyers
        await Check(Buyers, "GET", await api.GetAsync($"{Buyers}?country=NLD&uid={SandboxFixtures.WellRatedDutchBuyerVat}&uidType=VAT"));
        Assert.Equal(HttpStatusCode.NotFound, (await Check(Buyers, "GET", await api.GetAsync($"{Buyers}?country=NLD&uid=NL000000000B01&uidType=VAT"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(Buyers, "GET", await api.GetAsync($"{Buyers}?name=Tulip"))).Status);
        await Check(BuyerT, "GET", await api.GetAsync($"{Buyers}/{SandboxFixtures.DeterioratedBuyerId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await Check(BuyerT, "GET", await api.GetAsync($"{Buyers}/99999999"))).Status);
        await Check(Buyers + "/my-buyers", "GET", await api.GetAsync($"{Buyers}/my-buyers?policyId={SandboxFixtures.EuroPolicyId}"));

        // applications
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 50_000)))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, 90_000)))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, null, "credit-check")))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.ExistingCoverBuyerId, 10_000)))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 12_345)))).Status);

        // changes
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "PUT", await api.PutAsync(Covers, Change("supersede", SandboxFixtures.WellRatedDutchBuyerId, 80_000)))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await Check(CoversT, "PUT", await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 150_000)))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "PUT", await api.PutAsync(Covers, Change("supersede", SandboxFixtures.DeterioratedBuyerId, 90_000)))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoversT, "PUT", await api.PutAsync(Covers, Change("supersede", SandboxFixtures.PendingApplicationBuyerId, 300_000)))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "PUT", await api.PutAsync(Covers, Change("reduce", SandboxFixtures.SupersededCoverBuyerId, 30_000)))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "PUT", await api.PutAsync(Covers, Change("cancel", SandboxFixtures.WellRatedDutchBuyerId, coverType: "credit-check")))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Check(CoversT, "PUT", await api.PutAsync(Covers, Change("cancel", SandboxFixtures.WeakSwedishBuyerId)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Check(ConvertT, "PATCH", await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}"""))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Check(ConvertT, "PATCH", await api.PatchAsync($"{Covers}/{SandboxFixtures.OtherCustomerIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}"""))).Status);

        // insurer events and underwriters, then every list, irregular shapes included
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditCheckCoverId, Ct);
        sandbox.DecideReferredApplications();
        foreach (var list in new[] { "", "/decisions", "/applications", "/historic" })
        {
            await Check(CoversT + list, "GET", await api.GetAsync(Covers + list));
            await Check(CoversT + list, "GET", await api.GetAsync($"{Covers}{list}?policyId={SandboxFixtures.EuroPolicyId}&customerId={SandboxFixtures.EuroCustomerId}&coverType=credit-limit"));
            Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoversT + list, "GET", await api.GetAsync($"{Covers}{list}?pageSize=10"))).Status);
        }

        await Check(CoversT, "GET", await api.GetAsync($"{Covers}?fromDate=2020-01-01T00:00:00"));

        // the read-only client is refused writes with a gateway fault
        using var reader = await CreateAsync(sandbox, sandbox.ReadOnlyClient);
        Assert.Equal(HttpStatusCode.Forbidden, (await Check(CoversT, "POST", await reader.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 10_000)))).Status);

        Assert.True(_checked >= 42, $"only {_checked} answers checked");
        Assert.True(_failures.Count == 0, string.Join("\n\n", _failures));
    }
}
