using Atradius.Cover.Samples.QuickStart;
using Microsoft.Extensions.Configuration;

namespace Atradius.Cover.Sdk.Samples.Tests.QuickStart;

public sealed class QuickStartTests
{
    [Fact]
    public async Task Runs_the_whole_journey_against_the_embedded_sandbox_when_nothing_is_configured()
    {
        var (exitCode, output, error) = await RunAsync(new Dictionary<string, string?>());

        Assert.True(exitCode == QuickStartProgram.Succeeded, $"exit code {exitCode}: {error}{output}");
        Assert.Equal(string.Empty, error);
        Assert.Contains("talking to the sandbox started in this process", output, StringComparison.Ordinal);
        Assert.Contains("Found Tulip Trading B.V. in Amsterdam: Atradius Buyer ID 10042317.", output, StringComparison.Ordinal);
        Assert.Contains("Decided at once: cover", output, StringComparison.Ordinal);
        Assert.Contains("Referred to an underwriter for a manual review", output, StringComparison.Ordinal);
        Assert.Contains("The underwriter decided: cover", output, StringComparison.Ordinal);
        Assert.Contains("EUR 250,000", output, StringComparison.Ordinal);
        Assert.Contains("Increase decided:", output, StringComparison.Ordinal);
        Assert.Contains("Reduced: cover", output, StringComparison.Ordinal);
        Assert.Contains("now carries reference QUICKSTART-", output, StringComparison.Ordinal);
        Assert.Contains("is now a credit-limit of EUR 30,000", output, StringComparison.Ordinal);
        Assert.Contains("is now historic (Cancelled decision)", output, StringComparison.Ordinal);
        Assert.Contains("The portfolio holds", output, StringComparison.Ordinal);
        Assert.Contains("version 4: The customer reference was changed", output, StringComparison.Ordinal);
        Assert.EndsWith("Done: the whole journey ran." + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_every_missing_setting_and_exits_with_an_error_when_a_real_endpoint_is_half_configured()
    {
        var (exitCode, output, error) = await RunAsync(new Dictionary<string, string?>
        {
            ["Atradius:Cover:BaseAddress"] = "https://cover.example.com/",
        });

        Assert.Equal(QuickStartProgram.BadSettings, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("The settings under Atradius:Cover are incomplete or wrong", error, StringComparison.Ordinal);
        Assert.Contains("TokenEndpoint is required", error, StringComparison.Ordinal);
        Assert.Contains("ClientSecret is required", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var exitCode = await QuickStartProgram.RunAsync(configuration, output, error, timeout.Token);
        return (exitCode, output.ToString(), error.ToString());
    }
}
