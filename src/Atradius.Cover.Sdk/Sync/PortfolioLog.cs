using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

internal static partial class PortfolioLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Cover sync delivered {Changes} changes from {Pages} pages (initial load: {InitialLoad}, duplicates skipped: {Duplicates})")]
    public static partial void SyncCompleted(ILogger logger, int changes, int pages, bool initialLoad, int duplicates);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The saved continuation token of the initial load was refused ({Status}); the load restarts from the first page")]
    public static partial void ContinuationRefused(ILogger logger, int status);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Cover sync failed; the next tick retries from the last checkpoint")]
    public static partial void MonitorTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Cover report failed; the next tick tries again")]
    public static partial void ReportTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Cover report {Name} written ({Covers} covers)")]
    public static partial void ReportWritten(ILogger logger, string name, long covers);
}
