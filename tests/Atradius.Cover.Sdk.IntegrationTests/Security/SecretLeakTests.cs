using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Atradius.Cover.Sdk.IntegrationTests.Security;

/// <summary>With Trace logging, bodies logged and failures of every kind, no secret shows up anywhere a user or an operator can see.</summary>
public sealed class SecretLeakTests
{
    [Theory]
    [InlineData(CoverTokenEndpointStyle.Atradius)]
    [InlineData(CoverTokenEndpointStyle.OAuth2)]
    public async Task Client_secret_app_key_and_tokens_appear_in_no_log_exception_ToString_or_telemetry(CoverTokenEndpointStyle style)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromMilliseconds(100), OAuth2TokenRoute = style == CoverTokenEndpointStyle.OAuth2 }, ct);
        var tokens = new ConcurrentDictionary<string, byte>();
        var telemetry = new ConcurrentQueue<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Atradius.Cover", StringComparison.Ordinal) || source.Name.StartsWith("System.Net", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                telemetry.Enqueue(activity.DisplayName + " " + activity.StatusDescription);
                telemetry.Enqueue(string.Join(" ", activity.TagObjects.Select(t => t.Key + "=" + t.Value)));
                telemetry.Enqueue(string.Join(" ", activity.Events.SelectMany(e => e.Tags.Select(t => e.Name + " " + t.Key + "=" + t.Value))));
            },
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("Atradius.Cover", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            foreach (var tag in tags)
            {
                telemetry.Enqueue(instrument.Name + " " + tag.Key + "=" + tag.Value);
            }
        }

        meters.SetMeasurementEventCallback<long>(Record);
        meters.SetMeasurementEventCallback<double>(Record);
        meters.SetMeasurementEventCallback<int>(Record);
        meters.Start();

        await using var services = SandboxClients.Services(
            sandbox,
            style,
            s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging()),
            o => SandboxClients.ForFaults(o),
            b => b.HttpClientBuilder.AddHttpMessageHandler(() => new TokenCapturingHandler(tokens)));
        var cover = services.GetRequiredService<ICoverClient>();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<CoverClientOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName);
        var seen = new List<string> { options.ToString() };

        // A run touching every kind of call and failure.
        seen.Add((await cover.Policies.GetAsync(cancellationToken: ct)).Value.ToString()!);
        var decided = await cover.Applications.SubmitAsync(ExactlyOnceTestsApplication(SandboxFixtures.WellRatedDutchBuyerId), cancellationToken: ct);
        var referred = await cover.Applications.SubmitAsync(ExactlyOnceTestsApplication(SandboxFixtures.SatisfactoryGermanBuyerId), cancellationToken: ct);
        var waited = await referred.Operation!.WaitForCompletionAsync(ct);
        sandbox.Faults.ArmNext("PUT", "/credit-insurance/cover-management/v1/covers", SandboxFault.DropAfterCommit);
        var reduced = await cover.Decisions.ReduceAsync(decided.Cover!.Key, 10_000m, cancellationToken: ct);
        seen.AddRange([decided.ToString(), referred.ToString(), waited.ToString(), reduced.ToString()]);
        foreach (var failing in new Func<Task>[]
        {
            () => cover.Decisions.GetAsync(SandboxFixtures.WellRatedDutchBuyerId, 99_999_999, cancellationToken: ct),
            () => cover.Applications.SubmitAsync(ExactlyOnceTestsApplication(SandboxFixtures.ExistingCoverBuyerId), cancellationToken: ct),
            () => cover.Applications.SubmitAsync(ExactlyOnceTestsApplication(99_999_999), cancellationToken: ct),
        })
        {
            var error = await Assert.ThrowsAnyAsync<CoverApiException>(failing);
            seen.Add(error.ToString());
            seen.Add(error.RawBody ?? string.Empty);
        }

        // A wrong secret: the token endpoint's refusal must not echo it.
        var wrongOptions = SandboxClients.Options(sandbox, style);
        wrongOptions.ClientSecret = "not-the-secret-" + Guid.NewGuid();
        await using (var wrong = new CoverClient(wrongOptions))
        {
            seen.Add(wrongOptions.ToString());
            seen.Add((await Assert.ThrowsAsync<CoverAuthenticationException>(() => wrong.Policies.GetAsync(cancellationToken: ct))).ToString());
        }

        var logs = services.GetFakeLogCollector().GetSnapshot();
        foreach (var record in logs)
        {
            seen.Add(record.Message);
            seen.Add(record.Exception?.ToString() ?? string.Empty);
            seen.AddRange(record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []);
            seen.AddRange(record.Scopes.Select(s => s?.ToString() ?? string.Empty));
        }

        seen.AddRange(telemetry);
        Assert.NotEmpty(tokens);
        Assert.True(logs.Count > 10, $"only {logs.Count} log records; the test proves little");
        string[] secrets = [sandbox.ReadWriteClient.ClientSecret, sandbox.ReadWriteClient.AppKey!, wrongOptions.ClientSecret!, .. tokens.Keys];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(seen, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static CoverApplication ExactlyOnceTestsApplication(long buyerId) => Reliability.ExactlyOnceTests.Application(buyerId, 20_000m);

    /// <summary>Next to the socket: records every bearer token the SDK actually sends.</summary>
    private sealed class TokenCapturingHandler(ConcurrentDictionary<string, byte> tokens) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token })
            {
                tokens.TryAdd(token, 0);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
