using Atradius.Cover.Samples.QuickStart;
using Atradius.Cover.Sdk.Samples.Tests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.Samples.Tests.QuickStart;

public sealed class QuickStartTests
{
    private static readonly string[] Steps =
    [
        "Step 1 of 12: Read the policy details.",
        "Step 2 of 12: Find the buyers by identifier.",
        "Step 3 of 12: Apply for a small credit limit (decided at once).",
        "Step 4 of 12: Apply for a large credit limit and wait for the underwriter.",
        "Step 5 of 12: Increase the small credit limit (supersede).",
        "Step 6 of 12: Reduce it again.",
        "Step 7 of 12: Update the customer reference.",
        "Step 8 of 12: Convert an indication into a credit limit.",
        "Step 9 of 12: Cancel the covers this run applied for.",
        "Step 10 of 12: List the portfolio.",
        "Step 11 of 12: Read a cover's history.",
        "Step 12 of 12: List my buyers whose rating changed.",
    ];

    [Fact]
    public async Task Runs_every_step_against_the_in_process_sandbox_when_no_service_is_configured()
    {
        var (exitCode, output, error) = await RunAsync(new Dictionary<string, string?>());

        Assert.True(exitCode == QuickStartProgram.Succeeded, $"exit code {exitCode}: {error}{output}");
        Assert.Equal(string.Empty, error);
        Assert.Contains("talking to the sandbox started in this process", output, StringComparison.Ordinal);
        AssertEveryStep(output);
        Assert.Contains("Found Tulip Trading B.V. (Atradius buyer id 10042317, rated 35) by VAT NL859338221B01 in NLD.", output, StringComparison.Ordinal);
        Assert.Contains("Decided at once: credit-limit", output, StringComparison.Ordinal);
        Assert.Contains("The underwriter decided: credit-limit", output, StringComparison.Ordinal);
        Assert.Contains("Increase applied: credit-limit", output, StringComparison.Ordinal);
        Assert.Contains("Reduction applied: credit-limit", output, StringComparison.Ordinal);
        Assert.Contains("Reference update applied", output, StringComparison.Ordinal);
        Assert.Contains("Converted: credit-limit 70001235", output, StringComparison.Ordinal);
        Assert.Contains("Cancellation of buyer 10042317's credit limit applied", output, StringComparison.Ordinal);
        Assert.Contains("The portfolio holds", output, StringComparison.Ordinal);
        Assert.Contains("is historic: CCLD (Cancelled decision)", output, StringComparison.Ordinal);
        Assert.Contains("of my buyers are rated worse than before", output, StringComparison.Ordinal);
        Assert.EndsWith("Done: all 12 steps of the journey worked." + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_the_same_journey_against_a_configured_service_started_as_its_own_process()
    {
        await using var server = await StandaloneSandbox.StartAsync(TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await RunAsync(ConfiguredService(server));

        Assert.True(exitCode == QuickStartProgram.Succeeded, $"exit code {exitCode}: {error}{output}{server.Output}");
        Assert.Contains("talking to the Cover API at " + server.BaseAddress, output, StringComparison.Ordinal);
        AssertEveryStep(output);

        // Against a configured service, a step no integration has confirmed runs only when asked for, and an indication
        // is converted only when named: a conversion cannot be undone.
        Assert.Contains("Skipped: no public integration shows how the real service changes only the reference", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Reference update applied", output, StringComparison.Ordinal);
        Assert.Contains("Skipped: a conversion cannot be undone", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Converted:", output, StringComparison.Ordinal);
        Assert.EndsWith("Done: 10 of 12 steps of the journey worked; skipped (see above): step 7 and 8." + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converts_against_a_configured_service_only_the_indication_it_is_told_to()
    {
        await using var server = await StandaloneSandbox.StartAsync(TestContext.Current.CancellationToken);
        var settings = ConfiguredService(server);
        settings["QuickStart:IndicationCoverId"] = "70001235";
        settings["QuickStart:TryUnconfirmedSteps"] = "true";

        var (exitCode, output, error) = await RunAsync(settings);

        Assert.True(exitCode == QuickStartProgram.Succeeded, $"exit code {exitCode}: {error}{output}{server.Output}");
        Assert.Contains("Converted: credit-limit 70001235", output, StringComparison.Ordinal);
        Assert.EndsWith("Done: all 12 steps of the journey worked." + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_fails_after_applying_cancels_the_covers_it_applied_for_so_the_next_run_is_not_refused()
    {
        // The large application goes to an underwriter, who does not decide within the wait the run allows.
        await using var server = await StandaloneSandbox.StartAsync(TestContext.Current.CancellationToken);
        var settings = ConfiguredService(server);
        settings["Atradius:Cover:WaitTimeout"] = "00:00:00.100";

        var (exitCode, output, error) = await RunAsync(settings);

        Assert.Equal(QuickStartProgram.StepFailed, exitCode);
        Assert.Contains("Step 4 of 12 (Apply for a large credit limit and wait for the underwriter) failed", error, StringComparison.Ordinal);
        Assert.Contains("Buyer 10042317's credit limit: cancellation applied.", output, StringComparison.Ordinal);

        // Run again with the wait it needs: nothing the failed run applied for stands in the way.
        settings.Remove("Atradius:Cover:WaitTimeout");
        (exitCode, output, error) = await RunAsync(settings);
        Assert.True(exitCode == QuickStartProgram.Succeeded, $"exit code {exitCode}: {error}{output}{server.Output}");
    }

    [Fact]
    public async Task Stopped_while_an_application_is_on_its_way_the_run_is_stopped_and_says_the_application_may_have_been_made()
    {
        // Ctrl+C while the small application's POST is out: the SDK says the outcome is unknown, which is a stop, not a
        // failed step (exit 3, no cancelling of covers it does not know of), and the message says where to look.
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var services = new ServiceCollection();
        services.AddAtradiusCover(o =>
        {
            o.BaseAddress = sandbox.BaseAddress;
            o.ClientId = sandbox.ReadWriteClient.ClientId;
            o.ClientSecret = sandbox.ReadWriteClient.ClientSecret;
            o.AppKey = sandbox.ReadWriteClient.AppKey;
            o.CustomerId = sandbox.ReadWriteClient.CustomerId;
        }).HttpClientBuilder.AddHttpMessageHandler(() => new StopOnFirstPostHandler(stop));
        await using var provider = services.BuildServiceProvider();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(JourneyInputs(sandbox.BaseAddress.ToString())).Build().GetSection("QuickStart").Get<JourneySettings>()!;
        using var output = new StringWriter();

        var journey = new QuickStartJourney(provider.GetRequiredService<CoverClient>(), settings, againstSandbox: true, output);
        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journey.RunAsync(stop.Token));

        Assert.IsType<CoverOutcomeUnknownException>(stopped.InnerException);
        Assert.Contains("Stopped while it was being sent: The application", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("may have been created", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Stops the run as the first POST goes out, and holds it until the stop reaches it.</summary>
    private sealed class StopOnFirstPostHandler(CancellationTokenSource stop) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/covers", StringComparison.Ordinal))
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The standalone sandbox's read-write client as a configured service, and the journey's inputs.</summary>
    private static Dictionary<string, string?> ConfiguredService(StandaloneSandbox server)
    {
        var settings = JourneyInputs(server.BaseAddress);
        settings["Atradius:Cover:ClientId"] = "sandbox-read-write";
        settings["Atradius:Cover:ClientSecret"] = "sandbox-read-write-secret";
        settings["Atradius:Cover:AppKey"] = "sandbox-app-key-read-write";
        settings["Atradius:Cover:CustomerId"] = "200417";
        settings["Atradius:Cover:PollInterval"] = "00:00:00.250";
        return settings;
    }

    /// <summary>A service's address and the journey's inputs (buyers of the sandbox's world), no client settings.</summary>
    private static Dictionary<string, string?> JourneyInputs(string baseAddress) => new()
    {
        ["Atradius:Cover:BaseAddress"] = baseAddress,
        ["QuickStart:BuyerCountry"] = "NLD",
        ["QuickStart:BuyerIdentifier"] = "NL859338221B01",
        ["QuickStart:BuyerIdentifierType"] = "VAT",
        ["QuickStart:ReferredBuyerCountry"] = "GBR",
        ["QuickStart:ReferredBuyerIdentifier"] = "GB293847561",
        ["QuickStart:ReferredBuyerIdentifierType"] = "VAT",
        ["QuickStart:SmallAmount"] = "40000",
        ["QuickStart:LargeAmount"] = "300000",
        ["QuickStart:Currency"] = "EUR",
    };

    [Fact]
    public async Task A_number_setting_that_is_not_a_number_is_named_without_a_stack_trace()
    {
        var (exitCode, output, error) = await RunAsync(new Dictionary<string, string?>
        {
            ["Atradius:Cover:BaseAddress"] = "https://api-uat.atradius.com",
            ["Atradius:Cover:CustomerId"] = "ABC123",
        });

        Assert.Equal(QuickStartProgram.BadSettings, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("A setting could not be read", error, StringComparison.Ordinal);
        Assert.Contains("Atradius:Cover:CustomerId", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_every_missing_setting_and_exits_with_an_error_when_a_service_is_half_configured()
    {
        var (exitCode, output, error) = await RunAsync(new Dictionary<string, string?>
        {
            ["Atradius:Cover:BaseAddress"] = "https://api-uat.atradius.com",
            ["QuickStart:SmallAmount"] = "1500",
        });

        Assert.Equal(QuickStartProgram.BadSettings, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("QuickStart:BuyerIdentifier is required", error, StringComparison.Ordinal);
        Assert.Contains("QuickStart:SmallAmount must be a positive multiple of 1000", error, StringComparison.Ordinal);

        // The client's settings in the same run, not only once the journey's inputs are right.
        Assert.Contains("The settings under Atradius:Cover are incomplete or wrong", error, StringComparison.Ordinal);
        Assert.Contains("ClientSecret is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_client_settings_that_are_missing()
    {
        var (exitCode, output, error) = await RunAsync(JourneyInputs("https://api-uat.atradius.com"));

        Assert.Equal(QuickStartProgram.BadSettings, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("The settings under Atradius:Cover are incomplete or wrong", error, StringComparison.Ordinal);
        Assert.Contains("ClientSecret is required", error, StringComparison.Ordinal);
        Assert.Contains("CustomerId is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_non_zero_naming_the_step_that_failed()
    {
        await using var server = await StandaloneSandbox.StartAsync(TestContext.Current.CancellationToken);

        var settings = ConfiguredService(server);
        settings["QuickStart:BuyerIdentifier"] = "NL000000000B99";

        var (exitCode, output, error) = await RunAsync(settings);

        Assert.Equal(QuickStartProgram.StepFailed, exitCode);
        Assert.Contains("Step 1 of 12: Read the policy details.", output, StringComparison.Ordinal);
        Assert.Contains("Step 2 of 12 (Find the buyers by identifier) failed: no buyer matches VAT NL000000000B99 in NLD.", error, StringComparison.Ordinal);
    }

    private static void AssertEveryStep(string output)
    {
        var position = 0;
        foreach (var step in Steps)
        {
            var found = output.IndexOf(step, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{step}' is missing or out of order in:{Environment.NewLine}{output}");
            position = found;
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        var exitCode = await QuickStartProgram.RunAsync(configuration, output, error, timeout.Token);
        return (exitCode, output.ToString(), error.ToString());
    }
}
