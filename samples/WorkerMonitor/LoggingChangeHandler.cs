using System.Globalization;
using Atradius.Cover.Sdk;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>What a real host would turn into an e-mail to credit control or an ERP update: here, one log line per change.</summary>
public sealed partial class LoggingChangeHandler(ILogger<LoggingChangeHandler> logger) : ICoverChangeHandler
{
    public Task HandleAsync(IReadOnlyList<CoverPortfolioChange> changes, CancellationToken cancellationToken = default)
    {
        var initialLoad = changes.Count(c => c.IsInitialLoad);
        if (initialLoad > 0)
        {
            // The first run reports every cover as new; one line says so instead of hundreds.
            InitialLoad(logger, initialLoad);
        }

        foreach (var change in changes.Where(c => !c.IsInitialLoad))
        {
            Changed(logger, change.Kind, change.CoverId, change.Decision?.BuyerName, change.Decision?.DecidedAmount?.ToString(), change.Decision?.WithdrawalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portfolio loaded: {Count} covers")]
    private static partial void InitialLoad(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind}: cover {CoverId} on {Buyer}, now {Amount}, effective {WithdrawalDate}")]
    private static partial void Changed(ILogger logger, CoverChangeKind kind, long coverId, string? buyer, string? amount, string? withdrawalDate);
}
