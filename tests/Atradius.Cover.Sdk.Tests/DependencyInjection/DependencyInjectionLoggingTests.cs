using System.Net;
using Atradius.Cover.Sdk.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.DependencyInjection;

public sealed class DependencyInjectionLoggingTests
{
    [Fact]
    public async Task Trace_logs_of_the_DI_pipeline_show_no_secret_app_key_or_token()
    {
        var setup = new TestSetup(CoverTokenEndpointStyle.Atradius);
        var calls = 0;
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "*").Respond(_ =>
            TestSetup.Json(Interlocked.Increment(ref calls) == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        var builder = services.AddAtradiusCover(o =>
        {
            o.BaseAddress = setup.Options.BaseAddress;
            o.TokenEndpoint = setup.Options.TokenEndpoint;
            o.TokenEndpointStyle = setup.Options.TokenEndpointStyle;
            o.ClientId = setup.Options.ClientId;
            o.ClientSecret = setup.Options.ClientSecret;
            o.AppKey = setup.Options.AppKey;
            o.LogBodies = true;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => setup.Mock);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => setup.Mock);
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<CoverClientFactory>().CreateHttpClient(string.Empty);
        (await http.GetAsync("buyers/1", TestContext.Current.CancellationToken)).Dispose();

        var records = collector.GetSnapshot();
        Assert.True(records.Count > 3);
        Assert.Contains(records, r => r.Category == "Atradius.Cover.Sdk" && r.Level == LogLevel.Trace);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestSetup.ClientId}:{TestSetup.Secret}"));
        var secrets = setup.IssuedTokens.Append(TestSetup.Secret).Append(TestSetup.AppKey).Append(basic).ToList();
        foreach (var record in records)
        {
            var text = record.Message + record.Exception + string.Join(" ", record.StructuredState?.Select(s => s.Value) ?? []);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
