using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The monitor's handler when none is registered: logs each change (event 5005), at Information, except the covers a
/// first sync finds: every cover of the portfolio shows up as new then, and those go at Debug, with one Information
/// line per sync that counts them (event 5007, or 5008 when the sync stopped before its end).
/// </summary>
/// <remarks>One instance per sync: <see cref="EndSync"/> writes the count of the sync it was made for.</remarks>
internal sealed class LoggingChangeHandler(ILogger logger, string portfolioKey) : ICoverChangeHandler
{
    private int _initialLoad;

    public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken)
    {
        if (change.IsInitialLoad)
        {
            _initialLoad++;
        }

        CoverMonitorLog.Change(logger, change);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Logs how many covers the sync handed over as a first sync, if any: they were logged at Debug only. A first sync
    /// that failed or stopped has not found the whole portfolio, and says so.
    /// </summary>
    /// <param name="completed">Whether the sync ran to its end.</param>
    public void EndSync(bool completed)
    {
        if (_initialLoad > 0)
        {
            if (completed)
            {
                CoverMonitorLog.InitialLoadLogged(logger, portfolioKey, _initialLoad);
            }
            else
            {
                CoverMonitorLog.InitialLoadStopped(logger, portfolioKey, _initialLoad);
            }

            _initialLoad = 0;
        }
    }
}
