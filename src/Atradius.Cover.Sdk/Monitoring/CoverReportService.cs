using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk;

/// <summary>Makes a portfolio report on an interval and hands its files to every registered <see cref="ICoverReportSink"/>.</summary>
internal sealed class CoverReportService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ICoverClient _client;
    private readonly CoverReportScheduleOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CoverReportService> _logger;

    public CoverReportService(IServiceScopeFactory scopes, ICoverClient client, IOptions<CoverReportScheduleOptions> options, ILogger<CoverReportService> logger, TimeProvider? timeProvider = null)
    {
        _scopes = scopes;
        _client = client;
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reports = new ReportsClient(_client, _timeProvider);
        if (_options.RunOnStart)
        {
            await TickAsync(reports, stoppingToken).ConfigureAwait(false);
        }

        try
        {
#if NET8_0_OR_GREATER
            using var timer = new PeriodicTimer(_options.Interval, _timeProvider);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TickAsync(reports, stoppingToken).ConfigureAwait(false);
            }
#else
            while (!stoppingToken.IsCancellationRequested)
            {
                await _timeProvider.Delay(_options.Interval, stoppingToken).ConfigureAwait(false);
                await TickAsync(reports, stoppingToken).ConfigureAwait(false);
            }
#endif
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(ReportsClient reports, CancellationToken stoppingToken)
    {
        try
        {
            var report = await reports.CreatePortfolioReportAsync(_options.Definition, stoppingToken).ConfigureAwait(false);
            var documents = await CoverReportDocument.RenderAsync(report, _options.Formats, stoppingToken).ConfigureAwait(false);
            using var scope = _scopes.CreateScope();
            var sinks = scope.ServiceProvider.GetServices<ICoverReportSink>().ToList();
            if (sinks.Count == 0)
            {
                // Checked here rather than at registration: a sink may be registered after AddAtradiusCoverReports.
                sinks.Add(string.IsNullOrWhiteSpace(_options.OutputFolder)
                    ? throw new InvalidOperationException("Register an ICoverReportSink or set CoverReportScheduleOptions.OutputFolder.")
                    : new FolderCoverReportSink(_options.OutputFolder!));
            }

            foreach (var sink in sinks)
            {
                await sink.DeliverAsync(report, documents, stoppingToken).ConfigureAwait(false);
            }

            PortfolioLog.ReportWritten(_logger, report.Name, report.CoverCount);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            PortfolioLog.ReportTickFailed(_logger, ex);
        }
    }
}
