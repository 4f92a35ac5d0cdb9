using System.Diagnostics;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Reliability;

/// <summary>Ten thousand calls from 64 workers across several token expiries: one token request per expiry, no 401 to the caller.</summary>
public sealed class TokenExpiryTests
{
    private const int Calls = 10_000;
    private const int Workers = 64;

    [Fact]
    public async Task Tokens_expiring_under_load_are_renewed_once_per_expiry_and_no_401_reaches_the_caller()
    {
        var ct = TestContext.Current.CancellationToken;
        var style = CoverTokenEndpointStyle.OAuth2;
        var lifetime = TimeSpan.FromSeconds(3);
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = lifetime }, ct);
        var options = SandboxClients.Options(sandbox, style);
        options.TokenRefreshSkew = TimeSpan.FromMilliseconds(200);
        await using var cover = new CoverClient(options);

        var remaining = Calls;
        var failures = 0;
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(
            async () =>
            {
                // At least 10,000 calls, and at least two lifetimes so that several tokens expire.
                while (Interlocked.Decrement(ref remaining) >= 0 || watch.Elapsed < lifetime * 2)
                {
                    try
                    {
                        await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);
                        Interlocked.Increment(ref done);
                    }
                    catch (CoverApiException)
                    {
                        Interlocked.Increment(ref failures);
                        throw;
                    }
                }
            },
            ct)));
        watch.Stop();

        // The sandbox writes the expiry in whole seconds, so a token lives between lifetime - 1 s and lifetime; the SDK
        // renews 200-220 ms before the expiry it was told, or once on the first 401 if the server expired it earlier.
        // Either way: at most one token request per elapsed (shortest) lifetime, plus the first.
        var renewalPeriod = lifetime - TimeSpan.FromSeconds(1) - options.TokenRefreshSkew * 1.1;
        var allowed = (long)Math.Ceiling(watch.Elapsed / renewalPeriod) + 1;
        var tokens = sandbox.Statistics.TokenRequests;
        Assert.Equal(0, failures);
        Assert.True(done >= Calls);
        Assert.InRange(tokens, 2, allowed);
        Figures.Write(
            "Token expiry under load (" + style + ")",
            ("calls", done),
            ("workers", Workers),
            ("elapsed s", Math.Round(watch.Elapsed.TotalSeconds, 2)),
            ("token lifetime s", lifetime.TotalSeconds),
            ("token requests", tokens),
            ("allowed (elapsed renewal periods + 1)", allowed),
            ("401 to the caller", failures));
    }

    [Theory]
    [InlineData(CoverTokenEndpointStyle.OAuth2)]
    [InlineData(CoverTokenEndpointStyle.Atradius)]
    public async Task Tokens_the_server_expires_early_are_renewed_once_however_many_calls_get_401(CoverTokenEndpointStyle style)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromMinutes(30) }, ct);
        await using var cover = new CoverClient(SandboxClients.Options(sandbox, style));
        const int expiries = 5;

        for (var round = 0; round <= expiries; round++)
        {
            if (round > 0)
            {
                // The sandbox clock jumps past the lifetime: every token the client holds is now rejected with 401.
                sandbox.AdvanceTime(TimeSpan.FromMinutes(31));
            }

            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(
                async () =>
                {
                    for (var i = 0; i < 20; i++)
                    {
                        await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);
                    }
                },
                ct)));
        }

        Assert.Equal(expiries + 1, sandbox.Statistics.TokenRequests);
        Figures.Write("Token rejected by the server, clock advanced (" + style + ")", ("calls", (expiries + 1) * Workers * 20), ("expiries", expiries), ("token requests", sandbox.Statistics.TokenRequests));
    }
}
