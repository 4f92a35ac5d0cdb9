namespace Atradius.Cover.Sdk;

/// <summary>Runs a portfolio sync straight from <see cref="ICoverClient.Decisions"/>.</summary>
public static class CoverPortfolioSyncExtensions
{
    /// <summary>
    /// Runs one portfolio sync: the whole portfolio on the first run, then the changes since the checkpoint kept in
    /// <paramref name="store"/>. See <see cref="CoverPortfolioSync"/>.
    /// </summary>
    /// <param name="decisions">The decisions client, for example <c>cover.Decisions</c>.</param>
    /// <param name="store">Keeps the checkpoint and the known cover states between runs.</param>
    /// <param name="handler">Receives the changes a page at a time; when it throws, they come again next run.</param>
    /// <param name="options">Overlap window, page size and filters; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run; what was delivered and saved stays saved.</param>
    /// <returns>What the run did.</returns>
    public static Task<CoverSyncResult> SyncAsync(
        this DecisionsClient decisions,
        ICoverCheckpointStore store,
        Func<IReadOnlyList<CoverPortfolioChange>, CancellationToken, Task> handler,
        CoverPortfolioSyncOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        _ = decisions ?? throw new ArgumentNullException(nameof(decisions));
        var sync = new CoverPortfolioSync(new DecisionsSyncSource(decisions, null, options?.Filter), store, options);
        return sync.RunAsync(handler, cancellationToken);
    }
}
