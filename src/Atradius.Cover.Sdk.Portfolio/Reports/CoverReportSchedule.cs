namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A report the scheduler produces on an interval.</summary>
public sealed class CoverReportSchedule
{
    /// <summary>
    /// What the report contains; its <see cref="CoverReportDefinition.Name"/> names the files and the run record. Checked
    /// (<see cref="CoverReportDefinition.Validate"/>) when the scheduler is created, where a
    /// <see cref="CoverReportDefinition.PeriodStart"/> after now without a <see cref="CoverReportDefinition.PeriodEnd"/>
    /// is refused too: each run's period ends when the run starts. Without <see cref="CoverReportDefinition.PeriodStart"/>
    /// and <see cref="CoverReportDefinition.PeriodEnd"/>, each run reports the changes since the start of the UTC day the
    /// run before it ended its period in (the first run: of the day one <see cref="Interval"/> before it), not the
    /// report's default of seven days: a change the service dates by its day alone is taken by the next run.
    /// </summary>
    public CoverReportDefinition Definition { get; set; } = new();

    /// <summary>How often the report is produced. Default one day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Which files are written: at least one format, and one that writes a file (CSV alone needs a section). Default CSV (one file per section) and Markdown.</summary>
    public CoverReportFormats Formats { get; set; } = CoverReportFormats.Csv | CoverReportFormats.Markdown;

    /// <summary>The folder the files are written to (created when missing); required, and a valid path.</summary>
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The definition with the period a run reports changes for.</summary>
    internal CoverReportDefinition DefinitionFor(DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        var definition = Copy(Definition);
        definition.PeriodStart = periodStart;
        definition.PeriodEnd = periodEnd;
        return definition;
    }

    // The definition is copied too: shared, a name or a filter changed after the scheduler checked the schedules would
    // reach the running scheduler, two schedules renamed to one sharing a run record and a folder's files.
    internal CoverReportSchedule Clone()
    {
        var copy = (CoverReportSchedule)MemberwiseClone();
        copy.Definition = Copy(Definition);
        return copy;
    }

    // Through the public setters: the definition is the client package's type, whose internals this package does not
    // see. Every setting is a value, a string or a delegate, so this is a whole copy; a setting added to the definition
    // needs its own line here (a test fails until it has one).
    private static CoverReportDefinition Copy(CoverReportDefinition? definition) => definition is null
        ? null!
        : new CoverReportDefinition
        {
            Name = definition.Name,
            Sections = definition.Sections,
            PolicyId = definition.PolicyId,
            CustomerId = definition.CustomerId,
            CurrencyCode = definition.CurrencyCode,
            CoverType = definition.CoverType,
            PeriodStart = definition.PeriodStart,
            PeriodEnd = definition.PeriodEnd,
            MaxListedItems = definition.MaxListedItems,
            BuyerLookup = definition.BuyerLookup,
        };
}
