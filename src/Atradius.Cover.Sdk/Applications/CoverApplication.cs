namespace Atradius.Cover.Sdk;

/// <summary>A new application for cover on a buyer: a credit limit, a credit check or an indication.</summary>
public sealed class CoverApplication
{
    /// <summary>Gets or sets the Atradius Buyer ID. Required.</summary>
    public long BuyerId { get; set; }

    /// <summary>Gets or sets the cover type. Default: credit limit.</summary>
    public CoverType CoverType { get; set; } = CoverType.CreditLimit;

    /// <summary>
    /// Gets or sets the amount applied for: a positive multiple of 1000. Required for a credit limit and an
    /// indication; must be null for a credit check, whose amount the policy fixes.
    /// </summary>
    public decimal? CreditLimitAmount { get; set; }

    /// <summary>Gets or sets the currency of the amount (ISO 4217, three upper-case letters); the service's default when null.</summary>
    public string? CurrencyCode { get; set; }

    /// <summary>Gets or sets the date the cover starts; today when null.</summary>
    public CoverDate? EffectFromDate { get; set; }

    /// <summary>Gets or sets the customer's own reference for the buyer (at most 35 characters); sent without the blanks around it.</summary>
    public string? CustomerReference { get; set; }

    /// <summary>Gets or sets the customer; the client's <see cref="CoverClientOptions.CustomerId"/> when null.</summary>
    public long? CustomerId { get; set; }

    /// <summary>
    /// Gets or sets the policy; the client's <see cref="CoverClientOptions.PolicyId"/> (or the live policy) when null.
    /// Required when <see cref="CustomerId"/> names another customer than the client's: the client's policy is its own
    /// customer's. Sent without the blanks around it.
    /// </summary>
    public string? PolicyId { get; set; }

    /// <summary>
    /// Whether a cover is this application: same buyer, type, customer and policy (when the application names them),
    /// reference (an application without one matches only a cover without one) and amount applied for in the policy
    /// currency, the same effect date when both have one, current, and applied for no earlier than
    /// <paramref name="appliedNoEarlierThan"/>. An application in another currency than the cover's policy currency
    /// matches no cover: the cover states the amount applied for only in the policy currency and in the user's
    /// currency, which it does not name, so no amount on it can show that it was applied for in that currency. An application date without a time of day (midnight in its own offset)
    /// is taken for a date in the service's time zone, whatever that is: it is ruled out only when it is before the
    /// date <paramref name="appliedNoEarlierThan"/> has twelve hours west of UTC, the earliest local date anywhere. A
    /// cover without an application date is not ruled out. Use it to find the cover an application made when its answer
    /// was lost.
    /// </summary>
    /// <param name="cover">The cover to compare with this application.</param>
    /// <param name="appliedNoEarlierThan">The earliest application date the application's own cover can have.</param>
    /// <returns>True when the cover can be this application's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cover"/> is null.</exception>
    public bool Matches(CoverDecision cover, DateTimeOffset appliedNoEarlierThan) => Matches(cover, appliedNoEarlierThan, includeHistoric: false);

    /// <summary>
    /// Whether a cover is this application, as <see cref="Matches(CoverDecision, DateTimeOffset)"/> judges it, and,
    /// when <paramref name="includeHistoric"/> is true, also when the cover is no longer current (it has a
    /// <see cref="CoverDecision.HistoricCode"/>: cancelled, superseded, replaced, withdrawn). Use it with the buyer's
    /// historic covers (<see cref="DecisionsClient.ListHistoricAsync"/>) to find the cover an application made when its
    /// answer was lost and the cover ended before anyone looked: such an application was made, and sending it again
    /// would make a second one.
    /// </summary>
    /// <param name="cover">The cover to compare with this application.</param>
    /// <param name="appliedNoEarlierThan">The earliest application date the application's own cover can have.</param>
    /// <param name="includeHistoric">
    /// Whether a cover that is no longer current can be this application's. False rules every historic cover out, as
    /// <see cref="Matches(CoverDecision, DateTimeOffset)"/> does.
    /// </param>
    /// <returns>True when the cover can be this application's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cover"/> is null.</exception>
    public bool Matches(CoverDecision cover, DateTimeOffset appliedNoEarlierThan, bool includeHistoric)
    {
        CoverArgument.NotNull(cover, nameof(cover));
        if (cover.BuyerId != BuyerId || cover.CoverType != CoverType || (cover.IsHistoric && !includeHistoric) || AppliedBefore(cover.ApplicationDate, appliedNoEarlierThan))
        {
            return false;
        }

        // A cover another customer or policy holds is another application's, however alike (0 and empty: not given).
        if ((CustomerId is { } customer && cover.CustomerId != 0 && cover.CustomerId != customer)
            || (!string.IsNullOrWhiteSpace(PolicyId) && cover.PolicyId.Length != 0 && !string.Equals(cover.PolicyId.Trim(), PolicyId!.Trim(), StringComparison.Ordinal)))
        {
            return false;
        }

        // A cover with another reference, or with one where none was applied for, belongs to another application.
        if (!string.Equals((cover.CustomerReference ?? string.Empty).Trim(), (CustomerReference ?? string.Empty).Trim(), StringComparison.Ordinal))
        {
            return false;
        }

        if (EffectFromDate is { } from && cover.EffectFromDate is { } coverFrom && from != coverFrom)
        {
            return false;
        }

        if (CreditLimitAmount is not { } amount)
        {
            return true;
        }

        // Only the amount in policy currency names its currency. The user's currency is a setting of the user, not the
        // currency applied in, and the cover does not say which it is: 50,000 there can be another application's
        // 50,000 in another currency. An application in another currency than the policy's therefore has no amount on
        // the cover to compare with, and no cover is taken for it: its outcome stays unknown rather than another
        // application's cover being reported as its own. A cover that does not name its policy currency is judged on
        // its amount alone, as a customer or policy it does not name is not held against it.
        if (CurrencyCode is { } currency && cover.PolicyCurrency is { } policyCurrency
            && !string.Equals(currency.Trim(), policyCurrency.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return cover.ApplicationAmount?.Amount == amount;
    }

    /// <summary>The application in words (no personal data beyond the reference).</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        CoverType + " on buyer " + BuyerId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + (CreditLimitAmount is { } amount ? " for " + amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + (CurrencyCode is null ? string.Empty : " " + CurrencyCode) : string.Empty)
        + (CustomerReference is null ? string.Empty : " (reference " + CustomerReference + ")");

    /// <summary>A copy of every setting, for the application as it is sent.</summary>
    internal CoverApplication Copy() => (CoverApplication)MemberwiseClone();

    internal static bool AppliedBefore(DateTimeOffset? applicationDate, DateTimeOffset earliest)
    {
        if (applicationDate is not { } applied)
        {
            return false;
        }

        if (applied.TimeOfDay != TimeSpan.Zero)
        {
            return applied < earliest;
        }

        // A bare date: the application's own date, in a time zone up to twelve hours behind UTC, can be a day earlier
        // than the UTC date of the moment it was made. No date is before the earliest moment there is (MinValue, "any
        // time"), which twelve hours earlier cannot even be written.
        var bound = earliest.UtcDateTime;
        return bound.Ticks >= TimeSpan.TicksPerHour * 12 && applied.Date < bound.AddHours(-12).Date;
    }
}
