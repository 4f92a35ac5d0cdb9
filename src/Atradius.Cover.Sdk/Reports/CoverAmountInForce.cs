namespace Atradius.Cover.Sdk;

/// <summary>
/// The decided amount of a cover in force on a report's day, and what of the stated decision has expired by then. The
/// figures add it up and the listed covers show it: one rule, so a row never shows cover the totals do not count.
/// </summary>
internal readonly struct CoverAmountInForce
{
    private CoverAmountInForce(decimal? amount, decimal? expiredAmount, CoverDate? expiryDate)
    {
        Amount = amount;
        ExpiredAmount = expiredAmount;
        ExpiryDate = expiryDate;
    }

    /// <summary>The decided amount in force, in policy currency; null when the cover states no decided amount.</summary>
    public decimal? Amount { get; }

    /// <summary>The stated amount that has expired (the whole decision, or a part of a split one); null when none has.</summary>
    public decimal? ExpiredAmount { get; }

    /// <summary>The last day in force of the amount that has expired; null when none has.</summary>
    public CoverDate? ExpiryDate { get; }

    /// <summary>What of a cover's decision is in force on the UTC day of <paramref name="reportTime"/>.</summary>
    /// <param name="cover">The cover as the service (or a local copy) states it.</param>
    /// <param name="reportTime">The report's time.</param>
    /// <returns>The amount in force and what has expired.</returns>
    public static CoverAmountInForce On(CoverDecision cover, DateTimeOffset reportTime)
    {
        // A decided amount past its expiry date is no cover in force: the service would have ended it, and a cover
        // handed in from a local copy may still show it. The expiry date is the decision's last day in force, so it has
        // ended only once that day is over. The service's dates carry no zone; they are taken as days of the report's
        // clock, UTC.
        var today = CoverDate.FromDateTime(reportTime.UtcDateTime);
        var stated = cover.DecidedAmount?.Amount;
        if (cover.TotalDecision?.ExpiryDate is { } expiry && expiry < today)
        {
            return new CoverAmountInForce(0m, stated, expiry);
        }

        // A decision split in a first and a second amount falls to the other part once one has expired (DC22, a
        // reduction due to partial expiry), which a copy made before that day still shows as the whole. Which part
        // carries the expiry date is not known, so either may; both past their dates leave nothing in force.
        var first = cover.FirstAmountDecision;
        var second = cover.SecondAmountDecision;
        var firstExpiry = first?.ExpiryDate is { } firstDate && firstDate < today ? firstDate : (CoverDate?)null;
        var secondExpiry = second?.ExpiryDate is { } secondDate && secondDate < today ? secondDate : (CoverDate?)null;
        if (firstExpiry is { } bothFirst && secondExpiry is { } bothSecond)
        {
            return new CoverAmountInForce(0m, stated, bothFirst < bothSecond ? bothSecond : bothFirst);
        }

        // Under DC22 the service has already taken the expired part off the total it states.
        var totalKeepsExpired = cover.Code != DecisionCode.PartialExpiryReduction;
        if (secondExpiry is not null)
        {
            return Remaining(first?.Amount?.Amount, second!.Amount?.Amount, stated, totalKeepsExpired, secondExpiry);
        }

        if (firstExpiry is not null)
        {
            return Remaining(second?.Amount?.Amount, first!.Amount?.Amount, stated, totalKeepsExpired, firstExpiry);
        }

        return new CoverAmountInForce(stated, null, null);
    }

    /// <summary>
    /// What is left in force of a split decision one part of which has expired: the other part; when the other states no
    /// amount (the service sometimes sends an amount empty), the total without the expired part, or the total itself
    /// when the service has already taken that part off it (DC22); and when neither amount is stated, the total, as
    /// nothing says how much of it has expired.
    /// </summary>
    private static CoverAmountInForce Remaining(decimal? other, decimal? expired, decimal? stated, bool totalKeepsExpired, CoverDate? expiry)
    {
        if (other is { } inForce)
        {
            return new CoverAmountInForce(inForce, expired, expiry);
        }

        if (expired is not { } gone || stated is not { } total)
        {
            return new CoverAmountInForce(stated, null, null);
        }

        return new CoverAmountInForce(totalKeepsExpired ? Math.Max(0m, total - gone) : total, gone, expiry);
    }
}
