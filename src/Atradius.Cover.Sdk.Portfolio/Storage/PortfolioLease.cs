namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The right to do one kind of work (for example, to sync one portfolio) until <see cref="ExpiresAt"/>, held by one
/// holder at a time.
/// </summary>
/// <remarks>
/// Each new holding gets a larger <see cref="FencingToken"/>: a holder that was paused past expiry can tell, by
/// presenting its token, that another has since taken over.
/// </remarks>
public sealed class PortfolioLease
{
    /// <summary>What the lease is on.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>Who holds the lease.</summary>
    public string HolderId { get; init; } = string.Empty;

    /// <summary>When the lease lapses unless renewed, in UTC.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>A number that grows with every new holding of the resource.</summary>
    public long FencingToken { get; init; }
}
