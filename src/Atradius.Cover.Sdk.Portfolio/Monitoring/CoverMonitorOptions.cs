using Atradius.Cover.Sdk.Portfolio.Internal;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Options of the hosted portfolio monitor (<see cref="CoverMonitorServiceCollectionExtensions.AddAtradiusCoverMonitor"/>).</summary>
public sealed class CoverMonitorOptions
{
    /// <summary>
    /// The portfolio's key in the store. Empty: "customer/policy" from the registered client's options
    /// (CustomerId and PolicyId; "live" when no policy is configured), or from the customer and policy of a
    /// <see cref="CoverClientPortfolioSource"/> set with <see cref="CoverMonitorBuilder.UseSource(ICoverPortfolioSource)"/> ("all" for another
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
    /// The customer whose portfolio the monitor reads, for a client that acts for several (a broker's), greater than
    /// zero; the client's own when null. The default <see cref="PortfolioKey"/> is then "customer/policy" of this customer ("all" when
    /// <see cref="PolicyId"/> is not set). Not used when the builder sets a source.
    /// </summary>
    public long? CustomerId { get; set; }

    /// <summary>
    /// The policy whose portfolio the monitor reads, 1 to 20 characters without the blanks around it; every policy of
    /// <see cref="CustomerId"/> (or the client's policy, for its own customer) when null. Not used when the builder sets
    /// a source.
    /// </summary>
    public string? PolicyId { get; set; }

    /// <summary>
    /// The pause between the end of one sync and the start of the next. From zero to 49 days; default five minutes.
    /// After a failed sync the pause is at least a third of <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the whole lists are read; see <see cref="CoverPortfolioSyncOptions.FullReconciliationInterval"/>. Default one day.</summary>
    public TimeSpan FullReconciliationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How far before the previous sync's start a narrowed read starts; see <see cref="CoverPortfolioSyncOptions.ChangedSinceOverlap"/>. Default 15 minutes.</summary>
    public TimeSpan ChangedSinceOverlap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many changed covers are written per commit; see <see cref="CoverPortfolioSyncOptions.ChunkSize"/>. Default 1,000.</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Whether the referred applications (GET /covers/applications) are read too; see <see cref="CoverPortfolioSyncOptions.IncludeApplications"/>. Default true.</summary>
    public bool IncludeApplications { get; set; } = true;

    /// <summary>
    /// Whether buyer ratings (my-buyers) are read and their changes reported; see
    /// <see cref="CoverPortfolioSyncOptions.IncludeBuyerRatings"/>. Default true; turn it off for credentials without
    /// access to my-buyers, whose every sync would otherwise fail.
    /// </summary>
    public bool IncludeBuyerRatings { get; set; } = true;

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

    /// <summary>
    /// The SQLite file used when no other store is configured. Default "atradius-cover-portfolio.db". A relative path
    /// is taken from the host's content root (<c>IHostEnvironment.ContentRootPath</c>, where appsettings.json is read
    /// from), not from the working folder, which a service manager sets elsewhere.
    /// </summary>
    public string SqlitePath { get; set; } = "atradius-cover-portfolio.db";

    /// <summary>The portfolio an earlier <c>AddAtradiusCoverMonitor</c> call named, when a later one named another.</summary>
    internal string? OtherPortfolio { get; private set; }

    // What the AddAtradiusCoverMonitor calls named, setting by setting: settings from elsewhere (a configuration section
    // bound before) are not a call's, and a call may override them.
    private Dictionary<string, string>? _namedByCalls;

    /// <summary>The settings that say which portfolio the monitor watches.</summary>
    internal (string? Key, string? Customer, string? Policy, string? Client) PortfolioNamed() =>
        (PortfolioKey, CustomerId?.ToString(System.Globalization.CultureInfo.InvariantCulture), PolicyId, ClientName);

    /// <summary>Records what a call changed of <see cref="PortfolioNamed"/>, and whether an earlier call named another value.</summary>
    internal void RecordPortfolioNamedByCall((string? Key, string? Customer, string? Policy, string? Client) before)
    {
        var after = PortfolioNamed();
        Record(nameof(PortfolioKey), before.Key, after.Key);
        Record(nameof(CustomerId), before.Customer, after.Customer);
        Record(nameof(PolicyId), before.Policy, after.Policy);
        Record(nameof(ClientName), before.Client, after.Client);

        void Record(string setting, string? was, string? now)
        {
            if (string.IsNullOrWhiteSpace(now) || string.Equals(was, now, StringComparison.Ordinal))
            {
                return;
            }

            _namedByCalls ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (_namedByCalls.TryGetValue(setting, out var earlier) && !string.Equals(earlier, now, StringComparison.Ordinal))
            {
                OtherPortfolio ??= setting + " '" + earlier + "'";
                return;
            }

            _namedByCalls[setting] = now!;
        }
    }

