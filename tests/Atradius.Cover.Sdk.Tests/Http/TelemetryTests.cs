using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RichardSzalay.MockHttp;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.Http;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Every_request_gets_a_new_correlation_id_and_the_sdk_user_agent()
    {
        var setup = new TestSetup();
        setup.Options.UserAgentSuffix = "MyErp/2.1";
        var ids = new List<string?>();
        string? userAgent = null;
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "*").Respond(request =>
        {
            ids.Add(TestSetup.Header(request, "Atradius-Correlation-Id"));
            userAgent = request.Headers.UserAgent.ToString();
            return TestSetup.Json(HttpStatusCode.OK);
        });
        using var client = setup.CreateClient();

        (await client.GetAsync("buyers/1", TestContext.Current.CancellationToken)).Dispose();
        (await client.GetAsync("buyers/2", TestContext.Current.CancellationToken)).Dispose();

        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _)));
        Assert.NotEqual(ids[0], ids[1]);
        Assert.StartsWith("Atradius.Cover.Sdk/", userAgent, StringComparison.Ordinal);
        Assert.Contains(".NET", userAgent, StringComparison.Ordinal);
        Assert.EndsWith("MyErp/2.1", userAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correlation_id_set_by_the_caller_is_kept_across_retries()
    {
        var setup = new TestSetup();
        var ids = new List<string?>();
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "buyers/1").Respond(request =>
        {
            ids.Add(TestSetup.Header(request, "Atradius-Correlation-Id"));
            return TestSetup.Json(ids.Count == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        });
        using var client = setup.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "buyers/1");
        request.Headers.Add("Atradius-Correlation-Id", "caller-chosen-id");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(new[] { "caller-chosen-id", "caller-chosen-id" }, ids);
    }

    [Fact]
    public async Task Calls_emit_a_span_and_duration_retry_and_token_metrics_under_the_sdk_name()
    {
        var setup = new TestSetup();
        var calls = 0;
        setup.Mock.When(HttpMethod.Get, TestSetup.ApiBase + "buyers/1").Respond(_ =>
            TestSetup.Json(Interlocked.Increment(ref calls) == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Atradius.Cover.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var duration = new MetricCollector<double>(null, "Atradius.Cover.Sdk", "atradius.cover.client.request.duration");
        using var retries = new MetricCollector<long>(null, "Atradius.Cover.Sdk", "atradius.cover.client.retries");
        using var renewals = new MetricCollector<long>(null, "Atradius.Cover.Sdk", "atradius.cover.client.token.renewals");
        using var client = setup.CreateClient();

        using var response = await client.GetAsync("buyers/1", TestContext.Current.CancellationToken);

        Assert.Contains(spans, s => s.GetTagItem("url.path") as string == "/cover/v1/buyers/1");
        Assert.NotEmpty(duration.GetMeasurementSnapshot());
        Assert.True(retries.GetMeasurementSnapshot().Sum(m => m.Value) >= 1);
        Assert.True(renewals.GetMeasurementSnapshot().Sum(m => m.Value) >= 1);
        Assert.All(spans.SelectMany(s => s.Tags), tag =>
        {
            Assert.DoesNotContain(TestSetup.AppKey, tag.Value ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("tok-", tag.Value ?? string.Empty, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Standalone_client_has_a_base_address_ending_in_a_slash_and_disposes_its_socket_handler()
    {
        var options = TestSetup.CreateOptions();
        options.BaseAddress = new Uri("https://api.cover.test/cover/v1");
        var socket = new TrackingHandler();

        var client = CoverHttpClientFactory.CreateStandalone(options, null, null, socket);
        Assert.Equal("https://api.cover.test/cover/v1/", client.BaseAddress!.AbsoluteUri);
        client.Dispose();

        Assert.True(socket.Disposed);
        await Task.CompletedTask;
    }

    private sealed class TrackingHandler : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
