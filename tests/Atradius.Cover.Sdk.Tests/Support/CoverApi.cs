using System.Diagnostics;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Support;

/// <summary>
/// A CoverClient built as the public constructor builds it (token endpoint, resilience, telemetry) over a
/// MockHttp socket that answers like the real service, recording every request that reaches the socket.
/// </summary>
internal sealed class CoverApi : IDisposable
{
    public const string Base = "https://api.cover.test/";
    public const string TokenUrl = Base + "authenticate/v2/tokens";
    public const string PolicyUrl = Base + "credit-insurance/policy-management/v1/policies/details";
    public const string BuyersUrl = Base + "credit-insurance/organisation-management/v1/buyers";
    public const string CoversUrl = Base + "credit-insurance/cover-management/v1/covers";
    public const string DecisionsUrl = CoversUrl + "/decisions";
    public const string ApplicationsUrl = CoversUrl + "/applications";
    public const string HistoricUrl = CoversUrl + "/historic";

    private CoverClient? _client;

    public CoverApi(FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Options = new CoverClientOptions
        {
            BaseAddress = new Uri(Base),
            ClientId = "client-one",
            ClientSecret = "S3cret-Value-0f9e8d",
            AppKey = "AppKey-77c6b5a4",
            CustomerId = 1001,
            PolicyId = "5012345",
            PollInterval = TimeSpan.FromSeconds(5),
            WaitTimeout = TimeSpan.FromMinutes(1),
        };

        // Retries without waiting: the tests count attempts, not time.
        Options.Resilience.BaseDelay = TimeSpan.Zero;
        Mock.When(HttpMethod.Post, TokenUrl).Respond(_ => Answer(200, """{"data":{"access_token":"tok-1","token_type":"Bearer","expires_in":1800}}"""));
        Recorder = new RecordingHandler(Mock);
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public RecordingHandler Recorder { get; }

    public CoverClientOptions Options { get; }

    /// <summary>Where the test clock starts.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public CoverClient Client => _client ??= new CoverClient(CoverHttpClientFactory.CreateStandalone(Options, null, Time, Recorder), Options, NullLoggerFactory.Instance, Time, ownsHttpClient: true);

    /// <summary>
    /// A client whose clock moves by each wait between polls once it has started (<see cref="WaitTimerClock"/>). The waits
    /// last seconds to minutes; each request's own time limits are set to hours, so that they are never taken for one.
    /// </summary>
    public static CoverApi WithPollingClock()
    {
        var api = new CoverApi(new WaitTimerClock(Start, due => due < TimeSpan.FromHours(1)));
        api.Options.Resilience.AttemptTimeout = TimeSpan.FromHours(10);
        api.Options.Resilience.TotalTimeout = TimeSpan.FromHours(20);
        api.Options.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromHours(20);
        return api;
    }

    /// <summary>Runs the clock of a <see cref="WithPollingClock"/> client on by each wait between polls until the task ends.</summary>
    /// <summary>
    /// The services of a host that registered a client of this API's customer with <c>AddAtradiusCover</c>, sending
    /// through this API's socket; <paramref name="configure"/> changes the options after they were copied from <see cref="Options"/>.
    /// </summary>
    public ServiceProvider Services(IServiceCollection? services = null, Action<CoverClientOptions>? configure = null)
    {
        services ??= new ServiceCollection();
        var builder = services.AddLogging().AddAtradiusCover(o =>
        {
            o.BaseAddress = Options.BaseAddress;
            o.ClientId = Options.ClientId;
            o.ClientSecret = Options.ClientSecret;
            o.AppKey = Options.AppKey;
            o.CustomerId = Options.CustomerId;
            o.PolicyId = Options.PolicyId;
            configure?.Invoke(o);
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Recorder);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Recorder);
        return services.BuildServiceProvider();
    }

    public Task<T> RunPollingAsync<T>(Task<T> task) => ((WaitTimerClock)Time).RunUntilDoneAsync(task, TestContext.Current.CancellationToken);

    public IReadOnlyList<RecordedRequest> Requests => Recorder.Requests.Where(r => !r.Uri.AbsoluteUri.StartsWith(TokenUrl, StringComparison.Ordinal)).ToArray();

    public int Count(HttpMethod method, string url) => Requests.Count(r => r.Method == method && r.Uri.GetLeftPart(UriPartial.Path) == url);

    public void Dispose() => _client?.Dispose();

    /// <summary>Reads the current portfolio from a service that answers GET /covers with 200 and this body.</summary>
    public static async Task<IReadOnlyList<CoverDecision>> ReadCoversAnsweredWith(string body)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, body));
        return await api.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>An answer that never comes: the caller gives up (<paramref name="cancel"/>) while the request is on its way.</summary>
    public static async Task<HttpResponseMessage> CallerGivesUpAsync(CancellationTokenSource cancel)
    {
        await cancel.CancelAsync();
        await Task.Delay(Timeout.Infinite, cancel.Token);
        throw new UnreachableException();
    }

    public static HttpResponseMessage Answer(int status, string json) =>
        new((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static string DataJson(params string[] items) => "{\"data\":[" + string.Join(",", items) + "]}";

    public static string ActionJson(long coverId, string response = "Action successful") =>
        DataJson("{\"coverId\":" + coverId.ToString(CultureInfo.InvariantCulture) + ",\"response\":\"" + response + "\"}");

    public static string ErrorJson(string detail, string? parameter = null) =>
        "{\"errors\":[{\"detail\":\"" + detail + "\"" + (parameter is null ? string.Empty : ",\"source\":{\"parameter\":\"" + parameter + "\"}") + "}]}";

    public static string CoverJson(
        long coverId,
        long buyerId = 77,
        string coverType = "credit-limit",
        string status = "DECISION",
        decimal? amount = 50000,
        decimal? decided = 50000,
        string? reference = "R-1",
        string? historicCode = null,
        string? pending = null,
        string decisionDate = "2026-12-01T10:00:00Z",
        string applicationDate = "2026-12-01T10:00:00+01:00")
    {
        var fields = new List<string>
        {
            "\"coverId\":" + coverId.ToString(CultureInfo.InvariantCulture),
            "\"customerId\":1001",
            "\"policyId\":\"5012345\"",
            "\"buyerId\":" + buyerId.ToString(CultureInfo.InvariantCulture),
            "\"coverType\":\"" + coverType + "\"",
            "\"coverStatus\":\"" + status + "\"",
            "\"policyCurrencyCode\":\"EUR\"",
            "\"applicationDate\":\"" + applicationDate + "\"",
        };
        if (amount is { } a)
        {
            fields.Add("\"creditLimitApplicationAmountInPolicyCurrency\":" + a.ToString(CultureInfo.InvariantCulture));
        }

        if (status == "DECISION" && decided is { } d)
        {
            fields.Add("\"decisionCode\":\"DC01\"");
            fields.Add("\"totalDecision\":{\"decisionAmtInPolicyCurrency\":" + d.ToString(CultureInfo.InvariantCulture) + "}");
            fields.Add("\"decisionDate\":\"" + decisionDate + "\"");
        }

        if (reference is not null)
        {
            fields.Add("\"customerRefNumber\":\"" + reference + "\"");
        }

        if (historicCode is not null)
        {
            fields.Add("\"historicCode\":\"" + historicCode + "\"");
        }

        if (pending is not null)
        {
            fields.Add("\"pendingProcessIndicator\":\"" + pending + "\"");
        }

        return "{" + string.Join(",", fields) + "}";
    }

    /// <summary>Answers each call with the next response, repeating the last one.</summary>
    public static Func<HttpRequestMessage, Task<HttpResponseMessage>> Sequence(params Func<HttpResponseMessage>[] answers)
    {
        var next = -1;
        return _ =>
        {
            var index = Math.Min(Interlocked.Increment(ref next), answers.Length - 1);
            return Task.FromResult(answers[index]());
        };
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);

/// <summary>Records every request that reaches the socket (so each attempt of a retried call shows).</summary>
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
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A body that sends its first bytes and then breaks, as a connection reset mid-body does.</summary>
internal sealed class CutContent : HttpContent
{
    private readonly byte[] _prefix;

    public CutContent(string prefix)
    {
        _prefix = Encoding.UTF8.GetBytes(prefix);
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => throw new IOException("The connection was reset.");

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new CutStream(_prefix));

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private sealed class CutStream : Stream
    {
        private readonly byte[] _prefix;
        private int _position;

        public CutStream(byte[] prefix) => _prefix = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _prefix.Length)
            {
                throw new IOException("The connection was reset.");
            }

            var n = Math.Min(count, _prefix.Length - _position);
            Array.Copy(_prefix, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
