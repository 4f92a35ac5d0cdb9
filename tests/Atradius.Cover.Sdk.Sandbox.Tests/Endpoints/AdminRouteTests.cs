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
}
