namespace Atradius.Cover.Sdk;

/// <summary>The customer's credit insurance policy: id, status, dates and currency.</summary>
public sealed class Policy
{
    internal Policy()
    {
    }

    /// <summary>Gets the policy id (a string on the service), without blanks around it.</summary>
    public string PolicyId { get; internal init; } = string.Empty;

    /// <summary>Gets the status as the service writes it, without blanks around it, e.g. <c>live</c>.</summary>
    public string Status { get; internal init; } = string.Empty;

    /// <summary>Gets whether the policy is live.</summary>
    public bool IsLive => string.Equals(Status, "live", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the policy's first day.</summary>
    public CoverDate? StartDate { get; internal init; }

    /// <summary>Gets the policy's last day.</summary>
    public CoverDate? ExpiryDate { get; internal init; }

    /// <summary>Gets the policy currency (ISO 4217): the currency of the amounts "in policy currency".</summary>
    public string? Currency { get; internal init; }

    /// <summary>The id and status.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "Policy " + PolicyId + " (" + Status + ")";
}
