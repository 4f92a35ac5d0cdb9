namespace Atradius.Cover.Sdk;

/// <summary>One cover listed in a report section (pending applications, notices, changed covers).</summary>
public sealed class CoverReportListedCover
{
    internal CoverReportListedCover(CoverDecision cover, DateTimeOffset now)
    {
        CoverId = cover.CoverId;
        PolicyId = cover.PolicyId;
        BuyerId = cover.BuyerId;
        BuyerName = cover.BuyerName;
        CoverType = cover.CoverType.Value;
        Status = cover.Status.Value;
        DecisionCode = cover.Code?.Value;
        HistoricCode = cover.HistoricCode?.Value;
        // As the figures count it: a row showing a decision that has expired as cover would contradict their totals.
        var inForce = CoverAmountInForce.On(cover, now);
        DecidedAmount = inForce.Amount;
        RequestedAmount = cover.ApplicationAmount?.Amount;
        // As the figures name it: a listed cover in "eur" and a row in "EUR" are the same currency.
        Currency = ReportsClient.StatedCurrency(cover);
        ApplicationDate = cover.ApplicationDate;
        LastActivity = LatestDate(cover);
        EffectiveDate = cover.WithdrawalDate;
        Age = cover.ApplicationDate is { } applied ? now - applied : null;
        CustomerReference = cover.CustomerReference;
        ExpiredAmount = inForce.ExpiredAmount;
        ExpiryDate = inForce.ExpiryDate;
    }

    /// <summary>Id of the cover.</summary>
    public long CoverId { get; }

    /// <summary>The policy.</summary>
    public string PolicyId { get; }

    /// <summary>The Atradius Buyer ID.</summary>
    public long BuyerId { get; }

    /// <summary>Name of the buyer.</summary>
    public string? BuyerName { get; }

    /// <summary>Cover type.</summary>
    public string CoverType { get; }

    /// <summary>Cover status.</summary>
    public string Status { get; }

    /// <summary>Decision code, if decided.</summary>
    public string? DecisionCode { get; }

    /// <summary>Historic code, if no longer current.</summary>
    public string? HistoricCode { get; }

    /// <summary>
    /// Decided amount in policy currency in force on the report's day (UTC), if decided: as the figures count it, 0 once
    /// the total decision has expired, and the part still in force once the other part of a split decision (first and
    /// second amount) has (<see cref="ExpiredAmount"/> holds what expired).
    /// </summary>
    public decimal? DecidedAmount { get; }

    /// <summary>Amount applied for, in policy currency.</summary>
    public decimal? RequestedAmount { get; }

    /// <summary>Currency of the amounts: the policy currency.</summary>
    public string? Currency { get; }

    /// <summary>When the latest application was received, when the service sent it.</summary>
    public DateTimeOffset? ApplicationDate { get; }

    /// <summary>
    /// The latest date the service shows for the cover: the later of its decision date and its application date (an
    /// application made again under a cover's id after its last decision is the later).
    /// </summary>
    public DateTimeOffset? LastActivity { get; }

    /// <summary>Date a notified reduction or withdrawal takes effect, if any.</summary>
    public CoverDate? EffectiveDate { get; }

    /// <summary>Time since the latest application, at the report's time: the age of a pending application.</summary>
    public TimeSpan? Age { get; }

    /// <summary>The customer's own reference.</summary>
    public string? CustomerReference { get; }

    /// <summary>
    /// The decided amount the service states that has expired by the report's day (UTC): the whole total decision, or
    /// the part of a split decision that expired (the total when both parts have); null when none has, or when the
    /// service states no amount for it.
    /// </summary>
    public decimal? ExpiredAmount { get; }

    /// <summary>The expiry date (last day in force) of the decided amount that has expired, the later one when both parts of a split decision have; null when none has.</summary>
    public CoverDate? ExpiryDate { get; }

    /// <summary>The later of a cover's decision and application dates; null when it shows neither.</summary>
    internal static DateTimeOffset? LatestDate(CoverDecision cover) =>
        cover.DecisionDate is { } decided && cover.ApplicationDate is { } applied ? (applied > decided ? applied : decided) : cover.DecisionDate ?? cover.ApplicationDate;
}
