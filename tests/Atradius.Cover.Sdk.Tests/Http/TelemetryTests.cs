using System.Diagnostics;
using System.Net;
using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Http;

/// <summary>What docs/telemetry.md promises: the spans, the instruments and the log events of the calls the SDK makes.</summary>
public sealed class TelemetryTests
{
    private const string CoversPath = "/credit-insurance/cover-management/v1/covers";
    private const string TooManyRequests = """{"faultstring":"Too many requests"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CoverApplication Application = new()
    {
        BuyerId = 77,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = 50000,
        CurrencyCode = "EUR",
        CustomerReference = "R-1",
    };

    private static void AssertOneRetry(TelemetryCapture telemetry, string method, string path, string outcome)
    {
        var retry = Assert.Single(telemetry.Of("atradius.cover.client.retries"));
        Assert.Equal(1, retry.Value);
        Assert.Equal(method, Assert.Single(retry.Tags).Value);
        var logged = Assert.Single(telemetry.Retrying);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.StartsWith("Retrying " + method + " " + path + " (retry 1) in ", logged.Message, StringComparison.Ordinal);
        Assert.EndsWith(" ms after " + outcome, logged.Message, StringComparison.Ordinal);
    }

    // Before, no advice: an exporter applied boundaries meant for milliseconds, and every call under 5 s was one bucket.
    [Fact]
    public void The_duration_histogram_advises_the_http_client_buckets_in_seconds()
    {
        var histogram = CoverDiagnostics.RequestDuration;

        Assert.Equal("s", histogram.Unit);
        Assert.Equal(
            [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60],
            histogram.Advice?.HistogramBucketBoundaries);
    }

    [Fact]
    public async Task A_get_the_pipeline_sends_again_is_logged_and_counted_as_one_retry()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(Sequence(
            () => Answer(503, """{"faultstring":"Service Unavailable"}"""),
            () => Answer(200, DataJson(CoverJson(1)))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        AssertOneRetry(telemetry, "GET", CoversPath, "503");
    }

    // Before, the list was read again in silence: no warning, and atradius.cover.client.retries stayed 0.
    [Fact]
    public async Task A_list_read_again_after_its_body_broke_off_is_logged_and_counted_as_a_retry()
    {
        using var api = new CoverApi();
        var first = "{\"data\":[" + CoverJson(1) + "," + CoverJson(2) + ",{\"cov";
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(Sequence(
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new CutContent(first) },
            () => Answer(200, DataJson(CoverJson(1), CoverJson(2), CoverJson(3)))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        var covers = await client.Decisions.ListAsync(new CoverQuery { BuyerId = 77 }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(3, covers.Count);
        Assert.Equal(2, api.Count(HttpMethod.Get, CoversUrl));
        AssertOneRetry(telemetry, "GET", CoversPath, "IOException");
        Assert.DoesNotContain("buyerId", Assert.Single(telemetry.Retrying).Message, StringComparison.Ordinal);
    }

    // Before, the POST was sent twice and neither the log nor the retry counter showed it.
    [Fact]
    public async Task An_application_sent_again_after_a_429_is_logged_and_counted_as_a_retry()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(Sequence(
            () => Answer(429, TooManyRequests),
            () => Answer(201, ActionJson(9005))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9005))));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9005))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        var result = await client.Applications.SubmitAsync(Application, cancellationToken: Ct);

        Assert.Equal(9005, result.CoverId);
        Assert.Equal(2, api.Count(HttpMethod.Post, CoversUrl));
        AssertOneRetry(telemetry, "POST", CoversPath, "429");
    }

    [Fact]
    public async Task A_change_sent_again_after_a_429_is_logged_and_counted_as_a_retry()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(Sequence(
            () => Answer(429, TooManyRequests),
            () => Answer(201, ActionJson(9221))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9221, amount: 80000, decided: 80000))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        var result = await client.Decisions.IncreaseAsync(new CoverKey(77, CoverType.CreditLimit), 80000, cancellationToken: Ct);

        Assert.Equal(CoverChangeOutcome.Applied, result.Outcome);
        Assert.Equal(2, api.Count(HttpMethod.Put, CoversUrl));
        AssertOneRetry(telemetry, "PUT", CoversPath, "429");
    }

    [Fact]
    public async Task A_conversion_sent_again_after_a_429_is_logged_and_counted_as_a_retry()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(Sequence(
            () => Answer(429, TooManyRequests),
            () => Answer(200, "{\"data\":" + CoverJson(9300) + "}")));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        AssertOneRetry(telemetry, "PATCH", CoversPath + "/9300/cover-type", "429");
    }

    // Before, the token client asked again in silence.
    [Fact]
    public async Task A_token_request_sent_again_after_a_503_is_logged_and_counted_as_a_retry()
    {
        using var api = new CoverApi();
        api.Mock.Clear();
        api.Mock.When(HttpMethod.Post, TokenUrl).Respond(Sequence(
            () => Answer(503, """{"faultstring":"Service Unavailable"}"""),
            () => Answer(200, """{"data":{"access_token":"tok-1","token_type":"Bearer","expires_in":1800}}""")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        AssertOneRetry(telemetry, "POST", "/authenticate/v2/tokens", "503");
    }

    [Fact]
    public async Task A_token_request_sent_again_after_a_connection_failure_names_the_failure_and_not_the_endpoints_query()
    {
        using var api = new CoverApi();
        api.Options.TokenEndpoint = new Uri(TokenUrl + "?subscription-key=GatewayKey-9f8e7d6c");
        api.Mock.Clear();
        api.Mock.When(HttpMethod.Post, TokenUrl).Respond(Sequence(
            () => throw new HttpRequestException("Connection refused"),
            () => Answer(200, """{"data":{"access_token":"tok-1","token_type":"Bearer","expires_in":1800}}""")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        AssertOneRetry(telemetry, "POST", "/authenticate/v2/tokens", "HttpRequestException");
        Assert.DoesNotContain("GatewayKey", Assert.Single(telemetry.Retrying).Message, StringComparison.Ordinal);
    }

    // Before, a client built without dependency injection had no way to log: its logger factory was always the null one.
    [Fact]
    public async Task A_client_built_with_a_logger_factory_logs_through_it()
    {
        using var telemetry = new TelemetryCapture();
        var options = new CoverClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), ClientId = "client-one", ClientSecret = "S3cret-Value-0f9e8d", CustomerId = 1001, PolicyId = "5012345" };
        options.Resilience.MaxRetryAttempts = 0;
        using var client = new CoverClient(options, telemetry.LoggerFactory);

        await Assert.ThrowsAsync<CoverTransportException>(() => client.Buyers.GetAsync(1, cancellationToken: Ct));

        var records = telemetry.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Category == "Atradius.Cover.Sdk" && r.Id.Name == "RequestStarting" && r.Message.Contains("/credit-insurance/organisation-management/v1/buyers/1", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category == "Atradius.Cover.Sdk" && r.Id.Name == "TokenRequesting");
    }

    [Fact]
    public async Task A_client_built_with_a_logger_factory_and_LogBodies_logs_the_bodies()
    {
        using var api = new CoverApi();
        api.Options.LogBodies = true;
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => Answer(200, """{"data":[{"buyerId":1}]}"""));
        using var telemetry = new TelemetryCapture();
        using var client = new CoverClient(api.Options, telemetry.LoggerFactory, api.Recorder);

        await client.Buyers.GetAsync(1, cancellationToken: Ct);

        var body = Assert.Single(telemetry.Logs.GetSnapshot(), r => r.Id.Name == "ResponseBody" && r.Message.Contains("buyers/1", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Trace, body.Level);
        Assert.Contains("\"buyerId\":1", body.Message, StringComparison.Ordinal);
    }

    private static Activity ListSpan(TelemetryCapture telemetry) =>
        Assert.Single(telemetry.Spans, s => s.DisplayName == "GET " + CoversPath);

    // Before, the span and the duration ended when the headers came: a list whose body broke off was a success in both,
    // though the call threw.
    [Fact]
    public async Task A_list_call_that_fails_while_its_body_is_read_is_recorded_as_an_error()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        var first = "{\"data\":[" + CoverJson(1) + ",{\"cov";
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new CutContent(first) });
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await Assert.ThrowsAsync<CoverTransportException>(async () => await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct));

        var span = ListSpan(telemetry);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.IO.IOException", span.GetTagItem("error.type"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        var duration = Assert.Single(telemetry.Of("atradius.cover.client.request.duration"));
        Assert.Equal("System.IO.IOException", duration.Tags["error.type"]);
        Assert.Equal(200, duration.Tags["http.response.status_code"]);
    }

    [Fact]
    public async Task A_list_whose_body_stops_arriving_is_recorded_as_a_timeout()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        // Real time: the per-read bound of a list's body runs on it.
        api.Options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream("{\"data\":[" + CoverJson(1) + ",")) });
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await Assert.ThrowsAsync<CoverTransportException>(async () => await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct));

        var span = ListSpan(telemetry);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.TimeoutException", span.GetTagItem("error.type"));
        Assert.Equal("System.TimeoutException", Assert.Single(telemetry.Of("atradius.cover.client.request.duration")).Tags["error.type"]);
    }

    [Fact]
    public async Task A_list_read_again_after_its_body_broke_off_is_two_spans_the_first_failed_the_second_not()
    {
        using var api = new CoverApi();
        var first = "{\"data\":[" + CoverJson(1) + ",{\"cov";
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(Sequence(
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new CutContent(first) },
            () => Answer(200, DataJson(CoverJson(1), CoverJson(2)))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal([ActivityStatusCode.Error, ActivityStatusCode.Unset], telemetry.Spans.Select(s => s.Status));
        Assert.Equal(["System.IO.IOException", null], telemetry.Of("atradius.cover.client.request.duration").Select(m => m.Tags.GetValueOrDefault("error.type")));
    }

    [Fact]
    public async Task A_list_calls_span_ends_once_its_body_is_read_and_a_list_given_up_early_is_no_error()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1), CoverJson(2), CoverJson(3))));
        using var telemetry = new TelemetryCapture();
        using var client = telemetry.Client(api);

        await using (var covers = client.Decisions.ListAsync(cancellationToken: Ct).GetAsyncEnumerator(Ct))
        {
            Assert.True(await covers.MoveNextAsync());
            Assert.Empty(telemetry.Spans);
            Assert.Empty(telemetry.Of("atradius.cover.client.request.duration"));
            while (await covers.MoveNextAsync())
            {
            }

            var span = ListSpan(telemetry);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Null(span.GetTagItem("error.type"));
        }

        await foreach (var cover in client.Decisions.ListAsync(cancellationToken: Ct))
        {
            break;
        }

        Assert.Equal(2, telemetry.Spans.Count);
        Assert.All(telemetry.Spans, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
        Assert.All(telemetry.Of("atradius.cover.client.request.duration"), m => Assert.False(m.Tags.ContainsKey("error.type")));
        Assert.Equal(2, telemetry.Of("atradius.cover.client.request.duration").Count);
    }

    /// <summary>Sends its text, then never sends another byte (until cancelled).</summary>
    private sealed class StallingStream(string text) : AsyncReadStream
    {
        private readonly byte[] _bytes = System.Text.Encoding.UTF8.GetBytes(text);
        private bool _sent;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                _bytes.CopyTo(buffer);
                return _bytes.Length;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
