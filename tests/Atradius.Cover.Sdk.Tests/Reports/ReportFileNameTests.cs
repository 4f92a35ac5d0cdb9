namespace Atradius.Cover.Sdk.Tests.Reports;

public sealed class ReportFileNameTests
{
    // Characters Windows refuses in a file name; reports written on Linux are opened there too.
    private static readonly char[] RefusedOnWindows = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    [Theory]
    [InlineData("weekly")]
    [InlineData("Monthly exposure")]
    [InlineData("exposure-EUR_2026")]
    [InlineData("Überblick")]
    public void A_name_safe_everywhere_is_the_file_name_itself(string name) =>
        Assert.Equal(name, CoverReportDocument.BaseFileName(name));

    [Theory]
    [InlineData("Q1: EUR*")]
    [InlineData("..\\..\\etc/passwd")]
    [InlineData("what?")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("CON")]
    [InlineData("lpt1")]
    public void Any_other_name_becomes_a_name_every_system_accepts(string name)
    {
        var fileName = CoverReportDocument.BaseFileName(name);

        Assert.NotEqual(name, fileName);
        Assert.DoesNotContain('.', fileName);
        Assert.All(RefusedOnWindows, c => Assert.DoesNotContain(c, fileName));
        Assert.False(fileName.StartsWith(' ') || fileName.EndsWith(' '));
        Assert.Matches("-[0-9a-f]{8}$", fileName);
    }

    [Theory]
    [InlineData("a.b", "a_b")]
    [InlineData("a.b", "a:b")]
    [InlineData("Q1/EUR", "Q1\\EUR")]
    [InlineData("CON", "CON_")]
    public void Two_names_never_share_a_file_name(string one, string other) =>
        Assert.NotEqual(CoverReportDocument.BaseFileName(one), CoverReportDocument.BaseFileName(other));

    [Fact]
    public void A_long_name_is_cut_and_still_told_apart_from_another_with_the_same_beginning()
    {
        var one = CoverReportDocument.BaseFileName(new string('x', 200) + "1");
        var other = CoverReportDocument.BaseFileName(new string('x', 200) + "2");

        Assert.InRange(one.Length, 1, 64 + 9);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public async Task Every_rendered_file_is_named_after_the_safe_name()
    {
        var now = DateTimeOffset.UtcNow;
        var report = new CoverPortfolioReport(new CoverReportDefinition { Name = "Q1: EUR" }, now, now.AddDays(-7), now);

        var documents = await CoverReportDocument.RenderAsync(report, CoverReportFormats.All, TestContext.Current.CancellationToken);

        var prefix = CoverReportDocument.BaseFileName("Q1: EUR") + ".";
        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.StartsWith(prefix, d.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writing_a_report_into_streams_gives_the_files_rendering_gives_one_at_a_time_and_leaves_each_stream_open()
    {
        var now = DateTimeOffset.UtcNow;
        var report = new CoverPortfolioReport(new CoverReportDefinition { Name = "weekly" }, now, now.AddDays(-7), now);
        var ct = TestContext.Current.CancellationToken;
        var rendered = await CoverReportDocument.RenderAsync(report, CoverReportFormats.All, ct);
        var streamed = new List<(string FileName, string ContentType, byte[] Content)>();

        var names = await CoverReportDocument.WriteAsync(
            report,
            CoverReportFormats.All,
            async (fileName, contentType, writeContent, token) =>
            {
                using var stream = new MemoryStream();
                await writeContent(stream, token);
                Assert.True(stream.CanWrite, "the writer closed the sink's stream");
                streamed.Add((fileName, contentType, stream.ToArray()));
            },
            ct);

        Assert.Equal(rendered.Select(d => d.FileName), names);
        Assert.Equal(rendered.Select(d => (d.FileName, d.ContentType, d.Content)), streamed);
        Assert.All(streamed, f => Assert.NotEmpty(f.Content));
    }

    [Fact]
    public async Task Every_format_is_written_into_a_stream_that_refuses_synchronous_writes_as_a_web_response_does()
    {
        // Before, the text formats ended each file with a synchronous flush, which a web server's response refuses.
        var now = DateTimeOffset.UtcNow;
        var report = new CoverPortfolioReport(new CoverReportDefinition { Name = "weekly" }, now, now.AddDays(-7), now);
        var ct = TestContext.Current.CancellationToken;
        var written = new List<(string FileName, long Length)>();

        await CoverReportDocument.WriteAsync(
            report,
            CoverReportFormats.All,
            async (fileName, _, writeContent, token) =>
            {
                using var stream = new AsynchronousOnlyStream();
                await writeContent(stream, token);
                written.Add((fileName, stream.Length));
            },
            ct);

        Assert.Equal((await CoverReportDocument.RenderAsync(report, CoverReportFormats.All, ct)).Select(d => (d.FileName, (long)d.Content.Length)), written);
    }

    private sealed class AsynchronousOnlyStream : MemoryStream
    {
        private const string Refused = "Synchronous operations are disallowed.";

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException(Refused);

        public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException(Refused);

        public override void WriteByte(byte value) => throw new InvalidOperationException(Refused);

        public override void Flush() => throw new InvalidOperationException(Refused);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var bytes = buffer.ToArray();
            base.Write(bytes, 0, bytes.Length);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
