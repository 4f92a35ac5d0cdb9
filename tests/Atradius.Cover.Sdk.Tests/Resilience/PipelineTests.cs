using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Resilience;

public sealed class PipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_get_whose_body_is_cut_short_is_sent_again()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(Sequence(
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new CutContent("{\"data\":[{\"buyer") },
            () => Answer(200, """{"data":[{"buyerId":1}]}""")));

        var buyer = await api.Client.Buyers.GetAsync(1, cancellationToken: Ct);

        Assert.Equal(1, buyer.Value.BuyerId);
        Assert.Equal(2, api.Count(HttpMethod.Get, BuyersUrl + "/1"));
    }

    [Fact]
    public async Task A_single_read_whose_body_goes_on_past_16_MB_is_an_unreadable_answer_not_held_whole()
    {
        // Before, the body was copied into memory however long it went on, and only then found unreadable.
        using var api = new CoverApi();
        var body = new LongBody("{\"data\":[{\"buyerId\":1,\"notes\":\"", (byte)'x', 48 * 1024 * 1024);
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });

        var ex = await Assert.ThrowsAnyAsync<CoverApiException>(() => api.Client.Buyers.GetAsync(1, cancellationToken: Ct));

        Assert.Contains("larger than 16 MB", ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.Status);
        Assert.Equal("{\"data\":[{\"buyerId\":1,\"notes\":\"" + new string('x', 4096 - 31), ex.RawBody);
        Assert.InRange(body.BytesRead, 16 * 1024 * 1024, 17 * 1024 * 1024);
        Assert.True(body.Disposed);
        Assert.Equal(1, api.Count(HttpMethod.Get, BuyersUrl + "/1"));
    }

    [Fact]
    public async Task An_error_page_that_goes_on_and_on_keeps_its_status_and_detail_and_is_not_held_whole()
    {
        using var api = new CoverApi();
        var body = new LongBody("{\"errors\":[{\"detail\":\"No such buyer\"}]}", (byte)' ', 48 * 1024 * 1024);
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StreamContent(body) });

        var ex = await Assert.ThrowsAsync<CoverNotFoundException>(() => api.Client.Buyers.GetAsync(1, cancellationToken: Ct));

        Assert.Contains("No such buyer", ex.Message, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, 1, 1024 * 1024);
        Assert.True(body.Disposed);
    }

    [Fact]
    public async Task A_post_is_never_repeated_by_the_pipeline()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(503, """{"faultstring":"Service Unavailable"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 5000 }, cancellationToken: Ct));

        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task A_write_is_sent_once_when_the_host_gives_every_http_client_a_standard_resilience_handler(string method)
    {
        // Hosts built from the .NET Aspire service defaults add a standard resilience handler to every client, and it
        // retries every method: a 502 after the service committed would make the change twice.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(502, """{"faultstring":"Bad Gateway"}"""));
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(502, """{"faultstring":"Bad Gateway"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(70001234, buyerId: 77))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.UseJitter = false;
        }));
        await using var provider = api.Services(services, o => o.Resilience.MaxRetryAttempts = 0);
        var client = provider.GetRequiredService<ICoverClient>();

        await Assert.ThrowsAnyAsync<CoverApiException>(() => method == "POST"
            ? client.Applications.SubmitAsync(new CoverApplication { BuyerId = 78, CreditLimitAmount = 5000 }, cancellationToken: Ct)
            : client.Decisions.IncreaseAsync(new CoverKey(77, CoverType.CreditLimit), 90000, cancellationToken: Ct));

        Assert.Equal(1, api.Count(new HttpMethod(method), CoversUrl));
    }

    [Fact]
    public async Task The_token_endpoint_is_asked_once_per_sdk_attempt_when_the_host_gives_every_http_client_a_standard_resilience_handler()
    {
        // Before, the host's handler stayed on the token endpoint's client: it retried each of the SDK's own token
        // requests (8 requests here, not 2), and its waits outlasted the SDK's attempt timeout.
        using var api = new CoverApi();
        api.Mock.Clear();
        api.Mock.When(HttpMethod.Post, TokenUrl).Respond(_ => Answer(503, """{"faultstring":"Service Unavailable"}"""));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.UseJitter = false;
        }));
        await using var provider = api.Services(services, o =>
        {
            o.Resilience.MaxRetryAttempts = 1;
            o.Resilience.BaseDelay = TimeSpan.Zero;
        });

        var ex = await Assert.ThrowsAsync<CoverTransportException>(() => provider.GetRequiredService<ICoverClient>().Buyers.GetAsync(1, cancellationToken: Ct));

        Assert.False(ex.RequestWasSent);
        Assert.Equal(2, api.Recorder.Requests.Count(r => r.Uri.AbsoluteUri == TokenUrl));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task More_than_a_thousand_calls_in_flight_are_all_sent_none_rejected_by_a_client_side_limit()
    {
        const int Calls = 1100;
        using var api = new CoverApi();
        var arrived = 0;
        var allIn = new TaskCompletionSource();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/*").Respond(async request =>
        {
            if (Interlocked.Increment(ref arrived) == Calls)
            {
                allIn.SetResult();
            }

            // Every call stays in flight until all of them have reached the socket.
            await allIn.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return Answer(200, """{"data":[{"buyerId":""" + request.RequestUri!.Segments[^1] + "}]}");
        });

        var calls = Enumerable.Range(1, Calls).Select(i => api.Client.Buyers.GetAsync(i, cancellationToken: Ct)).ToArray();
        var buyers = await Task.WhenAll(calls);

        Assert.Equal(Calls, buyers.Length);
        Assert.Equal(Calls, arrived);
    }

    /// <summary>A body that starts with some text and then repeats one byte up to a length, counting what is read of it.</summary>
    private sealed class LongBody(string start, byte filler, long length) : AsyncReadStream
    {
        private readonly byte[] _start = System.Text.Encoding.UTF8.GetBytes(start);
        private long _bytesRead;

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public bool Disposed { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var position = BytesRead;
            var count = (int)Math.Min(buffer.Length, length - position);
            var span = buffer.Span.Slice(0, count);
            for (var i = 0; i < count; i++)
            {
                span[i] = position + i < _start.Length ? _start[position + i] : filler;
            }

            Interlocked.Add(ref _bytesRead, count);
            return new ValueTask<int>(count);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
