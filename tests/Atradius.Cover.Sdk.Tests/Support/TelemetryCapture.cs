using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Atradius.Cover.Sdk.Tests.Support;

/// <summary>
/// What the SDK logs, traces and measures during one test. The meter and the activity source are shared by every
/// client in the process and tests run in parallel, so spans and measurements are kept only when recorded in the
/// flow of the test that made the capture (the SDK records them synchronously, in the call's own flow).
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private static readonly AsyncLocal<TelemetryCapture?> Current = new();

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ILoggerFactory _loggerFactory;

    public TelemetryCapture()
    {
        Current.Value = this;
        _loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CoverDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CoverDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (ReferenceEquals(Current.Value, this))
                {
                    Spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public FakeLogCollector Logs { get; } = new();

    public ILoggerFactory LoggerFactory => _loggerFactory;

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The measurements of one instrument.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    /// <summary>The <c>Retrying</c> warnings logged.</summary>
    public IReadOnlyList<FakeLogRecord> Retrying => Logs.GetSnapshot().Where(r => r.Id.Name == "Retrying").ToList();

    /// <summary>A client of <paramref name="api"/> that logs here.</summary>
    public CoverClient Client(CoverApi api) =>
        new(CoverHttpClientFactory.CreateStandalone(api.Options, _loggerFactory, api.Time, api.Recorder), api.Options, _loggerFactory, api.Time, ownsHttpClient: true);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
        _loggerFactory.Dispose();
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (ReferenceEquals(Current.Value, this))
        {
            Measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }
    }

    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
