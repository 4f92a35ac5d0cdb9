using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>The sandbox's log messages, source-generated so logging costs nothing when it is off.</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(1, LogLevel.Information, "{Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms (correlation id {CorrelationId})")]
    public static partial void RequestFinished(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds, string correlationId);

    [LoggerMessage(2, LogLevel.Warning, "Injected fault {Fault} on {Method} {Path} (correlation id {CorrelationId})")]
    public static partial void FaultInjected(ILogger logger, string fault, string method, string path, string correlationId);

    [LoggerMessage(3, LogLevel.Error, "Unexpected error on {Method} {Path} (correlation id {CorrelationId})")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string method, string path, string correlationId);

    [LoggerMessage(4, LogLevel.Information, "Cover sandbox listening on {BaseAddress}")]
    public static partial void Started(ILogger logger, Uri baseAddress);
}
