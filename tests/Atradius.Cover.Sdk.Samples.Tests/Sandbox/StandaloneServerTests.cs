using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Atradius.Cover.Sdk.Samples.Tests.Support;

namespace Atradius.Cover.Sdk.Samples.Tests.Sandbox;

/// <summary>The sandbox's standalone server configured the way a shell or a container sets it up.</summary>
public sealed class StandaloneServerTests
{
    [Theory]
    [InlineData("ATRADIUS_SANDBOX_TOKEN_LIFETIME")]
    [InlineData("ATRADIUS_SANDBOX_TOKEN-LIFETIME")]
    public async Task Reads_the_token_lifetime_from_the_environment_under_a_name_a_shell_can_set_and_under_the_older_one(string variable)
    {
        await using var server = await StandaloneSandbox.StartAsync(new Dictionary<string, string> { [variable] = "777" }, TestContext.Current.CancellationToken);

        Assert.Equal(777, await ExpiresInAsync(server.BaseAddress));
    }

    [Theory]
    [InlineData("ATRADIUS_SANDBOX_TOKEN_LIFETIME", "0", "TokenLifetime must be at least")]
    [InlineData("ATRADIUS_SANDBOX_SEED", "forty-two", "--seed must be a whole number")]
    public async Task An_option_it_cannot_use_stops_it_with_a_line_saying_why_not_a_stack_trace(string variable, string value, string said)
    {
        var (exitCode, output) = await StandaloneSandbox.RunUntilExitAsync(new Dictionary<string, string> { [variable] = value }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("The sandbox could not start: ", output, StringComparison.Ordinal);
        Assert.Contains(said, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tokenlifetime", "5", "'--tokenlifetime'")]
    [InlineData("--notice-periods", "60", "'--notice-periods'")]
    [InlineData("-s", "5", "'-s'")]
    [InlineData("--seed=7", "--quiet-mode", "'--quiet-mode'")]
    [InlineData("--seed", null, "'--seed' needs a value")]
    public async Task An_option_it_does_not_know_stops_it_with_a_line_naming_the_options_it_knows(string option, string? value, string said)
    {
        // Before, an unknown or mistyped option was read and never used: the sandbox started on the default it was
        // meant to change.
        var arguments = value is null ? new[] { option } : [option, value];
        var (exitCode, output) = await StandaloneSandbox.RunUntilExitAsync(new Dictionary<string, string>(), TestContext.Current.CancellationToken, arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains("The sandbox could not start: ", output, StringComparison.Ordinal);
        Assert.Contains(said, output, StringComparison.Ordinal);
        Assert.Contains("Known options: --url, --urls, --seed, --buyers, --covers, --token-lifetime, --referral-delay, --notice-period,", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--notice-period", "400000000", "NoticePeriod must be at most ten years")]
    [InlineData("--state", "", "StatePath must name a file")]
    [InlineData("--url", "http://0.0.0.0:0", "loopback")]
    [InlineData("--url", "http://*:0", "loopback")]
    [InlineData("--url", "http://localhost:0", "free port on localhost")]
    [InlineData("--url", "http://127.0.0.1:0/base", "has a path")]
    [InlineData("--covers", "2000", "BuyerCount of at least 678 (the standalone server's --buyers)")]
    public async Task An_option_value_it_cannot_use_stops_it_with_a_line_saying_why(string option, string value, string said)
    {
        // Before, the notice period was no option (the sandbox started), an empty state path and an address off the
        // loopback interface started the sandbox, 2000 covers over the default 300 buyers started it with 867, and
        // an address the web server refused stopped it with a stack trace.
        var (exitCode, output) = await StandaloneSandbox.RunUntilExitAsync(new Dictionary<string, string>(), TestContext.Current.CancellationToken, option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains("The sandbox could not start: ", output, StringComparison.Ordinal);
        Assert.Contains(said, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_world_without_a_cover_count_starts_with_the_covers_its_buyers_hold()
    {
        // Only --covers asked for is held to the buyers' room: the default's 40 is cut down to what 20 buyers hold.
        await using var server = await StandaloneSandbox.StartAsync(new Dictionary<string, string> { ["ATRADIUS_SANDBOX_BUYERS"] = "20" }, TestContext.Current.CancellationToken);

        Assert.StartsWith("http://127.0.0.1:", server.BaseAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_state_path_in_the_environment_stops_it_with_a_line_saying_why()
    {
        // Before, ATRADIUS_SANDBOX_STATE= started the sandbox on "./.lock", and Ctrl+C crashed it when the state was saved.
        var (exitCode, output) = await StandaloneSandbox.RunUntilExitAsync(new Dictionary<string, string> { ["ATRADIUS_SANDBOX_STATE"] = "" }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("StatePath must name a file", output, StringComparison.Ordinal);
    }

    private static async Task<int> ExpiresInAsync(string baseAddress)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "authenticate/v2/tokens");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("sandbox-read-write:sandbox-read-write-secret")));
        request.Headers.Add("Atradius-App-Key", "sandbox-app-key-read-write");
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").GetProperty("expires_in").GetInt32();
    }
}
