namespace Atradius.Cover.Sdk;

/// <summary>Which covers to list. Every filter is optional; filters combine with AND.</summary>
public sealed class DecisionQuery
{
    /// <summary>Only cover under this policy.</summary>
    public string? PolicyId { get; set; }

    /// <summary>Only cover of this customer (policy holder).</summary>
    public long? CustomerId { get; set; }

    /// <summary>Only cover on this buyer.</summary>
    public long? BuyerId { get; set; }

    /// <summary>Only cover of this type (not supported by historic and pending lists).</summary>
    public CoverType? CoverType { get; set; }

    /// <summary>Only cover changed at or after this instant (not supported by the pending list).</summary>
    public DateTimeOffset? UpdatedSince { get; set; }

    /// <summary>Covers per page, 1 to 1000; the service default (100) when null.</summary>
    public int? PageSize { get; set; }
}
