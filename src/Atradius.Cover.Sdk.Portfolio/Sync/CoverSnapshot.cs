using System.Globalization;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// One version of a cover as the portfolio keeps it: the fields of a <see cref="CoverDecision"/> that say what the cover
/// is, in a plain, serialisable form, with amounts normalised (50000.00 and 50000 are the same) and currency codes in
/// upper case. Amounts are kept in policy currency only, and conditions by their codes (without their texts).
/// </summary>
public sealed record CoverSnapshot
{
    // Set where a version is known to have ended without a historic code saying so; a code alone is enough.
    private readonly bool _ended;

    /// <summary>The cover's identifier at the service.</summary>
    public long CoverId { get; init; }

    /// <summary>The customer.</summary>
    public long CustomerId { get; init; }

    /// <summary>The policy.</summary>
    public string PolicyId { get; init; } = string.Empty;

    /// <summary>The buyer the cover is on.</summary>
    public long BuyerId { get; init; }

    /// <summary>The buyer's name, when the service sent it.</summary>
    public string? BuyerName { get; init; }

    /// <summary>The cover type as the service names it (credit-limit, credit-check, indication).</summary>
    public string CoverType { get; init; } = string.Empty;

    /// <summary>The cover status (DECISION, REFERRED).</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>The decision code (DC01 to DC22), if any.</summary>
    public string? DecisionCode { get; init; }

    /// <summary>The decision code as the SDK compares it; null when there is none.</summary>
    internal DecisionCode? Code => DecisionCode is { } code ? new DecisionCode(code) : (DecisionCode?)null;

    /// <summary>The service's description of the decision.</summary>
    public string? DecisionDescription { get; init; }

    /// <summary>The historic code, set once the version is no longer current.</summary>
    public string? HistoricCode { get; init; }

    /// <summary>The pending process indicator (B, C, F, P, R, T, V, W), if a process is pending.</summary>
    public string? PendingProcess { get; init; }

    /// <summary>The service's text for the pending process.</summary>
    public string? PendingProcessStatus { get; init; }

    /// <summary>The policy currency, upper case.</summary>
    public string? Currency { get; init; }

    /// <summary>The amount applied for, in policy currency.</summary>
    public decimal? ApplicationAmount { get; init; }

    /// <summary>The decided amount (total decision), in policy currency.</summary>
    public decimal? DecidedAmount { get; init; }

    /// <summary>The first amount decision, in policy currency.</summary>
    public decimal? FirstAmount { get; init; }

    /// <summary>The second amount decision, in policy currency.</summary>
    public decimal? SecondAmount { get; init; }

    /// <summary>When the total decision expires (yyyy-MM-dd).</summary>
    public string? DecisionExpiryDate { get; init; }

    /// <summary>When the first amount of a split decision expires (yyyy-MM-dd), when the service states it.</summary>
    public string? FirstAmountExpiryDate { get; init; }

    /// <summary>When the second amount of a split decision expires (yyyy-MM-dd), when the service states it.</summary>
    public string? SecondAmountExpiryDate { get; init; }

    /// <summary>The codes of the decision's conditions, each once, in order.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = Array.Empty<string>();

    /// <summary>When the application was received (UTC).</summary>
    public DateTimeOffset? ApplicationDate { get; init; }

    /// <summary>When the decision was taken (UTC).</summary>
    public DateTimeOffset? DecisionDate { get; init; }

    /// <summary>Start date (yyyy-MM-dd).</summary>
    public string? EffectFromDate { get; init; }

    /// <summary>End date (yyyy-MM-dd).</summary>
    public string? EffectiveToDate { get; init; }

    /// <summary>Date a notified withdrawal or reduction takes effect (yyyy-MM-dd).</summary>
    public string? WithdrawalDate { get; init; }

    /// <summary>The customer's own reference.</summary>
    public string? CustomerReference { get; init; }

    /// <summary>The underwriter's remarks.</summary>
    public string? Notes { get; init; }

    /// <summary>The buyer's rating as the cover list showed it; not part of the fingerprint (ratings have their own versions).</summary>
    public int? BuyerRating { get; init; }

