using System.Text;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

public sealed class ValidationTests
{
    public static TheoryData<string, int, string, string> BadApplications => new()
    {
        { Application(99, 10000), 422, "UNKNOWN_BUYER", "/buyerId" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, 1500), 422, "INVALID_AMOUNT", "/creditLimitAmount" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, -1000), 422, "INVALID_AMOUNT", "/creditLimitAmount" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, null), 422, "INVALID_AMOUNT", "/creditLimitAmount" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, 10000, currency: "GBP"), 422, "INVALID_CURRENCY", "/currencyCode" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, 10000, currency: "eur"), 400, "INVALID_REQUEST", "/currencyCode" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, 10000, policyId: "999"), 422, "UNKNOWN_POLICY", "/policyId" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, 10000, customerId: 1), 422, "UNKNOWN_CUSTOMER", "/customerId" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, 10000, coverType: "guarantee"), 400, "INVALID_REQUEST", "/coverType" },
        { Application(SandboxFixtures.WellRatedDutchBuyerId, 10000, coverType: "credit-check"), 422, "INVALID_AMOUNT", "/creditLimitAmount" },
        { """{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":"lots","currencyCode":"EUR"}""", 400, "INVALID_REQUEST", "/creditLimitAmount" },
        { """{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000,"currencyCode":"EUR","effectFromDate":"2026-13-45"}""", 400, "INVALID_REQUEST", "/effectFromDate" },
        { """{"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000,"currencyCode":"EUR"}""", 400, "INVALID_REQUEST", "/customerId" },
        { """{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000,""", 400, "MALFORMED_JSON", "" },
        { "[1,2]", 400, "INVALID_REQUEST", "" },
    };

    [Theory]
    [MemberData(nameof(BadApplications))]
    public async Task Bad_application_names_the_field_and_changes_nothing(string body, int status, string code, string jsonPointer)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var before = sandbox.GetCovers().Count;
        var answer = await api.PostAsync(Covers, body);
        Assert.Equal(status, (int)answer.Status);
        var error = answer.FirstError;
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(jsonPointer, error.GetProperty("source").GetProperty("pointer").GetString());
        Assert.Equal(before, sandbox.GetCovers().Count);
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var body = Application(SandboxFixtures.WellRatedDutchBuyerId, 10000).TrimEnd('}') + ""","futureField":{"x":[1,2]}}""";
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Covers, body)).Status);
    }

    [Theory]
    [InlineData("covers?pageSize=0", "pageSize")]
    [InlineData("covers?pageSize=1001", "pageSize")]
    [InlineData("covers?pageSize=ten", "pageSize")]
    [InlineData("covers/decisions?updatedSince=2026-11-01", "updatedSince")]
    [InlineData("covers/decisions?updatedSince=2026-11-01T10:00:00", "updatedSince")]
    [InlineData("covers/historic?updatedSince=garbage", "updatedSince")]
    [InlineData("covers?coverType=guarantee", "coverType")]
    [InlineData("covers?customerId=abc", "customerId")]
    [InlineData("covers?cursor=bm9wZQ", "cursor")]
    [InlineData("covers/decisions?cursor=cDo3MDAwMTIzNQ", "cursor")]
    [InlineData("covers/decisions?cursor=ZDotNTox", "cursor")]
    [InlineData("covers/decisions?cursor=ZDo5OTk5OTk5OTk5OTk5OTk5OTk5OjE", "cursor")]
    [InlineData("covers/70001234/history?pageSize=5000", "pageSize")]
    [InlineData("covers/x", "coverId")]
    public async Task Bad_parameter_is_400_naming_it(string path, string parameter)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var answer = await api.GetAsync("credit-insurance/cover-management/v1/" + path);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(parameter, answer.FirstError.GetProperty("source").GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("?uid=NL859338221B01&uidType=VAT", "country")]
    [InlineData("?country=NLD&uid=NL859338221B01", "uidType")]
    [InlineData("?country=NL&name=Tulip", "country")]
    [InlineData("?name=T", "name")]
    [InlineData("", "name")]
    [InlineData("?country=NLD&uid=x&uidType=ABC", "uidType")]
    public async Task Bad_buyer_search_is_400_naming_the_parameter(string query, string parameter)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var answer = await api.GetAsync(Buyers + query);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(parameter, answer.FirstError.GetProperty("source").GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Buyers_are_found_by_vat_with_or_without_spaces_and_by_name()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var byVat = await api.GetAsync($"{Buyers}?country=NLD&uid=nl%20859338221%20b01&uidType=VAT");
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, byVat.Json.GetProperty("data")[0].GetProperty("buyerId").GetInt64());
        var byName = await api.GetAsync($"{Buyers}?name=tulip");
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerName, byName.Json.GetProperty("data")[0].GetProperty("buyerName").GetString());
        Assert.Empty((await api.GetAsync($"{Buyers}?country=DEU&uid={SandboxFixtures.WellRatedDutchBuyerVat}&uidType=VAT")).Json.GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Buyers}/1")).Status);
    }

    [Fact]
    public async Task World_is_deterministic_and_varied()
    {
        await using var one = await CoverSandbox.StartAsync(new CoverSandboxOptions { Seed = 7 }, Ct);
        await using var two = await CoverSandbox.StartAsync(new CoverSandboxOptions { Seed = 7 }, Ct);
        Assert.Equal(300, one.World.Buyers.Count);
        Assert.Equal(one.World.Buyers.Select(b => b.VatNumber), two.World.Buyers.Select(b => b.VatNumber));
        Assert.True(one.World.Buyers.Select(b => b.CountryCode).Distinct().Count() >= 10);
        Assert.True(one.World.Buyers.Select(b => b.RatingClass).Distinct().Count() >= 5);
        Assert.All(one.World.Buyers, b => Assert.Matches("^[A-Z]{3}$", b.CountryCode));
        Assert.Equal(["EUR", "GBP", "USD"], one.World.Policies.Select(p => p.CurrencyCode));
        Assert.Equal(one.GetCovers().Select(c => (c.CoverId, c.DecisionAmount)), two.GetCovers().Select(c => (c.CoverId, c.DecisionAmount)));
        Assert.Equal(SandboxFixtures.WellRatedDutchBuyerVat, one.World.FindBuyer(SandboxFixtures.WellRatedDutchBuyerId)!.VatNumber);
    }

    [Fact]
    public async Task Transport_errors_use_the_contract_shape()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        using (var text = new StringContent(Application(SandboxFixtures.WellRatedDutchBuyerId, 10000), Encoding.UTF8, "text/plain"))
        {
            var answer = await Answer.ReadAsync(await api.Http.PostAsync(Covers, text, Ct));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
            Assert.Equal("UNSUPPORTED_MEDIA_TYPE", answer.FirstError.GetProperty("code").GetString());
        }

        var big = await api.PostAsync(Covers, $$"""{"customerRefNumber":"{{new string('x', 65_000)}}","pad":"{{new string('y', 2_000)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", big.FirstError.GetProperty("code").GetString());

        // a chunked body (no Content-Length) over the limit is refused too
        using (var chunked = new PushStreamContentLike(new byte[70_000]).Init())
        {
            var answer = await Answer.ReadAsync(await api.Http.PostAsync(Covers, chunked, Ct));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        }

        var wrongMethod = await api.SendAsync(HttpMethod.Delete, $"{Covers}/{SandboxFixtures.ExistingCreditLimitCoverId}", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", wrongMethod.FirstError.GetProperty("code").GetString());

        var unknown = await api.GetAsync("credit-insurance/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("NOT_FOUND", unknown.FirstError.GetProperty("code").GetString());
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task Correlation_id_is_echoed_or_created_on_every_answer()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        Assert.Equal("abc-123", (await api.GetAsync(Covers, ("Atradius-Correlation-Id", "abc-123"))).Header("Atradius-Correlation-Id"));
        Assert.Equal("err-1", (await api.GetAsync($"{Covers}/1", ("Atradius-Correlation-Id", "err-1"))).Header("Atradius-Correlation-Id"));
        Assert.Equal("bad-1", (await api.PostAsync(Covers, "{", ("Atradius-Correlation-Id", "bad-1"))).Header("Atradius-Correlation-Id"));
        Assert.True(Guid.TryParse((await api.GetAsync(Covers)).Header("Atradius-Correlation-Id"), out _));
        using var anonymous = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, Covers);
        request.Headers.Add("Atradius-Correlation-Id", "unauth-1");
        Assert.Equal("unauth-1", (await Answer.ReadAsync(await anonymous.SendAsync(request, Ct))).Header("Atradius-Correlation-Id"));
        sandbox.Faults.FailEveryRequest = true;
        Assert.Equal("fault-1", (await api.GetAsync(Covers, ("Atradius-Correlation-Id", "fault-1"))).Header("Atradius-Correlation-Id"));
    }

    /// <summary>JSON content sent without a Content-Length, so the size check must count while reading.</summary>
    private sealed class PushStreamContentLike(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing) => base.Dispose(disposing);

        public PushStreamContentLike Init()
        {
            Headers.ContentType = new("application/json");
            return this;
        }
    }
}
