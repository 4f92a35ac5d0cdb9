namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

public sealed class ModificationTests
{
    private static string Cover(long id) => $"{Covers}/{id}";

    [Fact]
    public async Task Each_change_bumps_version_and_is_recorded_in_history_oldest_first()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromMinutes(5) }, Ct);
        using var api = await CreateAsync(sandbox);
        var created = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 40000));
        var id = created.CoverId;
        var instant = await api.PutAsync(Cover(id), """{"action":"supersede","creditLimitAmount":60000,"currencyCode":"EUR"}""");
        Assert.Equal(HttpStatusCode.OK, instant.Status);
        Assert.Equal(60000m, instant.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        Assert.True(instant.Json.GetProperty("updatedAt").GetDateTimeOffset() > created.Json.GetProperty("updatedAt").GetDateTimeOffset());

        var referred = await api.PutAsync(Cover(id), """{"action":"supersede","creditLimitAmount":250000}""");
        Assert.Equal(HttpStatusCode.Accepted, referred.Status);
        Assert.NotNull(referred.Header("Retry-After"));
        Assert.Equal($"/{Cover(id)}", referred.Header("Location"));
        Assert.Equal(60000m, referred.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal()); // current decision stays
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsync(Cover(id), """{"action":"reduce","creditLimitAmount":1000}""")).Status);
        sandbox.AdvanceTime(TimeSpan.FromMinutes(6));
        var decided = await api.GetAsync(Cover(id));
        Assert.Equal(250000m, decided.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());

        var reduced = await api.PutAsync(Cover(id), """{"action":"reduce","creditLimitAmount":100000}""");
        Assert.Equal(100000m, reduced.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        var renamed = await api.PutAsync(Cover(id), """{"action":"update-reference","customerRefNumber":"ERP-77"}""");
        Assert.Equal("ERP-77", renamed.Json.GetProperty("customerRefNumber").GetString());
        var cancelled = await api.PutAsync(Cover(id), """{"action":"cancel"}""");
        Assert.Equal("CCLD", cancelled.Json.GetProperty("historicCode").GetString());
        Assert.Equal(7, cancelled.Json.GetProperty("version").GetInt32());
        Assert.Equal($"\"{id}-7\"", cancelled.Header("ETag"));

        var history = await api.GetAsync($"{Cover(id)}/history?pageSize=4");
        var events = history.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["decided", "superseded", "superseded", "decided"], events);
        var rest = await api.GetAsync($"{Cover(id)}/history?cursor={history.Json.GetProperty("meta").GetProperty("nextCursor").GetString()}");
        Assert.Equal(["reduced", "reference-updated", "cancelled"], rest.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rest.Json.GetProperty("meta").GetProperty("nextCursor").ValueKind);

        // superseded decisions (60k by 250k? no: 40k by 60k, 60k by 250k, 250k by the reduction) and the cancellation are historic
        var historic = await api.GetAsync($"{Covers}/historic?buyerId={SandboxFixtures.WellRatedDutchBuyerId}");
        var codes = historic.Json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("historicCode").GetString()).ToList();
        Assert.Equal(["CCLD", "SCLD", "SCLD", "SCLD"], codes);
        Assert.DoesNotContain((await api.GetAsync($"{Covers}?buyerId={SandboxFixtures.WellRatedDutchBuyerId}")).Json.GetProperty("data").EnumerateArray(), c => c.GetProperty("coverId").GetInt64() == id);
    }

    [Fact]
    public async Task Increase_for_a_satisfactory_buyer_is_referred_then_approved_with_conditions()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.ExistingCreditLimitCoverId; // Danube Foods, rating 45
        Assert.Equal(HttpStatusCode.Accepted, (await api.PutAsync(Cover(id), """{"action":"supersede","creditLimitAmount":500000}""")).Status);
        Assert.Contains((await api.GetAsync($"{Covers}/applications")).Json.GetProperty("data").EnumerateArray(), c => c.GetProperty("coverId").GetInt64() == id);
        sandbox.DecideReferredApplications();
        var decided = await api.GetAsync(Cover(id));
        Assert.Equal("DC02", decided.Json.GetProperty("decisionCode").GetString());
        Assert.Equal(500000m, decided.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
    }

    [Fact]
    public async Task Refused_increase_is_DC05_and_keeps_the_current_decision()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.DeterioratedBuyerCoverId;
        Assert.Equal(HttpStatusCode.Accepted, (await api.PutAsync(Cover(id), """{"action":"supersede","creditLimitAmount":200000}""")).Status);
        sandbox.DecideReferredApplications();
        var after = await api.GetAsync(Cover(id));
        Assert.Equal("DC05", after.Json.GetProperty("decisionCode").GetString());
        Assert.Equal("DECISION", after.Json.GetProperty("coverStatus").GetString());
        Assert.Equal(60000m, after.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.Json.GetProperty("historicCode").ValueKind);
        Assert.DoesNotContain((await api.GetAsync($"{Covers}/historic?buyerId={SandboxFixtures.DeterioratedBuyerId}")).Json.GetProperty("data").EnumerateArray(), _ => true);
    }

    [Fact]
    public async Task Stale_if_match_is_412_with_the_current_etag()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.ExistingCreditLimitCoverId;
        var read = await api.GetAsync(Cover(id));
        var etag = read.Header("ETag")!;
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync(Cover(id), """{"action":"update-reference","customerRefNumber":"A"}""", ("If-Match", etag))).Status);
        var stale = await api.PutAsync(Cover(id), """{"action":"update-reference","customerRefNumber":"B"}""", ("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal($"\"{id}-2\"", stale.Header("ETag"));
        Assert.Equal("If-Match", stale.FirstError.GetProperty("source").GetProperty("parameter").GetString());
        Assert.Equal("A", (await api.GetAsync(Cover(id))).Json.GetProperty("customerRefNumber").GetString());
    }

    [Fact]
    public async Task Cancel_gives_the_historic_code_that_fits()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var indication = await api.PutAsync(Cover(SandboxFixtures.ConvertibleIndicationCoverId), """{"action":"cancel"}""");
        Assert.Equal("CIND", indication.Json.GetProperty("historicCode").GetString());
        var referred = await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, 300000));
        var application = await api.PutAsync(Cover(referred.CoverId), """{"action":"cancel"}""");
        Assert.Equal("CCLA", application.Json.GetProperty("historicCode").GetString());
        Assert.Empty((await api.GetAsync($"{Covers}/applications?buyerId={SandboxFixtures.SatisfactoryGermanBuyerId}")).Json.GetProperty("data").EnumerateArray());
        sandbox.AdvanceTime(TimeSpan.FromMinutes(1));
        Assert.Equal("CCLA", (await api.GetAsync(Cover(referred.CoverId))).Json.GetProperty("historicCode").GetString()); // no late decision
    }

    [Fact]
    public async Task Modification_rules_name_the_field_at_fault()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.ExistingCreditLimitCoverId;
        async Task Expect(string body, HttpStatusCode status, string jsonPointer)
        {
            var answer = await api.PutAsync(Cover(id), body);
            Assert.Equal(status, answer.Status);
            Assert.Equal(jsonPointer, answer.FirstError.GetProperty("source").GetProperty("pointer").GetString());
        }

        await Expect("""{"action":"grow"}""", HttpStatusCode.BadRequest, "/action");
        await Expect("""{"action":"reduce"}""", HttpStatusCode.UnprocessableEntity, "/creditLimitAmount");
        await Expect("""{"action":"reduce","creditLimitAmount":80000}""", HttpStatusCode.UnprocessableEntity, "/creditLimitAmount");
        await Expect("""{"action":"reduce","creditLimitAmount":1500}""", HttpStatusCode.UnprocessableEntity, "/creditLimitAmount");
        await Expect("""{"action":"supersede","creditLimitAmount":90000,"currencyCode":"USD"}""", HttpStatusCode.UnprocessableEntity, "/currencyCode");
        await Expect("""{"action":"supersede","creditLimitAmount":90000,"effectFromDate":"01-12-2026"}""", HttpStatusCode.BadRequest, "/effectFromDate");
        await Expect("""{"action":"update-reference","customerRefNumber":"0123456789012345678901234567890123456789"}""", HttpStatusCode.BadRequest, "/customerRefNumber");
        Assert.Equal(1, sandbox.GetCover(id)!.Version);
    }
}
