using System.Globalization;
using System.Text;
using System.Text.Json;
using Atradius.Cover.Sdk;
using Microsoft.Extensions.Time.Testing;
using static Atradius.Cover.Sdk.Tests.Reports.ReportWorld;

namespace Atradius.Cover.Sdk.Tests.Reports;

public sealed class CoverReportWriterTests
{
    private sealed class FakeCoverClient : CoverClient
    {
    }

    private static Task<CoverPortfolioReport> ReportAsync(params CoverDecision[] covers) =>
        new ReportsClient(new FakeCoverClient(), new FakeTimeProvider(Now)).CreatePortfolioReportAsync(
            Stream(covers), new CoverReportDefinition { Name = "weekly", BuyerLookup = Lookup }, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Smith, Jones & Co", "\"Smith, Jones & Co\"")]
    [InlineData("The \"Best\" B.V.", "\"The \"\"Best\"\" B.V.\"")]
    [InlineData("line\r\nbreak", "\"line\r\nbreak\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData(null, "")]
    public void Csv_fields_are_quoted_as_rfc_4180_requires(string? value, string expected) =>
        Assert.Equal(expected, CoverReportCsvWriter.Escape(value));

    [Fact]
    public async Task Csv_sections_quote_names_and_use_the_invariant_culture_under_a_german_culture()
    {
        var report = await ReportAsync(
            Decided(1, 100, 1_234.5m, 2_000m, name: "Müller, \"Süd\"\nGmbH", updated: Now.AddDays(-1)),
            Decided(2, 200, 1_000_000m, 1_000_000m));

        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var currency = new StringWriter();
            await CoverReportCsvWriter.WriteSectionAsync(report, "by-currency", currency, TestContext.Current.CancellationToken);
            Assert.Equal("group,currency,covers,covered,total_cover,requested_exposure,uncovered_exposure\r\nEUR,EUR,2,2,1001234.5,1002000,765.5\r\n", currency.ToString());

            var changed = new StringWriter();
            await CoverReportCsvWriter.WriteSectionAsync(report, "changed-in-period", changed, TestContext.Current.CancellationToken);
            Assert.Contains(",\"Müller, \"\"Süd\"\"\nGmbH\",", changed.ToString(), StringComparison.Ordinal);
            Assert.Contains(",1234.5,2000,EUR,2026-10-21T12:00:00Z,2026-11-19T12:00:00Z,,30.0,", changed.ToString(), StringComparison.Ordinal);

            var longFormat = new StringWriter();
            await CoverReportCsvWriter.WriteLongFormatAsync(report, longFormat, TestContext.Current.CancellationToken);
            Assert.Contains("by-currency,0,total_cover,1001234.5\r\n", longFormat.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task Html_and_markdown_encode_every_value()
    {
        var report = await ReportAsync(Decided(1, 100, 1_000m, 1_000m, name: "<script>alert('x')</script> | A&B", updated: Now.AddDays(-1)));

        var html = new StringWriter();
        await CoverReportHtmlWriter.WriteAsync(report, html, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script>", html.ToString(), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | A&amp;B", html.ToString(), StringComparison.Ordinal);

        var markdown = new StringWriter();
        await CoverReportMarkdownWriter.WriteAsync(report, markdown, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script>", markdown.ToString(), StringComparison.Ordinal);
        Assert.Contains("&lt;/script&gt; \\| A&amp;B", markdown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_holds_the_figures_and_the_lists()
    {
        var report = await ReportAsync(Portfolio().ToArray());
        using var stream = new MemoryStream();
        await CoverReportJsonWriter.WriteAsync(report, stream, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("weekly", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(7, json.RootElement.GetProperty("coverCount").GetInt32());
        Assert.Equal(100_000m, json.RootElement.GetProperty("byCurrency")[0].GetProperty("totalCover").GetDecimal());
        Assert.Equal("2026-12-20", json.RootElement.GetProperty("notices").GetProperty("items")[0].GetProperty("effectiveDate").GetString());
    }

    [Fact]
    public async Task The_folder_sink_writes_every_document_under_a_timestamped_name_and_leaves_no_temporary_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cover-reports-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = await ReportAsync(Portfolio().ToArray());
            var documents = await CoverReportDocument.RenderAsync(report, CoverReportFormats.All, TestContext.Current.CancellationToken);
            await new FolderCoverReportSink(folder).DeliverAsync(report, documents, TestContext.Current.CancellationToken);

            var files = Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.Equal(documents.Count, files.Length);
            Assert.Contains("20261120T120000Z.weekly.by-currency.csv", files);
            Assert.Contains("20261120T120000Z.weekly.html", files);
            Assert.DoesNotContain(files, f => f!.EndsWith(".tmp", StringComparison.Ordinal));
            Assert.StartsWith("group,currency", await File.ReadAllTextAsync(Path.Combine(folder, "20261120T120000Z.weekly.by-currency.csv"), Encoding.UTF8, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
