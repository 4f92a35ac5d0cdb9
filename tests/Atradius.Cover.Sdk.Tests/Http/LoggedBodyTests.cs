using System.Net;
using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Http;

/// <summary>Bodies logged with <see cref="CoverClientOptions.LogBodies"/> are logged as the SDK reads them, never read ahead of it.</summary>
public sealed class LoggedBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class StallingStream : AsyncReadStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    private static (CoverClient Client, FakeLogCollector Logs, ILoggerFactory Factory) Client(CoverApi api)
    {
        var logs = new FakeLogCollector();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var options = api.Options.Clone();
        options.LogBodies = true;
        return (new CoverClient(CoverHttpClientFactory.CreateStandalone(options, factory, null, api.Mock), options, factory, TimeProvider.System, ownsHttpClient: true), logs, factory);
    }

    [Fact]
    public async Task A_write_whose_answer_stalls_ends_on_the_attempts_time_limit_with_bodies_logged()
    {
        // Before, the logging read the body ahead of the SDK with the caller's token only: the call hung until the
        // caller gave up. The body never comes and the lists do not show the application, so the outcome is unknown
        // (the lost body may have been a refusal); what is proven here is that it is told within the attempt's limit.
        using var api = new CoverApi();
        api.Options.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        var posts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ =>
        {
            Interlocked.Increment(ref posts);
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StreamContent(new StallingStream()) };
        });
        api.Mock.When(HttpMethod.Get, CoverApi.Base + "*").Respond(_ => Answer(200, DataJson()));
        var (client, _, factory) = Client(api);
        using var disposeFactory = factory;
        using var disposeClient = client;
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        caller.CancelAfter(TimeSpan.FromSeconds(20));

        var unknown = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, cancellationToken: caller.Token));

        Assert.False(caller.IsCancellationRequested);
        Assert.Contains("did not arrive within", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref posts));
    }

    [Fact]
    public async Task A_logged_body_is_read_by_every_path_of_HttpContent_with_its_cancellation_and_logged_once()
    {
        var logged = new List<string>();
        using (var content = new LoggedResponseContent(new StringContent("{\"data\":[]}"), logged.Add))
        {
            using var reader = new StreamReader(content.ReadAsStream(Ct));
            Assert.Equal("{\"data\":[]}", reader.ReadToEnd());
        }

        using (var content = new LoggedResponseContent(new StringContent("{\"data\":[1]}"), logged.Add))
        {
            Assert.Equal("{\"data\":[1]}", await content.ReadAsStringAsync(Ct));
        }

        new LoggedResponseContent(new StringContent("{}"), logged.Add).Dispose();
        Assert.Equal(["{\"data\":[]}", "{\"data\":[1]}", "(not read)"], logged);

        using var stalled = new LoggedResponseContent(new StreamContent(new StallingStream()), logged.Add);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled.ReadAsStringAsync(giveUp.Token).WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task A_list_body_is_logged_once_read_its_first_64_KB_with_the_count_of_the_rest()
    {
        using var api = new CoverApi();
        var covers = Enumerable.Range(1, 300).Select(i => CoverJson(9000 + i)).ToArray();
        var body = DataJson(covers);
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, body));
        var (client, logs, factory) = Client(api);
        using var disposeFactory = factory;
        using var disposeClient = client;

        var read = await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(300, read.Count);
        var logged = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("response body", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Trace, logged.Level);
        Assert.Contains(body[..1000], logged.Message, StringComparison.Ordinal);
        Assert.Contains(" … (" + (System.Text.Encoding.UTF8.GetByteCount(body) - LoggedResponseContent.MaxLoggedBytes) + " bytes more)", logged.Message, StringComparison.Ordinal);
    }
}
