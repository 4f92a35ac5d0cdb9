using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio;

internal static class CoverReportSchedulerLog
{
    private static readonly Action<ILogger, string, int, string, Exception?> ProducedMessage =
        LoggerMessage.Define<string, int, string>(LogLevel.Information, new EventId(5101, "ReportProduced"), "Report {ReportName} produced: {Files} files in {OutputDirectory}.");

    private static readonly Action<ILogger, Exception?> FailedMessage =
        LoggerMessage.Define(LogLevel.Error, new EventId(5102, "ReportFailed"), "A scheduled report failed; it is tried again at the next check.");

    public static void Produced(ILogger logger, string name, int files, string directory) => ProducedMessage(logger, name, files, directory, null);

    public static void Failed(ILogger logger, Exception error) => FailedMessage(logger, error);
}
