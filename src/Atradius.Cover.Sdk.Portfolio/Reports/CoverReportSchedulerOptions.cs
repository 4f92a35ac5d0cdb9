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
    /// Who this instance is, in the lease each report run takes (so that several instances produce a report once);
    /// default host name and a random suffix. At most 800 characters.
    /// </summary>
    /// <remarks>
    /// Must be unique per instance. The store grants a lease again to the holder id that holds it, with the same fencing
    /// token: instances given one id (from shared settings or a container image, say) are one holder to the store, each
    /// believes it holds a report's lease, and all of them produce a due report and record its run. Leave the default,
    /// or build the id from something each instance has of its own (a pod name, a host name and process id); never set
    /// one constant for every instance.
    /// </remarks>
    public string HolderId { get; set; } = Environment.MachineName + "/" + Guid.NewGuid().ToString("N");

    // A new setting needs its own line here.
    internal CoverReportSchedulerOptions Clone()
    {
        var copy = new CoverReportSchedulerOptions { CheckInterval = CheckInterval, ClientName = ClientName, HolderId = HolderId };
        foreach (var schedule in Schedules)
        {
            copy.Schedules.Add(schedule?.Clone()!);
        }

        return copy;
    }
}
