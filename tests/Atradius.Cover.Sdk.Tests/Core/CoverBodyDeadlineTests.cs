using System.Diagnostics;
using System.Net;

namespace Atradius.Cover.Sdk.Tests.Core;

public sealed class CoverBodyDeadlineTests
{
    [Fact]
    public async Task A_body_that_stalls_after_its_headers_times_out_instead_of_hanging()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) };
        CoverBodyDeadline.Apply(response, TimeSpan.FromMilliseconds(100));

        var watch = Stopwatch.StartNew();
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<TimeoutException>(async () => await body.ReadExactlyAsync(new byte[16], TestContext.Current.CancellationToken));

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Contains("did not arrive within 0.1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_error_body_keeps_the_status_it_came_with()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StreamContent(new StallingStream()) };
        CoverBodyDeadline.Apply(response, TimeSpan.FromMilliseconds(100));

        var body = await CoverServiceClient.ReadBoundedTextAsync(response.Content, TestContext.Current.CancellationToken);

        Assert.Null(body);
    }

    [Fact]
    public async Task The_caller_cancelling_is_a_cancellation_not_a_timeout()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) };
        CoverBodyDeadline.Apply(response, TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadExactlyAsync(new byte[16], cancel.Token));
    }

    [Fact]
    public async Task A_read_started_under_a_deadline_that_has_to_wait_is_cancelled_by_it()
    {
        using var deadline = CoverBodyDeadline.Start(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken)!;
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) };

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CoverServiceClient.ReadBodyAsync<object>(response, 200, new Dictionary<string, IEnumerable<string>>(), System.Text.Json.JsonSerializerOptions.Default, buffered: true, deadline.Token, deadline));

        Assert.True(deadline.IsCancellationRequested);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_body_read_at_once_starts_no_timer()
    {
        using var deadline = CoverBodyDeadline.Start(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken)!;
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("{\"a\":1}"u8.ToArray()) };

        var body = await CoverServiceClient.ReadBodyAsync<Dictionary<string, int>>(response, 200, new Dictionary<string, IEnumerable<string>>(), System.Text.Json.JsonSerializerOptions.Default, buffered: true, deadline.Token, deadline);
        await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.Equal(1, body!["a"]);
        Assert.False(deadline.IsCancellationRequested);
    }

    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
