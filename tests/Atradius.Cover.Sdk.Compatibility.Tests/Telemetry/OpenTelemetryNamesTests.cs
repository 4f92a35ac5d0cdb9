using System.Diagnostics;
using System.Diagnostics.Metrics;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Compatibility.Tests.Telemetry;

/// <summary>
/// What a user's OpenTelemetry configuration receives under the names docs/telemetry.md gives: one span per
/// SDK call named and tagged after the HTTP client conventions, over the attempts System.Net.Http traces
/// itself, and the duration metric.
/// </summary>
public sealed class OpenTelemetryNamesTests : IAsyncLifetime
{
    private const string SdkSource = "Atradius.Cover.Sdk";
    private const string BuyersRoute = "/credit-insurance/organisation-management/v1/buyers";

    private readonly List<Activity> _spans = [];
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();
    private CoverSandbox? _sandbox;

    public OpenTelemetryNamesTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SdkSource or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_spans)
                {
                    _spans.Add(activity);
                }
            },
        };
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SdkSource)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    public async ValueTask InitializeAsync()
    {
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.Start();
        _sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { Url = "http://127.0.0.1:0" }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_buyer_search_is_one_sdk_span_after_the_http_conventions_over_the_attempt_system_net_http_traces()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cover = Client();

        var buyers = await cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", SandboxFixtures.WellRatedDutchBuyerVat, BuyerIdentifierType.Vat), cancellationToken: ct);

        Assert.Single(buyers.Value);
        var search = Assert.Single(Spans(s => s.Source.Name == SdkSource && s.DisplayName == "GET " + BuyersRoute));
        Assert.Equal(ActivityKind.Internal, search.Kind);
        Assert.Equal("GET", search.GetTagItem("http.request.method"));
        Assert.Equal(BuyersRoute, search.GetTagItem("url.template"));
        Assert.Equal("127.0.0.1", search.GetTagItem("server.address"));
        Assert.Equal(_sandbox!.BaseAddress.Port, search.GetTagItem("server.port"));
        Assert.Equal(200, search.GetTagItem("http.response.status_code"));
        Assert.Null(search.GetTagItem("error.type"));

        // The VAT number is a business identifier: url.full keeps the parameter names only.
        var url = Assert.IsType<string>(search.GetTagItem("url.full"));
        Assert.StartsWith($"http://127.0.0.1:{_sandbox.BaseAddress.Port}{BuyersRoute}?", url, StringComparison.Ordinal);
        Assert.Contains("=REDACTED", url, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxFixtures.WellRatedDutchBuyerVat, url, StringComparison.Ordinal);

        // The request itself is System.Net.Http's client span, a child of the SDK's: counted once. (The first
        // call's token request is a child too, a POST.)
        var attempt = Assert.Single(Spans(s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == search.SpanId && s.DisplayName == "GET"));
        Assert.Equal(ActivityKind.Client, attempt.Kind);
        Assert.DoesNotContain(Spans(s => s.Source.Name == SdkSource), s => s.Kind == ActivityKind.Client);

        var duration = Assert.Single(_measurements, m => m.Instrument == "atradius.cover.client.request.duration" && Equals(m.Tags["url.template"], BuyersRoute));
        Assert.Equal("GET", duration.Tags["http.request.method"]);
        Assert.Equal(200, duration.Tags["http.response.status_code"]);
        Assert.Equal(_sandbox.BaseAddress.Port, duration.Tags["server.port"]);
    }

    [Fact]
    public async Task A_refused_call_carries_its_status_code_as_error_type_and_a_route_without_the_identifier()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cover = Client();

        await Assert.ThrowsAsync<CoverNotFoundException>(() => cover.Buyers.GetAsync(987654321, cancellationToken: ct));

        var span = Assert.Single(Spans(s => s.Source.Name == SdkSource && s.DisplayName == "GET " + BuyersRoute + "/{buyerId}"));
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
        Assert.Equal("404", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains(_measurements, m => m.Instrument == "atradius.cover.client.request.duration" && Equals(m.Tags["error.type"], "404"));
    }

    private CoverClient Client()
    {
        var account = _sandbox!.ReadWriteClient;
        return new CoverClient(new CoverClientOptions
        {
            BaseAddress = _sandbox.BaseAddress,
            ClientId = account.ClientId,
            ClientSecret = account.ClientSecret,
            AppKey = account.AppKey,
            CustomerId = account.CustomerId,
            PolicyId = account.PolicyId,
        });
    }

    private List<Activity> Spans(Func<Activity, bool> predicate)
    {
        lock (_spans)
        {
            return _spans.Where(predicate).ToList();
        }
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
        }
    }
}
