namespace Atradius.Cover.Sdk;

/// <summary>Where a sync reads covers from: the whole portfolio, or the changes since an instant, a page at a time.</summary>
internal interface ICoverSyncSource
{
    Task<CoverSyncPage> ListPortfolioPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default);

    Task<CoverSyncPage> ListPendingPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default);

    Task<CoverSyncPage> ListChangesPageAsync(DateTimeOffset updatedSince, string? cursor, int pageSize, CancellationToken cancellationToken = default);
}
