using System.Diagnostics;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Faults_are_off_by_default()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        }

        Assert.Equal(0, sandbox.Statistics.FaultsInjected);
    }

    [Fact]
    public async Task Rate_limiting_answers_429_with_retry_after_and_leaves_token_endpoints_alone()
    {
        var options = new CoverSandboxOptions();
        options.Faults.RateLimitedShare = 1;
        options.Faults.RetryAfterSeconds = 0;
        await using var sandbox = await CoverSandbox.StartAsync(options, Ct);
        using var api = await CreateAsync(sandbox); // the token request is not faulted
        var answer = await api.GetAsync(Covers);
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal("0", answer.Header("Retry-After"));
        Assert.Equal("RATE_LIMITED", answer.FirstError.GetProperty("code").GetString());
        Assert.Equal(1, sandbox.Statistics.RateLimitedResponses);

        sandbox.Faults.ExcludeTokenEndpoints = false;
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.PostAsync("oauth2/token", form, Ct)).StatusCode);
    }

    [Fact]
    public async Task Shares_are_deterministic_for_a_seed()
    {
        async Task<string> PatternAsync()
        {
            var options = new CoverSandboxOptions();
            options.Faults.Seed = 99;
            options.Faults.RateLimitedShare = 0.2;
            options.Faults.ServiceUnavailableShare = 0.2;
            await using var sandbox = await CoverSandbox.StartAsync(options, Ct);
            using var api = await CreateAsync(sandbox);
            var pattern = "";
            for (var i = 0; i < 40; i++)
            {
                pattern += (int)(await api.GetAsync(Covers)).Status switch { 200 => '.', 429 => 'R', 503 => 'U', _ => '?' };
            }

            Assert.Equal(pattern.Count(c => c == 'R'), sandbox.Statistics.RateLimitedResponses);
            Assert.Equal(pattern.Count(c => c == 'U'), sandbox.Statistics.ServiceUnavailableResponses);
            return pattern;
        }

        var first = await PatternAsync();
        Assert.Equal(first, await PatternAsync());
        Assert.Contains("R", first, StringComparison.Ordinal);
        Assert.Contains("U", first, StringComparison.Ordinal);
        Assert.Contains(".", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_every_request_is_503_until_switched_off()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.FailEveryRequest = true;
        sandbox.Faults.RetryAfterSeconds = 7;
        for (var i = 0; i < 5; i++)
        {
            var answer = await api.GetAsync(Covers);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Equal("7", answer.Header("Retry-After"));
        }

        sandbox.Faults.FailEveryRequest = false;
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        Assert.Equal(5, sandbox.Statistics.ServiceUnavailableResponses);
    }

    [Fact]
    public async Task Dropped_response_commits_the_change_and_a_retry_with_the_key_gets_the_lost_answer()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.DroppedResponseShare = 1;
        var body = Application(SandboxFixtures.WellRatedDutchBuyerId, 30000);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => api.PostAsync(Covers, body, ("Idempotency-Key", "lost-1")));
        Assert.Equal(1, sandbox.Statistics.DroppedResponses);
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);
        var created = Assert.Single(sandbox.GetCovers(), c => c.BuyerId == SandboxFixtures.WellRatedDutchBuyerId);

        sandbox.Faults.DroppedResponseShare = 0;
        var retry = await api.PostAsync(Covers, body, ("Idempotency-Key", "lost-1"));
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal(created.CoverId, retry.CoverId);
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);

        // without a key the retry is a second application, refused as a duplicate of the first
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync(Covers, body)).Status);
    }

    [Fact]
    public async Task Latency_is_added_fixed_or_in_a_range()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.Faults.SetLatency(TimeSpan.FromMilliseconds(150));
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        Assert.True(watch.ElapsedMilliseconds >= 140, $"{watch.ElapsedMilliseconds} ms");
        sandbox.Faults.MinLatency = TimeSpan.FromMilliseconds(10);
        sandbox.Faults.MaxLatency = TimeSpan.FromMilliseconds(30);
        watch.Restart();
        await api.GetAsync(Covers);
        Assert.True(watch.ElapsedMilliseconds >= 9, $"{watch.ElapsedMilliseconds} ms");
        Assert.Equal(2, sandbox.Statistics.DelayedRequests);
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.Faults.RateLimitedShare = 1.5);
    }

    [Fact]
    public async Task Faults_can_be_set_through_the_admin_endpoint()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var put = await http.PutAsync("sandbox/faults", Json("""{"serviceUnavailableShare":1,"retryAfterSeconds":3}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1, sandbox.Faults.ServiceUnavailableShare);
        using var api = await CreateAsync(sandbox);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.GetAsync(Covers)).Status);
        using var reset = await http.DeleteAsync("sandbox/faults", Ct);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
        using var stats = await http.GetAsync("sandbox/statistics", Ct);
        Assert.Contains("\"serviceUnavailableResponses\":1", await stats.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var off = await http.PutAsync("sandbox/idempotency", Json("""{"enabled":false}"""), Ct);
        Assert.False(sandbox.IdempotencyEnabled);
    }
}
