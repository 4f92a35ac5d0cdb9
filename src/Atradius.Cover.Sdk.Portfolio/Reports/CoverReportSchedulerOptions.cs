namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Options of the <see cref="CoverReportSchedulerService"/>.</summary>
public sealed class CoverReportSchedulerOptions
{
    /// <summary>The reports to produce.</summary>
    public IList<CoverReportSchedule> Schedules { get; } = new List<CoverReportSchedule>();

    /// <summary>How often the scheduler looks for reports that are due. Default one minute.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The name of the client registration the reports are read with (<c>services.AddAtradiusCover(name, ...)</c>);
    /// the unnamed client (<see cref="ICoverClient"/>) when null or empty.
    /// </summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// Who this instance is, in the leases of the reports it produces and in the logs; default host name and process id.
    /// At most 767 characters.
    /// </summary>
    /// <remarks>
    /// Each holding of a report's lease asks for it under this id followed by <c>#</c> and a random part, so instances
    /// given one id (from shared settings or a container image, say) are still separate holders to the store: one
    /// produces a due report and records its run, the others find it held or done.
    /// </remarks>
    public string HolderId { get; set; } = PortfolioLeaseHolder.ThisProcess();

    /// <summary>
    /// The client an earlier <c>AddAtradiusCoverReportScheduler</c> call named, when a later call named another: one
    /// scheduler reads every report with one client, so the earlier call's reports would silently come from the other
    /// customer's portfolio.
    /// </summary>
    internal string? OtherClient { get; private set; }

    private string? _clientNamedByCall;

    /// <summary>Records the client a registration call named, and whether an earlier call named another.</summary>
    internal void RecordClientNamedByCall(string? before)
    {
        if (string.IsNullOrWhiteSpace(ClientName) || string.Equals(before, ClientName, StringComparison.Ordinal))
        {
            return;
        }

        if (_clientNamedByCall is { } earlier && !string.Equals(earlier, ClientName, StringComparison.Ordinal))
        {
            OtherClient ??= earlier;
            return;
        }

        _clientNamedByCall = ClientName;
    }

    // A new setting needs its own line here.
    internal CoverReportSchedulerOptions Clone()
    {
        var copy = new CoverReportSchedulerOptions { CheckInterval = CheckInterval, ClientName = ClientName, HolderId = HolderId, OtherClient = OtherClient, _clientNamedByCall = _clientNamedByCall };
        foreach (var schedule in Schedules)
        {
            copy.Schedules.Add(schedule?.Clone()!);
        }

        return copy;
    }
}
