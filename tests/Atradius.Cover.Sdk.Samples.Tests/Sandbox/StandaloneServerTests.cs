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
