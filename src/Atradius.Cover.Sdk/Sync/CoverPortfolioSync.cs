using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Keeps a local copy of a cover portfolio up to date: the first run loads the whole portfolio (bulk mode), later runs
/// fetch only the decisions new, updated or pending since the checkpoint, and each change is classified against the
/// cover's previously known state and handed to a handler.
/// </summary>
/// <remarks>
/// <para>Delivery is at least once and nothing is lost: after each page the handler runs first, then the known states
/// and the checkpoint are saved. A crash, a failing handler or a failing store at any point makes the next run deliver
/// the unsaved changes again.</para>
/// <para>Incremental runs start the overlap window before the checkpoint so a change at the boundary is never missed;
/// covers seen again at a version already delivered are folded away.</para>
/// <para>Runs of one instance must not overlap; the cover monitor runs them one after the other.</para>
/// </remarks>
public class CoverPortfolioSync
{
    private readonly ICoverSyncSource _source;
    private readonly ICoverCheckpointStore _store;
    private readonly CoverPortfolioSyncOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a sync over a Cover client.</summary>
    /// <param name="client">The client the covers are read through.</param>
    /// <param name="store">Keeps the checkpoint and the known cover states between runs.</param>
    /// <param name="options">Overlap window, page size and filters; defaults when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="logger">Where runs are logged; nowhere when null.</param>
    public CoverPortfolioSync(ICoverClient client, ICoverCheckpointStore store, CoverPortfolioSyncOptions? options = null, TimeProvider? timeProvider = null, ILogger<CoverPortfolioSync>? logger = null)
        : this(new DecisionsSyncSource((client ?? throw new ArgumentNullException(nameof(client))).Decisions, client.Applications, options?.Filter), store, options, timeProvider, logger)
    {
    }

