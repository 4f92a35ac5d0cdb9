using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.Http;

public sealed class SecretRedactionTests
{
    [Fact]
    public async Task Trace_logs_and_exceptions_never_show_the_secret_the_app_key_or_a_token()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        var setup = new TestSetup(CoverTokenEndpointStyle.Atradius);
        setup.Options.LogBodies = true;
        var calls = 0;
        setup.Mock.When(TestSetup.ApiBase + "buyers/1").Respond(_ => Interlocked.Increment(ref calls) switch
        {
            1 => TestSetup.Json(HttpStatusCode.Unauthorized),
            2 => TestSetup.Json(HttpStatusCode.ServiceUnavailable),
            _ => TestSetup.Json(HttpStatusCode.OK, """{"buyerId":1}"""),
        });
        setup.Mock.When(HttpMethod.Get, TestSetup.BuyerUrl(2)).Respond(_ => TestSetup.Json(HttpStatusCode.Unauthorized));
        setup.Mock.When("https://elsewhere.test/*").Respond(_ => TestSetup.Json(HttpStatusCode.OK));
        using var client = setup.CreateClient(loggerFactory);
        var ct = TestContext.Current.CancellationToken;

        (await client.GetAsync("buyers/1", ct)).Dispose();
        (await client.PostAsync("buyers/1", new StringContent("""{"reference":"R-1"}"""), ct)).Dispose();
        (await client.GetAsync("https://elsewhere.test/doc", ct)).Dispose();
        using var coverClient = new CoverClient(CoverHttpClientFactory.CreateStandalone(setup.Options, loggerFactory, null, setup.Mock), setup.Options, loggerFactory, TimeProvider.System, ownsHttpClient: true);
        var authFailure = await Assert.ThrowsAsync<CoverAuthenticationException>(() => coverClient.Buyers.GetAsync(2, cancellationToken: ct));

        var refusing = new TestSetup();
        refusing.Mock.Clear();
        refusing.Mock.When(HttpMethod.Post, TestSetup.OAuth2TokenUrl).Respond(_ =>
            TestSetup.Json(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"bad secret"}"""));
        using var refusedClient = refusing.CreateClient(loggerFactory);
        var tokenFailure = await Assert.ThrowsAsync<CoverAuthenticationException>(() => refusedClient.GetAsync("buyers/1", ct));

        var records = collector.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Trace && r.Message.Contains("response body", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("renewing the access token", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("Retrying", StringComparison.Ordinal));

        var secrets = setup.IssuedTokens.Concat(refusing.IssuedTokens).Append(TestSetup.Secret).Append(TestSetup.AppKey).ToList();
        Assert.True(setup.IssuedTokens.Count >= 2);
        var texts = records.SelectMany(r => new[] { r.Message, r.Exception?.ToString() ?? string.Empty }
                .Concat(r.StructuredState?.Select(s => s.Value ?? string.Empty) ?? []))
            .Concat([authFailure.ToString(), tokenFailure.ToString(), setup.Options.ToString()]);
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
