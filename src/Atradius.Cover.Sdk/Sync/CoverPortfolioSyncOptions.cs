namespace Atradius.Cover.Sdk;

/// <summary>Settings of a <see cref="CoverPortfolioSync"/>.</summary>
public sealed class CoverPortfolioSyncOptions
{
    /// <summary>
    /// How far before the checkpoint an incremental run starts asking for changes, so a change stamped just before
    /// the checkpoint but published late (or clocks that differ a little) is never missed; the duplicates this brings
    /// are folded away by cover id and version. Default 5 minutes.
    /// </summary>
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Covers per page, 1 to 1000 (default 500); the checkpoint is saved after each page.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// Whether incremental runs also read the pending applications (GET /covers/applications), so a new application
    /// referred to an underwriter is reported as <see cref="CoverChangeKind.Referred"/> before it is decided. Default true.
    /// </summary>
    public bool IncludePendingApplications { get; set; } = true;

    /// <summary>
    /// Limits the sync to part of the portfolio (policy, customer, buyer, cover type); the whole portfolio when null.
    /// <see cref="DecisionQuery.UpdatedSince"/> and <see cref="DecisionQuery.PageSize"/> are ignored: the sync sets them.
    /// </summary>
    public DecisionQuery? Filter { get; set; }

    internal void Validate()
    {
        if (OverlapWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OverlapWindow), OverlapWindow, "The overlap window must not be negative.");
        }

        if (PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "The page size must be between 1 and 1000.");
        }
    }
}
