namespace Atradius.Cover.Sdk;

/// <summary>
/// The compact state of one cover that a portfolio sync remembers between runs, so it can tell what changed.
/// </summary>
/// <remarks>
/// Only the fields classification needs are kept (about a hundred bytes per cover), so the known state of a
/// portfolio of 100,000 covers stays a few megabytes. Codes are kept as the service sent them, so a code this
/// version of the SDK does not know survives a round trip through any store.
/// </remarks>
public sealed class CoverSnapshot
{
    /// <summary>Id of the cover.</summary>
    public long CoverId { get; set; }

    /// <summary>Version of the cover, raised by every change.</summary>
    public int Version { get; set; }

    /// <summary>When the cover last changed, as the service reports it.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The Atradius Buyer ID the cover is on.</summary>
    public long BuyerId { get; set; }

    /// <summary>Cover status (<c>DECISION</c>, <c>REFERRED</c>, or a newer value).</summary>
    public string? CoverStatus { get; set; }

    /// <summary>Cover type (<c>credit-limit</c>, <c>credit-check</c>, <c>indication</c>, or a newer value).</summary>
    public string? CoverType { get; set; }

    /// <summary>Latest decision code (for example <c>DC01</c>), or null while referred.</summary>
    public string? DecisionCode { get; set; }

    /// <summary>Why the cover is no longer current (for example <c>CCLD</c>), or null while it is.</summary>
    public string? HistoricCode { get; set; }

    /// <summary>A process pending on the cover (for example <c>C</c> pending cancellation), or null.</summary>
    public string? PendingProcessIndicator { get; set; }

    /// <summary>The decided amount of cover, or null when there is no decision.</summary>
    public decimal? DecisionAmount { get; set; }

    /// <summary>Currency of the decided amount (ISO 4217).</summary>
    public string? CurrencyCode { get; set; }

    /// <summary>Date a notified withdrawal or reduction takes effect, if any.</summary>
    public CoverDate? WithdrawalDate { get; set; }

    /// <summary>The customer's own reference for the buyer.</summary>
    public string? CustomerReference { get; set; }

    /// <summary>The full decision this state was taken from, when it came from the service in this process.</summary>
    internal CoverDecision? Decision { get; set; }

    /// <summary>Whether the cover waits for an underwriter's decision.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsReferred => string.Equals(CoverStatus, "REFERRED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns a copy, so a store can hand out states the caller may change freely.</summary>
    /// <returns>A copy of this state.</returns>
    public CoverSnapshot Clone() => (CoverSnapshot)MemberwiseClone();

    /// <summary>Takes the compact state of a cover decision.</summary>
    /// <param name="decision">The decision, as the facade returns it.</param>
    /// <returns>Its compact state.</returns>
    public static CoverSnapshot From(CoverDecision decision)
    {
        _ = decision ?? throw new ArgumentNullException(nameof(decision));
        var amount = decision.TotalDecision?.Amount;
        return new CoverSnapshot
        {
            CoverId = decision.CoverId,
            Version = decision.Version,
            UpdatedAt = decision.UpdatedAt,
            BuyerId = decision.BuyerId,
            CoverStatus = decision.Status.Value,
            CoverType = decision.CoverType.Value,
            DecisionCode = decision.Code?.Value,
            HistoricCode = decision.HistoricCode?.Value,
            PendingProcessIndicator = decision.PendingProcess?.Value,
            DecisionAmount = amount?.Amount,
            CurrencyCode = amount?.Currency ?? decision.ApplicationAmount?.Currency,
            WithdrawalDate = decision.WithdrawalDate,
            CustomerReference = decision.CustomerReference,
            Decision = decision,
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Cover {CoverId} v{Version} {CoverStatus} {DecisionCode} {DecisionAmount} {CurrencyCode}".TrimEnd();
}
