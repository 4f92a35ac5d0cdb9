using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio;

internal static class CoverReportSchedulerLog
{
    private static readonly Action<ILogger, string, int, string, Exception?> ProducedMessage =
        LoggerMessage.Define<string, int, string>(LogLevel.Information, new EventId(5101, "ReportProduced"), "Report {ReportName} produced: {Files} files in {OutputDirectory}.");

    private static readonly Action<ILogger, string, Exception?> FailedMessage =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(5102, "ReportFailed"), "Report {ReportName} failed; it is tried again at the next check.");

    private static readonly Action<ILogger, Exception?> StoreUnavailableMessage =
        LoggerMessage.Define(LogLevel.Error, new EventId(5105, "ReportStoreUnavailable"), "The store that records the scheduled reports' runs could not be opened; it is tried again at the next check.");

    private static readonly Action<ILogger, string, Exception?> LeaseLostMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(5103, "ReportLeaseLost"), "Report {ReportName}: the lease was lost while it was produced; this run stopped, and the instance holding the lease produces it.");

    private static readonly Action<ILogger, string, Exception?> StoreFailedMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(5104, "ReportStoreFailed"), "Report {ReportName}: the store did not answer for the report's lease (a renewal or its release); the run stops once the lease may lapse.");

    public static void Produced(ILogger logger, string name, int files, string directory) => ProducedMessage(logger, name, files, directory, null);

    public static void LeaseLost(ILogger logger, string name) => LeaseLostMessage(logger, name, null);

    public static void StoreFailed(ILogger logger, string name, Exception error) => StoreFailedMessage(logger, name, error);

    public static void Failed(ILogger logger, string name, Exception error) => FailedMessage(logger, name, error);

    public static void StoreUnavailable(ILogger logger, Exception error) => StoreUnavailableMessage(logger, error);
}
