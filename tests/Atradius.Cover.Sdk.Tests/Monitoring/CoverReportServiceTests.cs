using System.Threading.Channels;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Monitoring;

public sealed class CoverReportServiceTests
{
    private sealed class RecordingSink : ICoverReportSink
    {
        public Channel<IReadOnlyList<CoverReportDocument>> Delivered { get; } = Channel.CreateUnbounded<IReadOnlyList<CoverReportDocument>>();

        public Task DeliverAsync(CoverPortfolioReport report, IReadOnlyList<CoverReportDocument> documents, CancellationToken cancellationToken = default)
        {
            Delivered.Writer.TryWrite(documents);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Makes_a_report_at_start_and_hands_the_rendered_files_to_the_registered_sink()
    {
        var ct = TestContext.Current.CancellationToken;
        var t = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Get, PortfolioJson.Covers).Respond("application/json", PortfolioJson.Page(null, PortfolioJson.Cover(1, 1, t), PortfolioJson.Cover(2, 1, t, currency: "USD")));
        var sink = new RecordingSink();

        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(t))
            .AddSingleton<ICoverClient>(PortfolioJson.Client(http))
            .AddSingleton<ICoverReportSink>(sink)
            .AddAtradiusCoverReports(o =>
            {
                o.Definition = new CoverReportDefinition { Name = "daily", Sections = CoverReportSections.ByCurrency };
                o.Formats = CoverReportFormats.Csv | CoverReportFormats.Markdown;
            })
            .BuildServiceProvider();
        var service = Assert.Single(provider.GetServices<IHostedService>());

        await service.StartAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var documents = await sink.Delivered.Reader.ReadAsync(timeout.Token);
        await service.StopAsync(ct);

        Assert.Equal(new[] { "daily.by-currency.csv", "daily.md" }, documents.Select(d => d.FileName).ToArray());
        Assert.Contains("EUR,EUR,1,1,50000,50000,0", System.Text.Encoding.UTF8.GetString(documents[0].Content), StringComparison.Ordinal);
    }
}
