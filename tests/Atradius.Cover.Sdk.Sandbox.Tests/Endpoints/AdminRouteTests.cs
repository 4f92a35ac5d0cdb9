using System.Net.Http.Json;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

/// <summary>The sandbox's own control routes refuse what they do not understand instead of doing nothing.</summary>
public sealed class AdminRouteTests
{
    [Theory]
    [InlineData("""{"days":"30"}""")]
    [InlineData("""{"day":30}""")]
    [InlineData("not json")]
    public async Task A_move_of_the_clock_it_does_not_understand_is_refused_and_the_clock_stays(string body)
    {
        // Before, such a body moved the clock by nothing and was answered 200.
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var before = sandbox.Clock.GetUtcNow();

        using var answer = await http.PostAsync("/sandbox/clock/advance", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.InRange(sandbox.Clock.GetUtcNow() - before, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_move_of_the_clock_in_days_moves_it()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var before = sandbox.Clock.GetUtcNow();

        using var answer = await http.PostAsJsonAsync("/sandbox/clock/advance", new { days = 30 }, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.InRange(sandbox.Clock.GetUtcNow() - before, TimeSpan.FromDays(30), TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
    }

    // Before, a path no request can have was a 500 with no hint, a route the gateway refuses stayed armed for ever,
    // "times":0 became 1 and "fault":"2" armed whichever fault had that number.
    [Theory]
    [InlineData("""{"method":"POST","path":"/credit-insurance/cover-management/v1/covers/","fault":"BadGatewayAfterCommit"}""", "path")]
    [InlineData("""{"method":"POST","path":"credit-insurance/cover-management/v1/covers","fault":"BadGatewayAfterCommit"}""", "path")]
    [InlineData("""{"method":"PATCH","path":"/credit-insurance/cover-management/v1/covers","fault":"BadGatewayAfterCommit"}""", "path")]
    [InlineData("""{"method":"GET","path":"/credit-insurance/cover-management/v1/cover","fault":"ServiceUnavailable"}""", "path")]
    [InlineData("""{"method":"DELETE","fault":"ServiceUnavailable"}""", "method")]
    [InlineData("""{"method":"GET","path":"/credit-insurance/cover-management/v1/covers","fault":"ServiceUnavailable","times":0}""", "times")]
    [InlineData("""{"method":"GET","path":"/credit-insurance/cover-management/v1/covers","fault":"2"}""", "fault")]
    public async Task A_fault_that_could_never_be_taken_is_refused_naming_what_is_wrong_and_nothing_is_armed(string body, string parameter)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };

        using var answer = await http.PostAsync("/sandbox/faults/arm", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        using var error = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        var entry = error.RootElement.GetProperty("errors")[0];
        Assert.Equal(parameter, entry.GetProperty("source").GetProperty("parameter").GetString());
        Assert.DoesNotContain("(Parameter", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, sandbox.Faults.ArmedCount);
    }

    [Fact]
    public async Task A_fault_armed_for_a_route_of_the_contract_is_taken()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };

        using var answer = await http.PostAsJsonAsync("/sandbox/faults/arm", new { method = "PATCH", path = "/credit-insurance/cover-management/v1/covers/70001235/cover-type", fault = "ServiceUnavailable", times = 2 }, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(2, sandbox.Faults.ArmedCount);
    }

    [Fact]
    public async Task A_notice_for_an_unknown_cover_is_404_and_a_bad_amount_names_newAmount()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };

        using var unknown = await http.PostAsJsonAsync("/sandbox/covers/99999999/withdrawal-notice", new { }, Ct);
        using var badAmount = await http.PostAsJsonAsync($"/sandbox/covers/{SandboxFixtures.ExistingCreditLimitCoverId}/reduction-notice", new { newAmount = 30_500 }, Ct);
        using var unknownBuyer = await http.PostAsJsonAsync("/sandbox/buyers/99999999/rating", new { rating = 50 }, Ct);
        using var fraction = await http.PostAsJsonAsync($"/sandbox/buyers/{SandboxFixtures.WellRatedDutchBuyerId}/rating", new { rating = 50.9 }, Ct);

        Assert.Equal((HttpStatusCode.NotFound, "coverId"), (unknown.StatusCode, await ParameterAsync(unknown)));
        Assert.Equal((HttpStatusCode.BadRequest, "newAmount"), (badAmount.StatusCode, await ParameterAsync(badAmount)));
        Assert.Equal((HttpStatusCode.NotFound, "buyerId"), (unknownBuyer.StatusCode, await ParameterAsync(unknownBuyer)));
        Assert.Equal((HttpStatusCode.BadRequest, "rating"), (fraction.StatusCode, await ParameterAsync(fraction)));
    }

    private static async Task<string?> ParameterAsync(HttpResponseMessage answer)
    {
        using var error = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        return error.RootElement.GetProperty("errors")[0].GetProperty("source").GetProperty("parameter").GetString();
    }

    [Fact]
    public async Task A_test_in_another_process_switches_irregularities_and_resets_the_counters()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };

        using var off = await http.PostAsJsonAsync("/sandbox/irregularities", new { on = false }, Ct);
        using var unclear = await http.PostAsJsonAsync("/sandbox/irregularities", new { on = "no" }, Ct);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unclear.StatusCode);
        Assert.False(sandbox.Irregularities);

        using var api = await CreateAsync(sandbox);
        await api.ListAsync(Covers);
        using var statistics = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/sandbox/statistics", Ct));
        Assert.True(statistics.RootElement.GetProperty("requests").GetInt64() > 0);
        Assert.Equal(0, statistics.RootElement.GetProperty("rateLimitedResponses").GetInt64());
        using var reset = await http.DeleteAsync("/sandbox/statistics", Ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, sandbox.Statistics.Requests);
    }
}
