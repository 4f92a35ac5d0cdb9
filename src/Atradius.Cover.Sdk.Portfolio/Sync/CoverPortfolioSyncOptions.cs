namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Options of a <see cref="CoverPortfolioSync"/>.</summary>
public sealed class CoverPortfolioSyncOptions
{
    // Clock differences with the service are minutes. A narrowed read that starts more than a year before the previous
    // sync reads practically the whole list anyway (a full reconciliation does that, and also finds what left it), so
    // a longer overlap is a mistake in units, not a choice; refused at construction, it also never gets near
    // DateTimeOffset.MinValue, where "previous start - overlap" would fail a sync with an error that names no setting.
    internal static readonly TimeSpan LongestOverlap = TimeSpan.FromDays(366);

    /// <summary>The portfolio's key in the store (for example "customer/policy"); required, at most 500 characters.</summary>
    public string PortfolioKey { get; set; } = string.Empty;

    /// <summary>
    /// How often the whole lists are read (a full reconciliation). In between, GET /covers is narrowed with
    /// <c>fromDate</c>; the first sync of a portfolio is always full. Default one day.
    /// </summary>
    public TimeSpan FullReconciliationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How far before the previous sync's start a narrowed read starts, for clock differences with the service. From
    /// zero to 366 days (a longer overlap would read practically the whole list, which a full reconciliation does
    /// better, see <see cref="FullReconciliationInterval"/>); default 15 minutes.
    /// </summary>
    public TimeSpan ChangedSinceOverlap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many changed covers (or buyers' ratings) are written per commit. Default 1,000. A portfolio's first sync
    /// into a <see cref="SqliteCoverPortfolioStore"/> file that holds other portfolios writes five times as many per
    /// commit: the file's indexes stay, and fewer, larger commits write each of their pages fewer times.
    /// </summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Whether the referred applications (GET /covers/applications) are read too. Default true.</summary>
    public bool IncludeApplications { get; set; } = true;

    /// <summary>Whether buyer ratings (my-buyers) are read and their changes reported. Default true.</summary>
    public bool IncludeBuyerRatings { get; set; } = true;

    // Every setting is a value or a string, so a memberwise copy is a whole one; a collection added here needs its own.
    internal CoverPortfolioSyncOptions Clone() => (CoverPortfolioSyncOptions)MemberwiseClone();

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(PortfolioKey))
        {
            throw new ArgumentException("CoverPortfolioSyncOptions.PortfolioKey must name the portfolio (for example \"customer/policy\").", nameof(PortfolioKey));
        }

        if (Internal.StoreArguments.KeyProblem(PortfolioKey) is { } problem)
        {
            throw new ArgumentException("CoverPortfolioSyncOptions.PortfolioKey" + problem, nameof(PortfolioKey));
        }

        if (FullReconciliationInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FullReconciliationInterval), FullReconciliationInterval, "CoverPortfolioSyncOptions.FullReconciliationInterval must not be negative.");
        }

        if (ChangedSinceOverlap < TimeSpan.Zero || ChangedSinceOverlap > LongestOverlap)
        {
            throw new ArgumentOutOfRangeException(nameof(ChangedSinceOverlap), ChangedSinceOverlap, "CoverPortfolioSyncOptions.ChangedSinceOverlap must be between zero and 366 days.");
        }

        if (ChunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "CoverPortfolioSyncOptions.ChunkSize must be at least 1.");
        }
    }
}