    /// <summary>Whether the cover waits for an underwriter.</summary>
    public bool IsReferred => string.Equals(Status, "REFERRED", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether this version is no longer current: it carries a historic code, GET /covers/historic listed it (with or
    /// without a code), or it was recorded when the cover left every list (source list "missing").
    /// </summary>
    public bool IsHistoric
    {
        get => _ended || HistoricCode is not null;
        init => _ended = value;
    }

    /// <summary>Builds the snapshot of a cover as the SDK read it.</summary>
    /// <param name="cover">The cover.</param>
    /// <returns>The snapshot.</returns>
    public static CoverSnapshot From(CoverDecision cover)
    {
        _ = cover ?? throw new ArgumentNullException(nameof(cover));
        var currency = cover.PolicyCurrency ?? cover.DecidedAmount?.Currency ?? cover.ApplicationAmount?.Currency;
        return new CoverSnapshot
        {
            CoverId = cover.CoverId,
            CustomerId = cover.CustomerId,
            PolicyId = cover.PolicyId,
            BuyerId = cover.BuyerId,
            BuyerName = cover.BuyerName,
            CoverType = cover.CoverType.Value,
            Status = cover.Status.Value.ToUpperInvariant(),
            DecisionCode = cover.Code?.Value.ToUpperInvariant(),
            DecisionDescription = cover.DecisionDescription,
            HistoricCode = cover.HistoricCode?.Value.ToUpperInvariant(),
            IsHistoric = cover.IsHistoric,
            PendingProcess = cover.PendingProcess?.Value.ToUpperInvariant(),
            PendingProcessStatus = cover.PendingProcessStatus,
            Currency = currency is null || currency.Length == 0 ? null : currency.Trim().ToUpperInvariant(),
            ApplicationAmount = Normalize(cover.ApplicationAmount?.Amount),
            DecidedAmount = Normalize(cover.DecidedAmount?.Amount),
            FirstAmount = Normalize(cover.FirstAmountDecision?.Amount?.Amount),
            SecondAmount = Normalize(cover.SecondAmountDecision?.Amount?.Amount),
            DecisionExpiryDate = cover.TotalDecision?.ExpiryDate?.ToString(),
            FirstAmountExpiryDate = cover.FirstAmountDecision?.ExpiryDate?.ToString(),
            SecondAmountExpiryDate = cover.SecondAmountDecision?.ExpiryDate?.ToString(),
            Conditions = ConditionCodes(cover.TotalDecision, cover.FirstAmountDecision, cover.SecondAmountDecision),
            ApplicationDate = cover.ApplicationDate?.ToUniversalTime(),
            DecisionDate = cover.DecisionDate?.ToUniversalTime(),
            EffectFromDate = cover.EffectFromDate?.ToString(),
            EffectiveToDate = cover.EffectiveToDate?.ToString(),
            WithdrawalDate = cover.WithdrawalDate?.ToString(),
            CustomerReference = cover.CustomerReference,
            Notes = cover.Notes,
            BuyerRating = cover.BuyerRating,
        };
    }

    /// <summary>The snapshot of a cover read from GET /covers/historic, which lists only versions that ended.</summary>
    /// <remarks>The service does not always send a historic code with them; the list they come from says enough.</remarks>
    internal static CoverSnapshot FromHistoric(CoverDecision cover) => From(cover) with { IsHistoric = true };

    /// <summary>Drops trailing zeros so that 50000.00 and 50000 serialise, hash and compare alike.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The same amount with the smallest scale.</returns>
    internal static decimal? Normalize(decimal? value) => value is null ? null : value.Value / 1.000000000000000000000000000m;

    /// <inheritdoc />
    public override string ToString() =>
        "Cover " + CoverId.ToString(CultureInfo.InvariantCulture) + " on buyer " + BuyerId.ToString(CultureInfo.InvariantCulture)
        + " " + Status + (DecisionCode is null ? string.Empty : " " + DecisionCode)
        + (DecidedAmount is null ? string.Empty : " " + DecidedAmount.Value.ToString(CultureInfo.InvariantCulture) + " " + Currency)
        + (HistoricCode is null ? string.Empty : " (historic " + HistoricCode + ")");

    /// <summary>The condition codes of a cover's decisions, each once, in ordinal order; empty codes left out.</summary>
    /// <remarks>
    /// Every cover read is reduced to a snapshot, so this runs once per cover of every list: most covers carry no
    /// condition or one, which a plain array sorts and merges without the set the order is defined by.
    /// </remarks>
    private static string[] ConditionCodes(DecisionAmount? total, DecisionAmount? first, DecisionAmount? second)
    {
        var count = (total?.Conditions.Count ?? 0) + (first?.Conditions.Count ?? 0) + (second?.Conditions.Count ?? 0);
        if (count == 0)
        {
            return Array.Empty<string>();
        }

        var codes = new string[count];
        var written = CopyCodes(total, codes, 0);
        written = CopyCodes(first, codes, written);
        written = CopyCodes(second, codes, written);
        if (written == 0)
        {
            return Array.Empty<string>();
        }

        Array.Sort(codes, 0, written, StringComparer.Ordinal);
        var distinct = 1;
        for (var i = 1; i < written; i++)
        {
            if (!string.Equals(codes[i], codes[distinct - 1], StringComparison.Ordinal))
            {
                codes[distinct++] = codes[i];
            }
        }

        if (distinct < codes.Length)
        {
            Array.Resize(ref codes, distinct);
        }

        return codes;
    }

    private static int CopyCodes(DecisionAmount? decision, string[] into, int at)
    {
        if (decision is null)
        {
            return at;
        }

        var conditions = decision.Conditions;
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Code.Length > 0)
            {
                into[at++] = conditions[i].Code;
            }
        }

        return at;
    }
}
