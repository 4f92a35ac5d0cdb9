using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Atradius.Cover.Sdk.Sandbox.Faults;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Faults;

/// <summary>One armed fault hits exactly the next matching request; after-commit faults leave the change made.</summary>
public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData(SandboxFault.BadGatewayAfterCommit, HttpStatusCode.BadGateway)]
    [InlineData(SandboxFault.GatewayTimeoutAfterCommit, HttpStatusCode.GatewayTimeout)]
    public async Task A_gateway_error_after_commit_hides_an_application_that_was_made(SandboxFault fault, HttpStatusCode status)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.ArmNext("POST", Covers, fault);
        var answer = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 30_000));
        Assert.Equal(status, answer.Status);
        Assert.NotNull(answer.FaultString);
        Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.WellRatedDutchBuyerId}"));

        // the fault was used up: applying again meets the cover that exists
        var again = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 30_000));
        Assert.Equal("Credit limit/credit check already exists for this buyer.", again.Detail);
        Assert.Equal(0, sandbox.Faults.ArmedCount);
    }

    [Theory]
    [InlineData("/credit-insurance/cover-management/v1/covers?customerId=200417")]
    [InlineData("/credit-insurance/cover-management/v1/covers/")]
    [InlineData("credit-insurance/cover-management/v1/covers")]
    [InlineData("/credit-insurance/cover-management/v1/cover")]
    [InlineData("/credit-insurance/cover-management/v1/covers/70001235/cover-type")]
    public void A_fault_armed_for_a_path_no_request_can_have_is_refused_rather_than_left_armed_for_ever(string path)
    {
        var faults = new SandboxFaults();

        var refused = Assert.Throws<ArgumentException>(() => faults.ArmNext("GET", path, SandboxFault.ServiceUnavailable));

        Assert.Equal("path", refused.ParamName);
        Assert.Equal(0, faults.ArmedCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_fault_for_the_oauth2_route_is_armed_only_where_the_route_is_served(bool served)
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { OAuth2TokenRoute = served }, Ct);

        var arm = () => sandbox.Faults.ArmNext("POST", "/oauth2/token", SandboxFault.ServiceUnavailable);

        if (served)
        {
            arm();
            Assert.Equal(1, sandbox.Faults.ArmedCount);
        }
        else
        {
            Assert.Equal("path", Assert.Throws<ArgumentException>(arm).ParamName);
            Assert.Equal(0, sandbox.Faults.ArmedCount);
        }
    }

    [Fact]
    public async Task A_fault_armed_in_the_options_for_a_route_the_sandbox_will_not_serve_is_refused_at_the_start()
    {
        // The options' faults cannot know which routes the sandbox will serve; before, the fault was copied in and
        // never taken, while the same fault armed on the running sandbox was refused.
        var options = new CoverSandboxOptions { OAuth2TokenRoute = false };
        options.Faults.ArmNext("POST", "/oauth2/token", SandboxFault.ServiceUnavailable);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => CoverSandbox.StartAsync(options, Ct));

        Assert.Equal("options", refused.ParamName);
        Assert.Contains("POST /oauth2/token", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CoverSandboxOptions.OAuth2TokenRoute), refused.Message, StringComparison.Ordinal);

        options.OAuth2TokenRoute = true;
        await using var sandbox = await CoverSandbox.StartAsync(options, Ct);
        Assert.Equal(1, sandbox.Faults.ArmedCount);
    }

    [Fact]
    public async Task A_dropped_or_cut_answer_after_commit_still_changes_the_cover()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.ArmNext("PUT", Covers, SandboxFault.DropAfterCommit);
        await Assert.ThrowsAsync<HttpRequestException>(() => api.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId)));
        Assert.Contains(await api.ListAsync($"{Covers}/historic"), c => c.GetProperty("coverId").GetInt64() == SandboxFixtures.ExistingCreditLimitCoverId);

        sandbox.Faults.ArmNext("POST", Covers, SandboxFault.CutBodyAfterCommit);
        await Assert.ThrowsAnyAsync<Exception>(() => api.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 10_000)));
        Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.VeryGoodBritishBuyerId}"));
        Assert.Equal(1, sandbox.Statistics.DroppedResponses);
        Assert.Equal(1, sandbox.Statistics.AfterCommitFaults);
    }

    [Fact]
    public async Task A_cut_body_arrives_as_its_status_and_headers_then_breaks_off()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.ArmNext("POST", Covers, SandboxFault.CutBodyAfterCommit);
        using var request = new HttpRequestMessage(HttpMethod.Post, Covers) { Content = Json(Application(SandboxFixtures.VeryGoodBritishBuyerId, 10_000)) };

        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null, Ct));
        Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.VeryGoodBritishBuyerId}"));
    }

    [Fact]
    public async Task A_cut_body_reaches_a_client_that_reads_late_as_its_status_headers_and_half_its_body()
    {
        // Before, the connection was reset 100 ms after the half body was written: a client that had not read it by then
        // (a busy machine) lost the status and headers too, and saw only a dropped connection.
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var client = sandbox.ReadWriteClient;
        var token = await GetTokenAsync(http, client);
        sandbox.Faults.ArmNext("POST", Covers, SandboxFault.CutBodyAfterCommit);
        var body = Encoding.UTF8.GetBytes(Application(SandboxFixtures.VeryGoodBritishBuyerId, 10_000));
        var head = "POST " + Covers + " HTTP/1.1\r\nHost: " + sandbox.BaseAddress.Authority + "\r\nAuthorization: Bearer " + token
            + (client.AppKey is null ? string.Empty : "\r\nAtradius-App-Key: " + client.AppKey)
            + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n";

        using var socket = new TcpClient();
        await socket.ConnectAsync(sandbox.BaseAddress.Host, sandbox.BaseAddress.Port, Ct);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(body, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, Ct);

        var answer = Encoding.UTF8.GetString(received.ToArray());
        var separator = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 201", answer, StringComparison.Ordinal);
        var declared = int.Parse(Regex.Match(answer[..separator], "Content-Length: (\\d+)", RegexOptions.IgnoreCase).Groups[1].Value, CultureInfo.InvariantCulture);
        var bodyBytes = received.Length - Encoding.UTF8.GetByteCount(answer[..(separator + 4)]);
        Assert.InRange(bodyBytes, 1, declared - 1);
    }

    [Fact]
    public async Task Rate_limiting_and_unavailability_answer_before_anything_is_done()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.ArmNext("POST", Covers, SandboxFault.RateLimited);
        sandbox.Faults.ArmNext(null, null, SandboxFault.ServiceUnavailable);
        var limited = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 30_000));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Null(limited.Header("Retry-After"));
        var unavailable = await api.GetAsync(Covers);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.Equal("The Service is temporarily unavailable", unavailable.Json.GetProperty("faultstring").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task An_armed_fault_waits_for_its_method_and_path()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.ArmNext("PUT", Covers, SandboxFault.ServiceUnavailable, times: 2);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 30_000))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.WellRatedDutchBuyerId))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.WellRatedDutchBuyerId))).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.WellRatedDutchBuyerId))).Status);
    }

    [Fact]
    public async Task A_slow_body_arrives_whole_and_the_token_route_can_be_faulted_by_name()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        sandbox.Faults.SlowBodyChunkDelay = TimeSpan.FromMilliseconds(20);
        using var api = await CreateAsync(sandbox);
        var plain = (await api.GetAsync(Covers)).Body;
        sandbox.Faults.ArmNext("GET", Covers, SandboxFault.SlowBody);
        Assert.Equal(plain, (await api.GetAsync(Covers)).Body);

        sandbox.Faults.ArmNext("POST", TokenPath, SandboxFault.ServiceUnavailable);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.SendAsync(TokenRequest(sandbox.ReadWriteClient), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(TokenRequest(sandbox.ReadWriteClient), Ct)).StatusCode);
    }

    [Fact]
    public async Task Random_shares_inject_faults_reproducibly_and_reset_turns_them_off()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.RateLimitedShare = 0.3;
        sandbox.Faults.ServiceUnavailableShare = 0.2;
        sandbox.Faults.RetryAfterSeconds = 2;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await api.GetAsync($"{Buyers}/{SandboxFixtures.WellRatedDutchBuyerId}")).Status);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Equal(statuses.Count(s => s != HttpStatusCode.OK), sandbox.Statistics.FaultsInjected);

        sandbox.Faults.Reset();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.Faults.RateLimitedShare = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.Faults.ArmNext("GET", Covers, SandboxFault.SlowBody, 0));
    }

    [Fact]
    public async Task An_armed_fault_answers_no_sooner_than_the_minimum_latency()
    {
        var latency = TimeSpan.FromMilliseconds(300);
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.SetLatency(latency);
        sandbox.Faults.ArmNext("GET", Covers, SandboxFault.ServiceUnavailable);
        sandbox.Faults.ArmNext("GET", Covers, SandboxFault.RateLimited);

        foreach (var expected in new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK })
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Assert.Equal(expected, (await api.GetAsync(Covers)).Status);

            // a little slack for the timer's resolution; without the latency a local answer takes a few milliseconds
            Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) >= latency - TimeSpan.FromMilliseconds(20), $"{expected} came too soon");
        }
    }

    [Theory]
    [InlineData(SandboxFault.RateLimited)]
    [InlineData(SandboxFault.ServiceUnavailable)]
    [InlineData(SandboxFault.BadGatewayAfterCommit)]
    [InlineData(SandboxFault.GatewayTimeoutAfterCommit)]
    [InlineData(SandboxFault.DropAfterCommit)]
    [InlineData(SandboxFault.CutBodyAfterCommit)]
    [InlineData(SandboxFault.SlowBody)]
    public void Every_armed_fault_gets_the_latency_its_request_would_get_without_it(SandboxFault fault)
    {
        var faults = new SandboxFaults { MinLatency = TimeSpan.FromSeconds(2), MaxLatency = TimeSpan.FromSeconds(3) };
        faults.ArmNext("GET", Covers, fault);
        faults.ArmNext("POST", TokenPath, fault);

        var decision = faults.Decide("GET", Covers, isTokenEndpoint: false);
        Assert.Equal(fault, decision.Fault);
        Assert.InRange(decision.Latency, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        // token routes spared by ExcludeTokenEndpoints get no latency, so a fault armed on one gets none either
        var token = faults.Decide("POST", TokenPath, isTokenEndpoint: true);
        Assert.Equal(fault, token.Fault);
        Assert.Equal(TimeSpan.Zero, token.Latency);
        Assert.Equal(TimeSpan.Zero, faults.Decide("POST", TokenPath, isTokenEndpoint: true).Latency);
    }

    [Fact]
    public async Task A_fault_armed_in_shared_options_hits_each_sandbox_once()
    {
        var options = new CoverSandboxOptions();
        options.Faults.ArmNext("GET", Covers, SandboxFault.ServiceUnavailable);
        await using var first = await CoverSandbox.StartAsync(options, Ct);
        await using var second = await CoverSandbox.StartAsync(options, Ct);
        using var firstApi = await CreateAsync(first);
        using var secondApi = await CreateAsync(second);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await firstApi.GetAsync(Covers)).Status);
        Assert.Equal(HttpStatusCode.OK, (await firstApi.GetAsync(Covers)).Status);
        Assert.Equal(1, second.Faults.ArmedCount);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await secondApi.GetAsync(Covers)).Status);
        Assert.Equal(HttpStatusCode.OK, (await secondApi.GetAsync(Covers)).Status);
        Assert.Equal(0, second.Faults.ArmedCount);
        Assert.Equal(1, options.Faults.ArmedCount);
    }
}
