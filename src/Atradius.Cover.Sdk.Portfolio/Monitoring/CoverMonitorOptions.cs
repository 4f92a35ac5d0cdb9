using Atradius.Cover.Sdk.Portfolio.Internal;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Options of the hosted portfolio monitor (<see cref="CoverMonitorServiceCollectionExtensions.AddAtradiusCoverMonitor"/>).</summary>
public sealed class CoverMonitorOptions
{
    /// <summary>
    /// The portfolio's key in the store. Empty: "customer/policy" from the registered client's options
    /// (CustomerId and PolicyId; "live" when no policy is configured), or from the customer and policy of a
    /// <see cref="CoverClientPortfolioSource"/> set with <see cref="CoverMonitorBuilder.UseSource"/> ("all" for another
    /// customer's source that names no policy). At most 500 characters.
    /// </summary>
    public string PortfolioKey { get; set; } = string.Empty;

    /// <summary>
    /// The name of the client registration the monitor reads the portfolio with (<c>services.AddAtradiusCover(name,
    /// ...)</c>), whose CustomerId and PolicyId then also make the default <see cref="PortfolioKey"/>; the unnamed
    /// client (<see cref="ICoverClient"/>) when null or empty. Not used when the builder sets a source.
    /// </summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// The customer whose portfolio the monitor reads, for a client that acts for several (a broker's); the client's
    /// own when null. The default <see cref="PortfolioKey"/> is then "customer/policy" of this customer ("all" when
    /// <see cref="PolicyId"/> is not set). Not used when the builder sets a source.
    /// </summary>
    public long? CustomerId { get; set; }

    /// <summary>
    /// The policy whose portfolio the monitor reads; every policy of <see cref="CustomerId"/> (or the client's policy,
    /// for its own customer) when null. Not used when the builder sets a source.
    /// </summary>
    public string? PolicyId { get; set; }

    /// <summary>
    /// The pause between the end of one sync and the start of the next. From zero to 49 days; default five minutes.
    /// After a failed sync the pause is at least a third of <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the whole lists are read; see <see cref="CoverPortfolioSyncOptions.FullReconciliationInterval"/>. Default one day.</summary>
    public TimeSpan FullReconciliationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long the sync lease lasts unless renewed; the holder renews it every third of this. When a holder dies,
    /// another instance takes over at most this long after its last renewal. From one second to 49 days; default one
    /// minute.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Who this instance is, in the lease and the logs; default host name and process id. At most 767
    /// characters.
    /// </summary>
    /// <remarks>
    /// Each holding of the lease asks for it under this id followed by <c>#</c> and a random part, so instances given
    /// one id (from shared settings or a container image, say) are still separate holders to the store: one syncs, the
    /// others wait. Build it from something that tells instances apart in logs and in the lease row (a pod name, a
    /// host name and process id), or leave the default. An instance restarted after a crash takes the lease over once
    /// its earlier holding has expired (<see cref="LeaseDuration"/>); one that stopped cleanly released it.
    /// </remarks>
    public string HolderId { get; set; } = PortfolioLeaseHolder.ThisProcess();

    /// <summary>The SQLite file used when no other store is configured. Default "atradius-cover-portfolio.db" in the working folder.</summary>
    public string SqlitePath { get; set; } = "atradius-cover-portfolio.db";

    // Every setting is a value or a string, so a memberwise copy is a whole one; a collection added here needs its own.
    internal CoverMonitorOptions Clone() => (CoverMonitorOptions)MemberwiseClone();

    internal void Validate()
    {
        // Checked here rather than at the first pause: above the timers' limit, Task.Delay stops the host with an error
        // that names no setting (the interval is a pause, and so is a third of the lease, between renewals).
        if (Interval < TimeSpan.Zero || !TimerLimit.Fits(Interval))
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "CoverMonitorOptions.Interval must be between zero and " + TimerLimit.LongestText + ".");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || !TimerLimit.Fits(LeaseDuration))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "CoverMonitorOptions.LeaseDuration must be between one second and " + TimerLimit.LongestText + ".");
        }

        // The sync checks these too, but under the name of its own options, which the monitor's user never set.
        if (string.IsNullOrWhiteSpace(PortfolioKey))
        {
            throw new ArgumentException("CoverMonitorOptions.PortfolioKey must name the portfolio (for example \"customer/policy\").", nameof(PortfolioKey));
        }

        if (StoreArguments.KeyProblem(PortfolioKey) is { } problem)
        {
            throw new ArgumentException("CoverMonitorOptions.PortfolioKey" + problem, nameof(PortfolioKey));
        }

        if (FullReconciliationInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FullReconciliationInterval), FullReconciliationInterval, "CoverMonitorOptions.FullReconciliationInterval must not be negative.");
        }

        if (string.IsNullOrWhiteSpace(HolderId))
        {
            throw new ArgumentException("CoverMonitorOptions.HolderId must not be empty.", nameof(HolderId));
        }

        // The store refuses such a holder at every request for the lease, naming its own argument: the monitor would
        // run and never sync.
        if (StoreArguments.KeyProblem(HolderId, PortfolioLeaseHolder.LongestConfiguredHolderId) is { } holderProblem)
        {
            throw new ArgumentException("CoverMonitorOptions.HolderId" + holderProblem, nameof(HolderId));
        }
    }
}
