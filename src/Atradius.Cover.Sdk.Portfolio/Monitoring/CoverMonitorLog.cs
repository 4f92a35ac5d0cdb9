using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio;

internal static class CoverMonitorLog
{
    private static readonly Action<ILogger, string, string, Exception?> LeaseTakenMessage =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(5001, "LeaseTaken"), "Portfolio {PortfolioKey}: this instance ({HolderId}) now syncs it.");

    private static readonly Action<ILogger, string, Exception?> LeaseLostMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(5002, "LeaseLost"), "Portfolio {PortfolioKey}: the sync lease was lost; another instance syncs it now.");

    private static readonly Action<ILogger, string, bool, int, int, int, Exception?> SyncedMessage =
        LoggerMessage.Define<string, bool, int, int, int>(LogLevel.Information, new EventId(5003, "Synced"), "Portfolio {PortfolioKey} synced (full: {Full}): {Covers} covers read, {Versions} new versions, {Changes} changes.");

    private static readonly Action<ILogger, string, Exception?> SyncFailedMessage =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(5004, "SyncFailed"), "Portfolio {PortfolioKey}: the sync failed; it is tried again after the interval.");

    private static readonly Action<ILogger, string, double, Exception?> StoreFailedMessage =
        LoggerMessage.Define<string, double>(LogLevel.Error, new EventId(5006, "StoreFailed"), "Portfolio {PortfolioKey}: the store did not answer (starting, or for the sync lease); it is asked again within {RetrySeconds} s.");

    private static readonly EventId ChangeEvent = new(5005, "CoverChange");

    private static readonly Action<ILogger, CoverChangeKind, long?, long?, string, Exception?> ChangeMessage =
        LoggerMessage.Define<CoverChangeKind, long?, long?, string>(LogLevel.Information, ChangeEvent, "{Kind}: cover {CoverId}, buyer {BuyerId}: {Change}");

    // The same event for a cover a first sync finds, where every cover of the portfolio shows up as new.
    private static readonly Action<ILogger, CoverChangeKind, long?, long?, string, Exception?> InitialLoadChangeMessage =
        LoggerMessage.Define<CoverChangeKind, long?, long?, string>(LogLevel.Debug, ChangeEvent, "{Kind}: cover {CoverId}, buyer {BuyerId}: {Change}");

    private static readonly Action<ILogger, string, int, Exception?> InitialLoadLoggedMessage =
        LoggerMessage.Define<string, int>(LogLevel.Information, new EventId(5007, "InitialLoadLogged"), "Portfolio {PortfolioKey}: the first sync found {Covers} covers, each logged at Debug (event 5005).");

    private static readonly Action<ILogger, string, int, Exception?> InitialLoadStoppedMessage =
        LoggerMessage.Define<string, int>(LogLevel.Information, new EventId(5008, "InitialLoadStopped"), "Portfolio {PortfolioKey}: the first sync stopped after {Covers} covers, each logged at Debug (event 5005); the next sync hands over the rest.");

    public static void LeaseTaken(ILogger logger, string key, string holder) => LeaseTakenMessage(logger, key, holder, null);

    public static void LeaseLost(ILogger logger, string key) => LeaseLostMessage(logger, key, null);

    public static void Synced(ILogger logger, string key, CoverSyncResult result) =>
        SyncedMessage(logger, key, result.WasFullReconciliation, result.CoversRead, result.CoverVersionsStored, result.ChangesRecorded, null);

    public static void SyncFailed(ILogger logger, string key, Exception error) => SyncFailedMessage(logger, key, error);

    public static void StoreFailed(ILogger logger, string key, TimeSpan retryAfter, Exception error) => StoreFailedMessage(logger, key, retryAfter.TotalSeconds, error);

    /// <summary>A change, at Information; a cover a first sync finds at Debug (a portfolio's every cover, in one sync).</summary>
    public static void Change(ILogger logger, CoverPortfolioChange change)
    {
        var message = change.IsInitialLoad ? InitialLoadChangeMessage : ChangeMessage;
        if (logger.IsEnabled(change.IsInitialLoad ? LogLevel.Debug : LogLevel.Information))
        {
            message(logger, change.Kind, change.CoverId, change.BuyerId, change.ToString(), null);
        }
    }

    public static void InitialLoadLogged(ILogger logger, string key, int covers) => InitialLoadLoggedMessage(logger, key, covers, null);

    public static void InitialLoadStopped(ILogger logger, string key, int covers) => InitialLoadStoppedMessage(logger, key, covers, null);
}
