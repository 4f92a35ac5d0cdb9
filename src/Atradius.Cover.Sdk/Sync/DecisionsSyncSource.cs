namespace Atradius.Cover.Sdk;

/// <summary>Reads a sync's pages through the facade: the portfolio (GET /covers) and the changes (GET /covers/decisions).</summary>
internal sealed class DecisionsSyncSource : ICoverSyncSource
{
    private readonly DecisionsClient _decisions;
    private readonly ApplicationsClient? _applications;
    private readonly DecisionQuery? _filter;

    public DecisionsSyncSource(DecisionsClient decisions, ApplicationsClient? applications, DecisionQuery? filter)
    {
        _decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
        _applications = applications;
        _filter = filter;
    }

    public Task<CoverSyncPage> ListPendingPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        if (_applications is null)
        {
            return Task.FromResult(new CoverSyncPage(Array.Empty<CoverSnapshot>(), null));
        }

        var query = Query(null, pageSize);
        query.CoverType = null;
        return FirstPageAsync(_applications.ListPendingAsync(query, cancellationToken), cursor, pageSize, cancellationToken);
    }

    public Task<CoverSyncPage> ListPortfolioPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default) =>
        FirstPageAsync(_decisions.ListAsync(Query(null, pageSize), cancellationToken), cursor, pageSize, cancellationToken);

    public Task<CoverSyncPage> ListChangesPageAsync(DateTimeOffset updatedSince, string? cursor, int pageSize, CancellationToken cancellationToken = default) =>
        FirstPageAsync(_decisions.ListNewAsync(updatedSince, Query(null, pageSize), cancellationToken), cursor, pageSize, cancellationToken);

    private DecisionQuery Query(DateTimeOffset? since, int pageSize) => new()
    {
        PolicyId = _filter?.PolicyId,
        CustomerId = _filter?.CustomerId,
        BuyerId = _filter?.BuyerId,
        CoverType = _filter?.CoverType,
        UpdatedSince = since,
        PageSize = pageSize,
    };

    private static async Task<CoverSyncPage> FirstPageAsync(CoverPageable<CoverDecision> pageable, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        // One page per call: the sync saves its checkpoint between pages.
        var enumerator = pageable.AsPages(cursor, pageSize).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                return new CoverSyncPage(Array.Empty<CoverSnapshot>(), null);
            }

            var page = enumerator.Current;
            var items = new CoverSnapshot[page.Items.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = CoverSnapshot.From(page.Items[i]);
            }

            return new CoverSyncPage(items, page.ContinuationToken);
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
