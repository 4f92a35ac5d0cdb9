namespace Atradius.Cover.Sdk;

/// <summary>A listed section of a report: the exact count, and the covers kept (at most the definition's limit).</summary>
public sealed class CoverReportList
{
    private readonly List<CoverReportListedCover> _items = new();
    private readonly int _limit;

    internal CoverReportList(int limit) => _limit = limit;

    /// <summary>How many covers belong in the section.</summary>
    public int Count { get; private set; }

    /// <summary>The covers kept, in the order they were read.</summary>
    public IReadOnlyList<CoverReportListedCover> Items => _items;

    /// <summary>
    /// The earliest application date among all covers of the section (listed or not): in the pending applications,
    /// the application that has waited longest for its (final) decision.
    /// </summary>
    public DateTimeOffset? OldestApplicationDate { get; private set; }

    /// <summary>Whether covers were left out of <see cref="Items"/> because of the limit.</summary>
    public bool IsTruncated => Count > _items.Count;

    internal void Add(CoverDecision cover, DateTimeOffset now)
    {
        Count++;
        if (cover.ApplicationDate is not null && (OldestApplicationDate is null || cover.ApplicationDate < OldestApplicationDate))
        {
            OldestApplicationDate = cover.ApplicationDate;
        }

        if (_items.Count < _limit)
        {
            _items.Add(new CoverReportListedCover(cover, now));
        }
    }
}
