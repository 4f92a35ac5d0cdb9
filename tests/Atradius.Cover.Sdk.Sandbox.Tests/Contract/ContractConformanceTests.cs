using System.Text;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Contract;

/// <summary>Walks the whole journey and validates every answer body against the contract's schema for that answer.</summary>
public sealed class ContractConformanceTests
{
    private const string CoversT = "/credit-insurance/cover-management/v1/covers";
    private const string CoverT = CoversT + "/{coverId}";
    private const string BuyersT = "/credit-insurance/organisation-management/v1/buyers";

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
        var cover = """{"coverId":"not-a-number","customerId":1,"policyId":"5012345","buyerId":1,"coverType":"credit-limit","coverStatus":"DECISION","applicationDate":"2026-11-02T09:15:00Z","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""";
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoverT, "GET", 200, cover));
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoverT, "GET", 200, """{"coverId":1}"""));
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoversT, "POST", 409, """{"errors":[{"status":409}]}"""));

        var nested = """{"coverId":1,"customerId":1,"policyId":"5012345","buyerId":1,"coverType":"credit-limit","coverStatus":"DECISION","totalDecision":{"decisionAmount":"lots","currencyCode":"EUR"},"applicationDate":"2026-11-02T09:15:00Z","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""";
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoverT, "GET", 200, nested));
        Assert.NotEmpty(await ContractSchemas.ValidateAsync(CoversT, "GET", 200, """{"data":[{"coverId":1}],"meta":{"pageSize":1}}"""));

        // and a null where the contract allows it passes, so the negative checks above mean something
        var nullable = """{"coverId":1,"customerId":1,"policyId":"5012345","buyerId":1,"coverType":"credit-limit","coverStatus":"REFERRED","decisionCode":null,"totalDecision":null,"applicationDate":"2026-11-02T09:15:00Z","version":1,"updatedAt":"2026-11-02T09:15:00Z"}""";
        Assert.Empty(await ContractSchemas.ValidateAsync(CoverT, "GET", 200, nullable));
    }

    [Fact]
    public async Task Every_answer_of_the_journey_matches_the_contract()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1) }, Ct);
        using var raw = new HttpClient { BaseAddress = sandbox.BaseAddress };

        // tokens
        using (var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", sandbox.ReadWriteClient.ClientId), new("client_secret", sandbox.ReadWriteClient.ClientSecret)]))
        {
            await Check("/oauth2/token", "POST", await Answer.ReadAsync(await raw.PostAsync("oauth2/token", form, Ct)));
        }

        using (var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", "nobody"), new("client_secret", "x")]))
        {
            var answer = await Check("/oauth2/token", "POST", await Answer.ReadAsync(await raw.PostAsync("oauth2/token", form, Ct)));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        }

        using (var form = new FormUrlEncodedContent([new("grant_type", "password")]))
        {
            var answer = await Check("/oauth2/token", "POST", await Answer.ReadAsync(await raw.PostAsync("oauth2/token", form, Ct)));
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "authenticate/v2/tokens") { Content = Json("{}") })
        {
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox.ReadWriteClient.ClientId}:{sandbox.ReadWriteClient.ClientSecret}")));
            request.Headers.Add("Atradius-App-Key", sandbox.ReadWriteClient.AppKey);
            var answer = await Check("/authenticate/v2/tokens", "POST", await Answer.ReadAsync(await raw.SendAsync(request, Ct)));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "authenticate/v2/tokens") { Content = Json("{}") })
        {
            var answer = await Check("/authenticate/v2/tokens", "POST", await Answer.ReadAsync(await raw.SendAsync(request, Ct)));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "authenticate/v2/tokens") { Content = Json("{not json") })
        {
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox.ReadWriteClient.ClientId}:{sandbox.ReadWriteClient.ClientSecret}")));
            request.Headers.Add("Atradius-App-Key", sandbox.ReadWriteClient.AppKey);
            var answer = await Check("/authenticate/v2/tokens", "POST", await Answer.ReadAsync(await raw.SendAsync(request, Ct)));
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        }

        using var api = await CreateAsync(sandbox);
        using var reader = await CreateAsync(sandbox, sandbox.ReadOnlyClient);

        // buyers
        await Check(BuyersT, "GET", await api.GetAsync($"{Buyers}?country=NLD&uid={SandboxFixtures.WellRatedDutchBuyerVat}&uidType=VAT"));
        await Check(BuyersT, "GET", await api.GetAsync($"{Buyers}?name=gmbh&pageSize=5"));
        await Check(BuyersT, "GET", await api.GetAsync($"{Buyers}?uid=123"));
        await Check(BuyersT + "/{buyerId}", "GET", await api.GetAsync($"{Buyers}/{SandboxFixtures.WellRatedDutchBuyerId}"));
        await Check(BuyersT + "/{buyerId}", "GET", await api.GetAsync($"{Buyers}/99"));

        // applications
        var decided = await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 50000)));
        Assert.Equal(HttpStatusCode.Created, decided.Status);
        var referred = await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 300000)));
        Assert.Equal(HttpStatusCode.Accepted, referred.Status);
        var check = await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, null, "credit-check")));
        Assert.Equal(HttpStatusCode.Created, check.Status);
        await Check(CoverT, "GET", await api.GetAsync($"{Covers}/{referred.CoverId}"));
        await Check(CoversT + "/applications", "GET", await api.GetAsync($"{Covers}/applications"));
        sandbox.DecideReferredApplications();
        var partial = await Check(CoverT, "GET", await api.GetAsync($"{Covers}/{referred.CoverId}"));
        Assert.Equal("DC04", partial.Json.GetProperty("decisionCode").GetString());

        // errors on submit
        Assert.Equal(HttpStatusCode.Conflict, (await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.ExistingCoverBuyerId, 10000)))).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Check(CoversT, "POST", await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 1500)))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoversT, "POST", await api.PostAsync(Covers, "{nope"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Check(CoversT, "POST", await reader.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 1000)))).Status);
        using (var text = new StringContent("hello", Encoding.UTF8, "text/plain"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Check(CoversT, "POST", await Answer.ReadAsync(await api.Http.PostAsync(Covers, text, Ct)))).Status);
        }

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Check(CoversT, "POST", await api.PostAsync(Covers, $$"""{"pad":"{{new string('x', 70_000)}}"}"""))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Check(CoversT, "GET", await Answer.ReadAsync(await raw.GetAsync(Covers, Ct)))).Status);

        // modifications
        var id = decided.CoverId;
        var superseded = await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"supersede","creditLimitAmount":90000,"currencyCode":"EUR"}"""));
        Assert.Equal(HttpStatusCode.OK, superseded.Status);
        var increase = await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"supersede","creditLimitAmount":400000}"""));
        Assert.Equal(HttpStatusCode.Accepted, increase.Status);
        sandbox.DecideReferredApplications();
        var reduced = await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"reduce","creditLimitAmount":60000,"currencyCode":"EUR"}"""));
        Assert.Equal(HttpStatusCode.OK, reduced.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"update-reference","customerRefNumber":"X"}""", ("If-Match", $"\"{id}-1\"")))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"update-reference","customerRefNumber":"ERP-9"}""", ("If-Match", reduced.Header("ETag")!)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Check(CoverT + "/cover-type", "PUT", await api.PutAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}"""))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Check(CoverT + "/cover-type", "PUT", await api.PutAsync($"{Covers}/{id}/cover-type", """{"coverType":"credit-limit"}"""))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Check(CoverT + "/cover-type", "PUT", await api.PutAsync($"{Covers}/70009999/cover-type", """{"coverType":"credit-limit"}"""))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"cancel"}"""))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"cancel"}"""))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Check(CoverT, "GET", await api.GetAsync($"{Covers}/70009999"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoverT, "GET", await api.GetAsync($"{Covers}/abc"))).Status);

        // insurer events
        await sandbox.NotifyReductionAsync(SandboxFixtures.SupersededCreditLimitCoverId, 20000, Ct);
        await Check(CoverT, "GET", await api.GetAsync($"{Covers}/{SandboxFixtures.SupersededCreditLimitCoverId}"));

        // idempotency
        var keyed = Application(SandboxFixtures.SatisfactoryGermanBuyerId, null, "credit-check");
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "POST", await api.PostAsync(Covers, keyed, ("Idempotency-Key", "journey-1")))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Check(CoversT, "POST", await api.PostAsync(Covers, keyed, ("Idempotency-Key", "journey-1")))).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Check(CoversT, "POST", await api.PostAsync(Covers, keyed.Replace("credit-check", "indication", StringComparison.Ordinal), ("Idempotency-Key", "journey-1")))).Status);

        // lists, the whole seeded portfolio included (every decision code the rules produce)
        await Check(CoversT, "GET", await api.GetAsync($"{Covers}?pageSize=1000"));
        await Check(CoversT + "/decisions", "GET", await api.GetAsync($"{Covers}/decisions?pageSize=1000"));
        await Check(CoverT + "/history", "GET", await api.GetAsync($"{Covers}/{SandboxFixtures.SupersededCreditLimitCoverId}/history?pageSize=1"));
        await Check(CoversT, "GET", await api.GetAsync($"{Covers}?pageSize=7"));
        await Check(CoversT, "GET", await api.GetAsync($"{Covers}?policyId=5012346&coverType=credit-check"));
        await Check(CoversT + "/decisions", "GET", await api.GetAsync($"{Covers}/decisions?updatedSince=2020-01-01T00:00:00Z&pageSize=50"));
        await Check(CoversT + "/applications", "GET", await api.GetAsync($"{Covers}/applications"));
        await Check(CoversT + "/historic", "GET", await api.GetAsync($"{Covers}/historic"));
        await Check(CoverT + "/history", "GET", await api.GetAsync($"{Covers}/{id}/history"));
        await Check(CoverT + "/history", "GET", await api.GetAsync($"{Covers}/70009999/history"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoversT, "GET", await api.GetAsync($"{Covers}?pageSize=1001"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Check(CoversT + "/decisions", "GET", await api.GetAsync($"{Covers}/decisions?updatedSince=yesterday"))).Status);

        // injected faults
        sandbox.Faults.RateLimitedShare = 1;
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Check(CoversT, "GET", await api.GetAsync(Covers))).Status);
        sandbox.Faults.Reset();
        sandbox.Faults.FailEveryRequest = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Check(CoverT, "PUT", await api.PutAsync($"{Covers}/{id}", """{"action":"cancel"}"""))).Status);

        Assert.True(_failures.Count == 0, string.Join("\n\n", _failures));
        Assert.True(_checked >= 45, $"only {_checked} answers checked");
    }
}
