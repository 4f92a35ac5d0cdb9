using System.Diagnostics;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>A service failing every request: the circuit opens, calls fail fast and clearly, the service is left alone, and it recovers.</summary>
public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task An_open_circuit_fails_fast_with_a_clear_error_stops_the_requests_and_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        options.Resilience.MaxRetryAttempts = 2;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(10);
        options.Resilience.CircuitBreakerMinimumThroughput = 10;
        options.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(2);
        options.Resilience.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(1);
        options.Resilience.CircuitBreakerFailureRatio = 0.5;
        await using var cover = new CoverClient(options);
        await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);

        sandbox.Faults.RetryAfterSeconds = 0;
        sandbox.Faults.FailEveryRequest = true;

        // Calls fail with the service's 503 until the breaker has seen enough of them.
        CoverTransportException? open = null;
        var callsBeforeOpen = 0;
        for (; callsBeforeOpen < 50 && open is null; callsBeforeOpen++)
        {
            var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct));
            open = error as CoverTransportException;
            Assert.True(open is not null || error.Status == 503, error.ToString());
        }

        Assert.NotNull(open);
        Assert.Contains("circuit", open.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(open.RequestMayHaveBeenProcessed);

        // While open: fast, clear failures, and the service sees (almost) nothing: at most one probe per break duration.
        var requests = sandbox.Statistics.Requests;
        var watch = Stopwatch.StartNew();
        const int openCalls = 200;
        for (var i = 0; i < openCalls; i++)
        {
            var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct));
            Assert.True(error is CoverTransportException || error.Status == 503, error.ToString());
        }

        watch.Stop();
        var probes = sandbox.Statistics.Requests - requests;
        var allowedProbes = (long)Math.Ceiling(watch.Elapsed / options.Resilience.CircuitBreakerBreakDuration) * (options.Resilience.MaxRetryAttempts + 1);
        Assert.InRange(probes, 0, allowedProbes);

        // The service recovers: after the break the half-open probe succeeds and calls flow again.
        sandbox.Faults.FailEveryRequest = false;
        var recovered = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);
                break;
            }
            catch (CoverApiException) when (recovered.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100, ct);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);
        }

        Figures.Write(
            "Circuit breaker",
            ("calls before open", callsBeforeOpen),
            ("503 answered", sandbox.Statistics.ServiceUnavailableResponses),
            ("calls while open", openCalls),
            ("open-phase duration ms", watch.ElapsedMilliseconds),
            ("requests reaching the sandbox while open", probes),
            ("recovered after ms", recovered.ElapsedMilliseconds),
            ("message", open.Message));
    }
}
