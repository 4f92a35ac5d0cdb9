using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The monitor's handler when none is registered: logs each change (event 5005), at Information, except the covers a
/// first sync finds: every cover of the portfolio shows up as new then, and those go at Debug, with one Information
/// line per sync that counts them (event 5007).
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

    /// <summary>Logs how many covers the sync found as a first sync, if any: they were logged at Debug only.</summary>
    public void EndSync()
    {
        if (_initialLoad > 0)
        {
            CoverMonitorLog.InitialLoadLogged(logger, portfolioKey, _initialLoad);
            _initialLoad = 0;
        }
    }
}