    internal CoverPortfolioSync(ICoverSyncSource source, ICoverCheckpointStore store, CoverPortfolioSyncOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new CoverPortfolioSyncOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Creates an instance for mocking.</summary>
    protected CoverPortfolioSync()
    {
        _source = null!;
        _store = null!;
        _options = new CoverPortfolioSyncOptions();
        _timeProvider = TimeProvider.System;
        _logger = NullLogger.Instance;
    }

    /// <summary>The store holding the checkpoint and the known cover states.</summary>
    public ICoverCheckpointStore Store => _store;

    /// <summary>Runs one sync and hands the changes, a page at a time, to <paramref name="handler"/>.</summary>
    /// <param name="handler">Receives the changes; when it throws, the run stops and the changes come again next run.</param>
    /// <param name="cancellationToken">Stops the run; what was delivered and saved stays saved.</param>
    /// <returns>What the run did.</returns>
    public virtual Task<CoverSyncResult> RunAsync(ICoverChangeHandler handler, CancellationToken cancellationToken = default)
    {
        _ = handler ?? throw new ArgumentNullException(nameof(handler));

        return RunCoreAsync(handler.HandleAsync, cancellationToken);
    }

    /// <summary>Runs one sync and hands the changes, a page at a time, to <paramref name="handler"/>.</summary>
    /// <param name="handler">Receives the changes; when it throws, the run stops and the changes come again next run.</param>
    /// <param name="cancellationToken">Stops the run; what was delivered and saved stays saved.</param>
    /// <returns>What the run did.</returns>
    public virtual Task<CoverSyncResult> RunAsync(Func<IReadOnlyList<CoverPortfolioChange>, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        _ = handler ?? throw new ArgumentNullException(nameof(handler));

        return RunCoreAsync(handler, cancellationToken);
    }

    private async Task<CoverSyncResult> RunCoreAsync(Func<IReadOnlyList<CoverPortfolioChange>, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var checkpoint = (await _store.LoadCheckpointAsync(cancellationToken).ConfigureAwait(false))?.Clone() ?? new CoverSyncCheckpoint();
        var counters = new Counters();
        var initial = !checkpoint.InitialLoadCompleted;

        if (initial)
        {
            await InitialLoadAsync(checkpoint, handler, counters, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await IncrementalAsync(checkpoint, handler, counters, cancellationToken).ConfigureAwait(false);
        }

        PortfolioLog.SyncCompleted(_logger, counters.Delivered, counters.Pages, initial, counters.Duplicates);
        return new CoverSyncResult(initial, counters.Pages, counters.Delivered, counters.Duplicates, checkpoint.Clone());
    }

    private async Task InitialLoadAsync(CoverSyncCheckpoint checkpoint, Func<IReadOnlyList<CoverPortfolioChange>, CancellationToken, Task> handler, Counters counters, CancellationToken cancellationToken)
    {
        checkpoint.InitialLoadStartedAt ??= _timeProvider.GetUtcNow();
        var cursor = checkpoint.ContinuationToken;
        do
        {
            CoverSyncPage page;
            try
            {
                page = await _source.ListPortfolioPageAsync(cursor, _options.PageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (CoverApiException ex) when (cursor is not null && cursor == checkpoint.ContinuationToken && ex.Status is 400 or 410)
            {
                // A cursor saved before a long outage may have expired; starting over is safe because covers
                // already delivered at the same version are folded away.
                PortfolioLog.ContinuationRefused(_logger, ex.Status);
                checkpoint.ContinuationToken = null;
                cursor = null;
                continue;
            }

            counters.Pages++;
            await DeliverAsync(page.Items, isInitialLoad: true, handler, counters, cancellationToken).ConfigureAwait(false);

            checkpoint.HighWaterMark = Max(checkpoint.HighWaterMark, page.Items);
            checkpoint.ContinuationToken = page.NextCursor;
            cursor = page.NextCursor;
            if (cursor is not null)
            {
                await SaveCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            }
        }
        while (cursor is not null);

        // A cover changed during the load may sit on a page already read; starting the incremental runs no later
        // than the load's start catches it.
        var started = checkpoint.InitialLoadStartedAt.Value;
        checkpoint.HighWaterMark = checkpoint.HighWaterMark is { } seen && seen < started ? seen : started;
        checkpoint.InitialLoadCompleted = true;
        checkpoint.ContinuationToken = null;
        await SaveCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
    }

    private async Task IncrementalAsync(CoverSyncCheckpoint checkpoint, Func<IReadOnlyList<CoverPortfolioChange>, CancellationToken, Task> handler, Counters counters, CancellationToken cancellationToken)
    {
        var since = (checkpoint.HighWaterMark ?? DateTimeOffset.MinValue + _options.OverlapWindow) - _options.OverlapWindow;
        string? cursor = null;
        do
        {
            var page = await _source.ListChangesPageAsync(since, cursor, _options.PageSize, cancellationToken).ConfigureAwait(false);
            counters.Pages++;
            await DeliverAsync(page.Items, isInitialLoad: false, handler, counters, cancellationToken).ConfigureAwait(false);

            // The service lists changes oldest first, so everything up to this page's latest change is now delivered.
            checkpoint.HighWaterMark = Max(checkpoint.HighWaterMark, page.Items);
            cursor = page.NextCursor;
            await SaveCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }
        while (cursor is not null);

        if (_options.IncludePendingApplications)
        {
            // New applications referred to an underwriter have no decision yet, so the decisions feed does not list
            // them; the pending list is short and read whole. Versions already delivered are folded away, and the
            // high-water mark is left alone because this list is not ordered by change time.
            do
            {
                var page = await _source.ListPendingPageAsync(cursor, _options.PageSize, cancellationToken).ConfigureAwait(false);
                counters.Pages++;
                await DeliverAsync(page.Items, isInitialLoad: false, handler, counters, cancellationToken).ConfigureAwait(false);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }
    }

    private async Task DeliverAsync(IReadOnlyList<CoverSnapshot> items, bool isInitialLoad, Func<IReadOnlyList<CoverPortfolioChange>, CancellationToken, Task> handler, Counters counters, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        // A cover may appear twice on a page when it changed while being listed: keep its latest version, in page order.
        var latest = new Dictionary<long, CoverSnapshot>(items.Count);
        foreach (var item in items)
        {
            if (latest.TryGetValue(item.CoverId, out var seen) && seen.Version >= item.Version)
            {
                counters.Duplicates++;
                continue;
            }

            if (seen is not null)
            {
                counters.Duplicates++;
            }

            latest[item.CoverId] = item;
        }

        var known = await _store.GetSnapshotsAsync(latest.Keys, cancellationToken).ConfigureAwait(false);
        var changes = new List<CoverPortfolioChange>(latest.Count);
        foreach (var item in items)
        {
            if (!ReferenceEquals(latest[item.CoverId], item))
            {
                continue;
            }

            known.TryGetValue(item.CoverId, out var previous);
            if (previous is not null && previous.Version >= item.Version)
            {
                counters.Duplicates++;
                continue;
            }

            changes.Add(new CoverPortfolioChange(CoverChangeClassifier.Classify(previous, item), item, previous, isInitialLoad));
        }

        if (changes.Count == 0)
        {
            return;
        }

        await handler(changes, cancellationToken).ConfigureAwait(false);

        var delivered = new CoverSnapshot[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            delivered[i] = changes[i].Current;
        }

        await _store.SaveSnapshotsAsync(delivered, cancellationToken).ConfigureAwait(false);
        counters.Delivered += changes.Count;
    }

    private Task SaveCheckpointAsync(CoverSyncCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        checkpoint.SavedAt = _timeProvider.GetUtcNow();
        return _store.SaveCheckpointAsync(checkpoint.Clone(), cancellationToken);
    }

    private static DateTimeOffset? Max(DateTimeOffset? current, IReadOnlyList<CoverSnapshot> items)
    {
        foreach (var item in items)
        {
            if (current is null || item.UpdatedAt > current)
            {
                current = item.UpdatedAt;
            }
        }

        return current;
    }

    private sealed class Counters
    {
        public int Pages;
        public int Delivered;
        public int Duplicates;
    }
}
