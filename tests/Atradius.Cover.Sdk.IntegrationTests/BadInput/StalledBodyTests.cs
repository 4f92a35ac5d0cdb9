using System.Diagnostics;
using System.Net;
using Atradius.Cover.Sdk.IntegrationTests.Support;

namespace Atradius.Cover.Sdk.IntegrationTests.BadInput;

/// <summary>
/// A server (or a proxy) that sends the headers and then stops sending the body: the list pages and the success
/// bodies are streamed after the resilience pipeline has returned, so no attempt timeout covers them. The call must
/// still end, within the client's total timeout, in a CoverTransportException, and not hang for ever.
/// </summary>
public sealed class StalledBodyTests
{
    public static TheoryData<string> Operations() => ["get", "list", "submit", "search"];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_body_that_stalls_after_the_headers_ends_in_a_transport_failure_within_the_total_timeout(string operation)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mock = new MockCover(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(600);
        });
        mock.Answer = _ => new HttpResponseMessage(operation == "submit" ? HttpStatusCode.Created : HttpStatusCode.OK)
        {
            Content = new StreamContent(new StallingStream("{\"coverId\":1,\"data\":["u8.ToArray())),
        };

        var watch = Stopwatch.StartNew();
        var call = operation switch
        {
            "get" => mock.Client.Decisions.GetAsync(1, ct),
            "list" => Drain(mock.Client.Decisions.ListAsync(cancellationToken: ct)),
            "submit" => mock.Client.Applications.SubmitAsync(new CoverApplication { CustomerId = 200417, PolicyId = "5012345", BuyerId = 10042317, CreditLimitAmount = 10_000m, CurrencyCode = "EUR" }, ct),
            _ => Drain(mock.Client.Buyers.SearchAsync(new BuyerSearch { Name = "Tulip" }, ct)),
        };

        var error = await Assert.ThrowsAsync<CoverTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), ct));
        watch.Stop();

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(operation == "submit", error.RequestMayHaveBeenProcessed);
    }

    private static async Task Drain<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
        }
    }

    /// <summary>Returns a first chunk, then waits for ever (until cancelled) for the rest.</summary>
    private sealed class StallingStream(byte[] first) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                first.CopyTo(buffer);
                return first.Length;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
