using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Atradius.Cover.Sdk.IntegrationTests.Security;

/// <summary>With Trace logging, bodies logged and every feature on, no secret shows up anywhere a user or an operator can see.</summary>
public sealed class SecretLeakTests
{
    [Theory]
    [InlineData(CoverTokenEndpointStyle.OAuth2)]
    [InlineData(CoverTokenEndpointStyle.Atradius)]
    public async Task Client_secret_app_key_and_tokens_appear_in_no_log_exception_ToString_or_telemetry(CoverTokenEndpointStyle style)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromMilliseconds(200) }, ct);
        var tokens = new ConcurrentDictionary<string, byte>();
        var telemetry = new ConcurrentQueue<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Atradius.Cover.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                telemetry.Enqueue(activity.DisplayName + " " + activity.StatusDescription);
                foreach (var tag in activity.TagObjects)
                {
                    telemetry.Enqueue(tag.Key + "=" + tag.Value);
                }

                foreach (var e in activity.Events)
                {
                    telemetry.Enqueue(e.Name + string.Concat(e.Tags.Select(t => " " + t.Key + "=" + t.Value)));
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Atradius.Cover.Sdk")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        var measurements = 0;
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            Interlocked.Increment(ref measurements);
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
            o => o.LogBodies = true,
            b => b.HttpClientBuilder.AddHttpMessageHandler(() => new TokenCapturingHandler(tokens)));
        var cover = services.GetRequiredService<ICoverClient>();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<CoverClientOptions>>().Get(string.Empty);
        var seen = new List<string> { options.ToString() };

        // Tokens as the sandbox issued them, fetched the way the SDK does, to search for them below.
        using (var raw = new HttpClient())
        {
            tokens.TryAdd(await RawTokens.FetchAsync(raw, sandbox, sandbox.ReadWriteClient, ct), 0);
        }

        // A run touching every kind of call and failure: search, submit (decided, referred), wait, change, lists, errors.
        var found = await cover.Buyers.SearchAsync(BuyerSearch.ByName("Tulip"), ct).ToListAsync(ct);
        seen.AddRange(found.Select(b => b.ToString()!));
        var decided = await cover.Applications.SubmitAsync(new CoverApplication { CustomerId = SandboxFixtures.EuroCustomerId, PolicyId = SandboxFixtures.EuroPolicyId, BuyerId = SandboxFixtures.WellRatedDutchBuyerId, CreditLimitAmount = 20_000m, CurrencyCode = "EUR" }, ct);
        var referred = await cover.Applications.SubmitAsync(new CoverApplication { CustomerId = SandboxFixtures.EuroCustomerId, PolicyId = SandboxFixtures.EuroPolicyId, BuyerId = SandboxFixtures.SatisfactoryGermanBuyerId, CreditLimitAmount = 20_000m, CurrencyCode = "EUR" }, ct);
        var waited = await cover.Applications.WaitForDecisionAsync(referred.CoverId, ct);
        var reduced = await cover.Decisions.ReduceAsync(decided.CoverId, 10_000m, ct);
        var history = await cover.Decisions.GetHistoryAsync(decided.CoverId, ct).ToListAsync(ct);
        seen.AddRange([decided.ToString()!, referred.ToString()!, waited.ToString(), reduced.ToString(), .. history.Select(h => h.ToString()!)]);
        foreach (var failing in new Func<Task>[]
        {
            () => cover.Decisions.GetAsync(99_999_999, ct),
            () => cover.Applications.SubmitAsync(new CoverApplication { CustomerId = SandboxFixtures.EuroCustomerId, PolicyId = SandboxFixtures.EuroPolicyId, BuyerId = SandboxFixtures.ExistingCoverBuyerId, CreditLimitAmount = 20_000m, CurrencyCode = "EUR" }, ct),
            () => cover.Applications.SubmitAsync(new CoverApplication { CustomerId = SandboxFixtures.EuroCustomerId, PolicyId = SandboxFixtures.EuroPolicyId, BuyerId = 99_999_999, CreditLimitAmount = 20_000m, CurrencyCode = "EUR" }, ct),
        })
        {
            var error = await Assert.ThrowsAnyAsync<CoverApiException>(failing);
            seen.Add(error.ToString());
            seen.Add(error.RawBody ?? string.Empty);
        }

        // A wrong secret: the token endpoint's refusal must not echo it.
        await using (var wrong = new CoverClient(WithSecret(SandboxClients.Options(sandbox, style), "not-the-secret-" + Guid.NewGuid())))
        {
            seen.Add((await Assert.ThrowsAnyAsync<CoverApiException>(() => wrong.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct))).ToString());
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
        string[] secrets = [sandbox.ReadWriteClient.ClientSecret, sandbox.ReadWriteClient.AppKey!, .. tokens.Keys];
        Assert.NotEmpty(tokens);
        Assert.True(logs.Count > 20, $"only {logs.Count} log records; the test proves little");
        Assert.Contains(logs, r => r.Level == LogLevel.Trace);
        Assert.True(measurements > 0, "no measurement was recorded");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(seen, text => text.Contains(secret, StringComparison.Ordinal));
        }

        // The tokens the sandbox issued have the same shape as the SDK's; check their signature part too.
        var signatures = tokens.Keys.Select(t => t[(t.LastIndexOf('.') + 1)..]).Where(s => s.Length >= 16).ToArray();
        foreach (var signature in signatures)
        {
            Assert.DoesNotContain(seen, text => text.Contains(signature, StringComparison.Ordinal));
        }

        Figures.Write("Secrets (" + style + ")", ("log records", logs.Count), ("telemetry tags", telemetry.Count), ("texts searched", seen.Count), ("secrets found", 0));
    }

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

    private static CoverClientOptions WithSecret(CoverClientOptions options, string secret)
    {
        options.ClientSecret = secret;
        return options;
    }
}