    // Every setting is a value or a string, so a memberwise copy is a whole one; a collection added here needs its own.
    internal CoverMonitorOptions Clone() => (CoverMonitorOptions)MemberwiseClone();

    internal void Validate()
    {
        if (Problem(keyRequired: true) is { } problem)
        {
            throw problem.OutOfRange
                ? new ArgumentOutOfRangeException(problem.Setting, problem.Value, problem.Message)
                : new ArgumentException(problem.Message, problem.Setting);
        }
    }

    /// <summary>
    /// The first setting that cannot work, if any, named as the user set it (the sync checks some of these too, but
    /// under the name of its own options, which the monitor's user never set). Without <paramref name="keyRequired"/>
    /// an empty <see cref="PortfolioKey"/> passes: the registration derives it from the client.
    /// </summary>
    internal (string Setting, string Message, object? Value, bool OutOfRange)? Problem(bool keyRequired)
    {
        if (OtherPortfolio is { } other)
        {
            return (nameof(PortfolioKey), "AddAtradiusCoverMonitor was called for two portfolios (" + other + ", then another): a host runs one monitor, which would watch only the last. Sync further portfolios with a CoverPortfolioSync each.", null, false);
        }

        // Checked here rather than at the first pause: above the timers' limit, Task.Delay stops the host with an error
        // that names no setting (the interval is a pause, and so is a third of the lease, between renewals).
        if (Interval < TimeSpan.Zero || !TimerLimit.Fits(Interval))
        {
            return (nameof(Interval), "CoverMonitorOptions.Interval must be between zero and " + TimerLimit.LongestText + ".", Interval, true);
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || !TimerLimit.Fits(LeaseDuration))
        {
            return (nameof(LeaseDuration), "CoverMonitorOptions.LeaseDuration must be between one second and " + TimerLimit.LongestText + ".", LeaseDuration, true);
        }

        if (keyRequired && string.IsNullOrWhiteSpace(PortfolioKey))
        {
            return (nameof(PortfolioKey), "CoverMonitorOptions.PortfolioKey must name the portfolio (for example \"customer/policy\").", null, false);
        }

        if (!string.IsNullOrWhiteSpace(PortfolioKey) && StoreArguments.KeyProblem(PortfolioKey) is { } problem)
        {
            return (nameof(PortfolioKey), "CoverMonitorOptions.PortfolioKey" + problem, null, false);
        }

        // The lists refuse them too, but at every sync, once the host had started, and under the name of their query.
        if (CoverArgument.OptionalIdProblem(CustomerId, "CoverMonitorOptions.CustomerId") is { } customerProblem)
        {
            return (nameof(CustomerId), customerProblem, CustomerId, true);
        }

        if (CoverArgument.PolicyIdProblem(PolicyId, "CoverMonitorOptions.PolicyId") is { } policyProblem)
        {
            return (nameof(PolicyId), policyProblem, null, false);
        }

        if (FullReconciliationInterval < TimeSpan.Zero)
        {
            return (nameof(FullReconciliationInterval), "CoverMonitorOptions.FullReconciliationInterval must not be negative.", FullReconciliationInterval, true);
        }

        if (ChangedSinceOverlap < TimeSpan.Zero || ChangedSinceOverlap > CoverPortfolioSyncOptions.LongestOverlap)
        {
            return (nameof(ChangedSinceOverlap), "CoverMonitorOptions.ChangedSinceOverlap must be between zero and 366 days.", ChangedSinceOverlap, true);
        }

        if (ChunkSize < 1)
        {
            return (nameof(ChunkSize), "CoverMonitorOptions.ChunkSize must be at least 1.", ChunkSize, true);
        }

        if (string.IsNullOrWhiteSpace(HolderId))
        {
            return (nameof(HolderId), "CoverMonitorOptions.HolderId must not be empty.", null, false);
        }

        // The store refuses such a holder at every request for the lease, naming its own argument: the monitor would
        // run and never sync.
        return StoreArguments.KeyProblem(HolderId, PortfolioLeaseHolder.LongestConfiguredHolderId) is { } holderProblem
            ? (nameof(HolderId), "CoverMonitorOptions.HolderId" + holderProblem, null, false)
            : null;
    }
}
