using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>The monitor's handler when none is registered: logs each change.</summary>
internal sealed class LoggingChangeHandler(ILogger logger) : ICoverChangeHandler
{
    public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken)
    {
        CoverMonitorLog.Change(logger, change);
        return Task.CompletedTask;
    }
}
