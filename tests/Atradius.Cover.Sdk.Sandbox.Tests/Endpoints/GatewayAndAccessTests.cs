namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

/// <summary>The gateway's answers, tokens, and what each client may see and do.</summary>
public sealed class GatewayAndAccessTests
{
    [Theory]
    [InlineData("GET", "/credit-insurance/cover-management/v1/covers/70001234")]
    [InlineData("GET", "/credit-insurance/cover-management/v1/covers/70001234/history")]
    [InlineData("PUT", "/credit-insurance/cover-management/v1/covers/70001234")]
    [InlineData("PUT", "/credit-insurance/cover-management/v1/covers/70001235/cover-type")]
    [InlineData("DELETE", "/credit-insurance/cover-management/v1/covers")]
    [InlineData("POST", "/credit-insurance/cover-management/v1/covers/decisions")]
    [InlineData("GET", "/authenticate/v2/tokens")]
    [InlineData("GET", "/credit-insurance/cover-management/v2/covers")]
    [InlineData("HEAD", "/credit-insurance/cover-management/v1/covers")]
    [InlineData("GET", "/")]
    public async Task Unknown_routes_and_methods_answer_403_with_a_gateway_fault_before_credentials(string method, string path)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        if (method != "HEAD")
        {
            var answer = await Answer.ReadAsync(response);
            Assert.Equal("Unknown route", answer.FaultString);
            Assert.Equal("messaging.adaptors.http.flow.UnknownRoute", answer.Json.GetProperty("fault").GetProperty("detail").GetProperty("errorcode").GetString());
        }
    }

    [Fact]
    public async Task A_method_http_does_not_use_answers_405_before_the_content_type_is_looked_at()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var noType = await http.SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), Covers), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, noType.StatusCode);
        using var xml = await http.SendAsync(new HttpRequestMessage(new HttpMethod("FOO"), Covers) { Content = new StringContent("<x/>", System.Text.Encoding.UTF8, "application/xml") }, Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, xml.StatusCode);

        using var api = await CreateAsync(sandbox);
        var wrongType = await api.Http.PostAsync(Covers, new StringContent("<x/>", System.Text.Encoding.UTF8, "application/xml"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task The_atradius_token_route_answers_in_a_data_envelope_and_refuses_wrong_credentials()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var ok = await Answer.ReadAsync(await http.SendAsync(TokenRequest(sandbox.ReadWriteClient), Ct));
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        var data = ok.Json.GetProperty("data");
        Assert.Equal("Bearer", data.GetProperty("token_type").GetString());
        Assert.Equal(1800, data.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("access_token").GetString()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(TokenRequest(sandbox.ReadWriteClient, secret: "nope"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(TokenRequest(sandbox.ReadWriteClient, appKey: "other-key"), Ct)).StatusCode);
        using var xml = TokenRequest(sandbox.ReadWriteClient);
        xml.Content = new StringContent("<token/>", System.Text.Encoding.UTF8, "application/xml");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(xml, Ct)).StatusCode);
        Assert.Equal(4, sandbox.Statistics.AtradiusTokenRequests);
    }

    [Fact]
    public async Task The_standard_oauth2_route_is_an_unknown_route_as_at_the_atradius_gateway_unless_asked_for()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", sandbox.ReadWriteClient.ClientId), new("client_secret", sandbox.ReadWriteClient.ClientSecret)]);

        var answer = await Answer.ReadAsync(await http.PostAsync("oauth2/token", form, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("Unknown route", answer.Json.GetProperty("fault").GetProperty("faultstring").GetString());
    }

    [Fact]
    public async Task The_standard_oauth2_route_grants_a_token_and_ignores_scopes()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { OAuth2TokenRoute = true }, Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "anything"), new("client_id", sandbox.ReadWriteClient.ClientId), new("client_secret", sandbox.ReadWriteClient.ClientSecret)]);
        var answer = await Answer.ReadAsync(await http.PostAsync("oauth2/token", form, Ct));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(answer.Json.TryGetProperty("scope", out _));
        Assert.Equal(1, sandbox.Statistics.OAuth2TokenRequests);
    }

    [Fact]
    public async Task An_expired_or_forged_token_answers_401_and_a_missing_app_key_too()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromMinutes(5) }, Ct);
        using var api = await CreateAsync(sandbox);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);

        sandbox.AdvanceTime(TimeSpan.FromMinutes(6));
        var expired = await api.GetAsync(Covers);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal("Access Token expired", expired.FaultString);

        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sbx3.forged.token");
        http.DefaultRequestHeaders.Add("Atradius-App-Key", sandbox.ReadWriteClient.AppKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(Covers, Ct)).StatusCode);

        using var noKey = new HttpClient { BaseAddress = sandbox.BaseAddress };
        noKey.DefaultRequestHeaders.Authorization = new("Bearer", await GetTokenAsync(noKey, sandbox.ReadWriteClient));
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync(Covers, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_token_is_accepted_for_the_whole_of_its_expires_in_however_late_in_a_second_it_was_issued()
    {
        // Before, the expiry was cut to whole seconds: a token issued at 10:00:00.999 with expires_in 1 was refused from
        // 10:00:01.000 on, a millisecond later.
        var clock = new StoppedClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, 999, TimeSpan.Zero));
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromSeconds(1) }, Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var request = TokenRequest(sandbox.ReadWriteClient);
        using var issued = await http.SendAsync(request, Ct);
        using var json = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync(Ct));
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(1, data.GetProperty("expires_in").GetInt32());
        http.DefaultRequestHeaders.Authorization = new("Bearer", data.GetProperty("access_token").GetString());
        http.DefaultRequestHeaders.Add("Atradius-App-Key", sandbox.ReadWriteClient.AppKey);

        clock.Now += TimeSpan.FromMilliseconds(999);
        var inTime = await Answer.ReadAsync(await http.GetAsync(Covers, Ct));
        clock.Now += TimeSpan.FromMilliseconds(1);
        var late = await Answer.ReadAsync(await http.GetAsync(Covers, Ct));

        Assert.Equal(HttpStatusCode.OK, inTime.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "Access Token expired"), (late.Status, late.FaultString));
    }

    [Fact]
    public async Task A_read_only_client_reads_but_every_write_answers_403()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var reader = await CreateAsync(sandbox, sandbox.ReadOnlyClient);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Covers)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 10_000))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", null)).Status);
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task Each_customer_sees_only_its_own_policies_and_covers()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var mine = await CreateAsync(sandbox);
        using var theirs = await CreateAsync(sandbox, sandbox.OtherCustomerClient);

        var myCovers = await mine.ListAsync(Covers);
        Assert.All(myCovers, c => Assert.Equal(SandboxFixtures.EuroCustomerId, c.GetProperty("customerId").GetInt64()));
        Assert.DoesNotContain(myCovers, c => c.GetProperty("coverId").GetInt64() == SandboxFixtures.OtherCustomerCreditLimitCoverId);
        Assert.Empty(await mine.ListAsync($"{Covers}?buyerId={SandboxFixtures.WellRatedDutchBuyerId}"));
        Assert.Empty(await mine.ListAsync($"{Covers}?customerId={SandboxFixtures.SterlingCustomerId}"));
        Assert.Empty(await mine.ListAsync($"{Covers}/decisions?policyId={SandboxFixtures.SterlingPolicyId}"));

        var theirCovers = await theirs.ListAsync(Covers);
        Assert.Equal([SandboxFixtures.OtherCustomerIndicationCoverId, SandboxFixtures.OtherCustomerCreditLimitCoverId], theirCovers.Select(c => c.GetProperty("coverId").GetInt64()).Order());
        Assert.Equal("GBP", (await theirs.GetAsync(Policy)).Json.GetProperty("data").GetProperty("policyCurrency").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await mine.PatchAsync($"{Covers}/{SandboxFixtures.OtherCustomerIndicationCoverId}/cover-type", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"{Policy}?policyId={SandboxFixtures.SterlingPolicyId}")).Status);
        var foreign = await mine.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 10_000, currency: "GBP", policyId: SandboxFixtures.SterlingPolicyId, customerId: SandboxFixtures.SterlingCustomerId));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal("customerId", foreign.Parameter);

        // the other customer's cover on the Dutch buyer does not stop this customer from applying there
        Assert.Equal(HttpStatusCode.Created, (await mine.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 10_000))).Status);
    }

    [Fact]
    public async Task Policy_details_answer_one_object_and_refuse_unknown_query_parameters()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var live = (await api.GetAsync(Policy)).Json.GetProperty("data");
        Assert.Equal(SandboxFixtures.EuroPolicyId, live.GetProperty("policyId").GetString());
        Assert.Equal("live", live.GetProperty("policyStatus").GetString());
        Assert.Equal("EUR", live.GetProperty("policyCurrency").GetString());
        var expired = (await api.GetAsync($"{Policy}?policyId={SandboxFixtures.ExpiredDollarPolicyId}")).Json.GetProperty("data");
        Assert.Equal("expired", expired.GetProperty("policyStatus").GetString());
        Assert.Equal("USD", expired.GetProperty("policyCurrency").GetString());

        var unknown = await api.GetAsync($"{Policy}?customerId=200417");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Unknown query parameter", unknown.Detail);
        Assert.Equal("customerId", unknown.Parameter);

        var expiredApplication = await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 10_000, currency: "USD", policyId: SandboxFixtures.ExpiredDollarPolicyId));
        Assert.Equal(HttpStatusCode.BadRequest, expiredApplication.Status);
        Assert.Equal("policyId", expiredApplication.Parameter);
    }

    [Fact]
    public async Task A_live_policy_expires_once_the_clock_passes_its_expiry_date()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var policy = sandbox.World.FindPolicy(SandboxFixtures.EuroPolicyId)!;
        var today = DateOnly.FromDateTime(sandbox.Clock.GetUtcNow().UtcDateTime);
        sandbox.AdvanceTime(TimeSpan.FromDays(policy.ExpiryDate.DayNumber - today.DayNumber + 1));
        using var api = await CreateAsync(sandbox);

        var details = (await api.GetAsync($"{Policy}?policyId={SandboxFixtures.EuroPolicyId}")).Json.GetProperty("data");
        Assert.Equal("expired", details.GetProperty("policyStatus").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(Policy)).Status);
        var application = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 10_000));
        Assert.Equal((HttpStatusCode.BadRequest, "policyId"), (application.Status, application.Parameter));
    }

    [Fact]
    public async Task An_expired_policy_takes_no_increase_but_its_cover_may_still_be_lowered()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var policy = sandbox.World.FindPolicy(SandboxFixtures.EuroPolicyId)!;
        var today = DateOnly.FromDateTime(sandbox.Clock.GetUtcNow().UtcDateTime);
        sandbox.AdvanceTime(TimeSpan.FromDays(policy.ExpiryDate.DayNumber - today.DayNumber + 1));
        using var api = await CreateAsync(sandbox);

        var increase = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.SupersededCoverBuyerId, 90_000));
        Assert.Equal((HttpStatusCode.BadRequest, "policyId"), (increase.Status, increase.Parameter));
        Assert.Equal(80_000m, sandbox.GetCover(SandboxFixtures.SupersedingCreditLimitCoverId)!.DecisionAmount);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync(Covers, Change("reduce", SandboxFixtures.SupersededCoverBuyerId, 50_000))).Status);
    }

    [Theory]
    [InlineData("application/xml", HttpStatusCode.NotAcceptable)]
    [InlineData("text/html, application/xhtml+xml", HttpStatusCode.NotAcceptable)]
    [InlineData("application/json;q=0, application/xml", HttpStatusCode.NotAcceptable)]
    [InlineData("application/json", HttpStatusCode.OK)]
    [InlineData("application/json; charset=utf-8", HttpStatusCode.OK)]
    [InlineData("application/xml;q=0.9, */*;q=0.1", HttpStatusCode.OK)]
    [InlineData("application/*", HttpStatusCode.OK)]
    public async Task A_client_that_does_not_accept_json_gets_406_in_the_error_shape(string accept, HttpStatusCode expected)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Get, Covers);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var answer = await Answer.ReadAsync(await api.Http.SendAsync(request, Ct));
        Assert.Equal(expected, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        if (expected == HttpStatusCode.NotAcceptable)
        {
            Assert.Equal("Only application/json is served.", answer.Detail);
        }
    }

    [Fact]
    public async Task The_atradius_token_route_reads_plain_http_basic_and_only_the_oauth2_route_form_decodes()
    {
        var client = new Security.SandboxClient("plain-client", "s3cr+t/%41=", "plain-key", SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId);
        var options = new CoverSandboxOptions { OAuth2TokenRoute = true };
        options.AdditionalClients.Add(client);
        await using var sandbox = await CoverSandbox.StartAsync(options, Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };

        // base64("plain-client:s3cr+t/%41="), exactly as the secret reads
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(TokenRequest(client), Ct)).StatusCode);

        // the same secret form-encoded is another secret to the Atradius route, and the right one to the OAuth 2.0 route
        var encoded = Uri.EscapeDataString(client.ClientSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(TokenRequest(client, secret: encoded), Ct)).StatusCode);
        using var oauth = new HttpRequestMessage(HttpMethod.Post, "oauth2/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        oauth.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.ClientId}:{encoded}")));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(oauth, Ct)).StatusCode);
    }

    /// <summary>A clock that stands still until a test moves it, to the millisecond.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
