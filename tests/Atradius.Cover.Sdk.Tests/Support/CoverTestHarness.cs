using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Support;

/// <summary>A CoverClient over MockHttp without authentication, recording every request that leaves the client.</summary>
internal sealed class CoverTestHarness : IDisposable
{
    public const string Base = "https://cover.test/";
    public const string Covers = Base + "credit-insurance/cover-management/v1/covers";
    public const string Buyers = Base + "credit-insurance/organisation-management/v1/buyers";

    public CoverTestHarness(bool countAttempts = true, Func<HttpMessageHandler, HttpMessageHandler>? retry = null)
    {
        Recorder = new RecordingHandler(Mock);
        HttpMessageHandler handler = countAttempts ? new CoverAttemptCountingHandler(Recorder) : Recorder;
        if (retry is not null)
        {
            handler = retry(handler);
        }

        Client = new CoverClient(new HttpClient(handler) { BaseAddress = new Uri(Base) }, Options, NullLoggerFactory.Instance, Time, ownsHttpClient: true);
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public CoverClientOptions Options { get; } = new() { BaseAddress = new Uri(Base), PollInterval = TimeSpan.FromSeconds(5), WaitTimeout = TimeSpan.FromMinutes(1) };

    public RecordingHandler Recorder { get; }

    public IReadOnlyList<RecordedRequest> Requests => Recorder.Requests.ToArray();

    public CoverClient Client { get; }

    public void Dispose() => Client.Dispose();

    /// <summary>Gives a continuation that just made a request time to register its timer on the fake clock.</summary>
    public static Task SettleAsync() => Task.Delay(100);

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The condition was not met in time.");
            }

            await Task.Delay(5);
        }
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, int? Attempt);

internal sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        int? attempt = request.Options.TryGetValue(CoverAttempts.OptionKey, out var a) ? a : null;
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, headers, body, attempt));
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Stands in for the resilience layer: sends the same request message again after a failure.</summary>
internal sealed class ResendingHandler : DelegatingHandler
{
    private readonly Func<int, HttpResponseMessage?, Exception?, bool> _resend;

    public ResendingHandler(HttpMessageHandler inner, Func<int, HttpResponseMessage?, Exception?, bool> resend)
        : base(inner) => _resend = resend;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? error = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                error = ex;
            }

            if (!_resend(attempt, response, error))
            {
                return response ?? throw error!;
            }

            response?.Dispose();
        }
    }
}
