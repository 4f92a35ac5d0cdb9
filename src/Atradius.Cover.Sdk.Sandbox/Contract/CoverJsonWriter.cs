using System.Globalization;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>
/// Writes covers and buyers the way the real service sends them. With irregularities on, a cover
/// chosen by its id sends amounts as strings, user-currency amounts as <c>""</c> and times with
/// <c>+01:00</c>; a referred cover sends its missing decision amounts as <c>""</c>; a buyer chosen by
/// its id sends ratings as strings. With them off every amount is a number and every time is UTC.
/// </summary>
internal static class CoverJsonWriter
{
    private static readonly TimeSpan CentralEuropeanTime = TimeSpan.FromHours(1);

    public static void WriteCover(Utf8JsonWriter w, CoverRecord c, WireContext context)
    {
        var irregular = context.Irregular;
        var buyer = context.World.FindBuyer(c.BuyerId);
        var userCurrency = context.World.FindCustomer(c.CustomerId)?.UserCurrencyCode ?? c.PolicyCurrencyCode;
        var applicationAsString = irregular && Irregularities.Shows(c.CoverId, Irregularities.ApplicationAmountAsString);
        var decisionAsString = irregular && Irregularities.Shows(c.CoverId, Irregularities.DecisionAmountAsString);
        var emptyUserAmount = irregular && Irregularities.Shows(c.CoverId, Irregularities.EmptyUserCurrencyAmount);
        var offset = irregular && Irregularities.Shows(c.CoverId, Irregularities.OffsetTimestamps);

        w.WriteStartObject();
        w.WriteNumber("coverId", c.CoverId);
        w.WriteNumber("customerId", c.CustomerId);
        w.WriteString("policyId", c.PolicyId);
        w.WriteNumber("buyerId", c.BuyerId);
        w.WriteString("buyerName", c.BuyerName);
        w.WriteStartArray("uniqueIdentifiers");
        if (buyer is not null && !(irregular && Irregularities.Shows(buyer.BuyerId, Irregularities.NoIdentifiers)))
        {
            WriteIdentifiers(w, buyer);
        }

        w.WriteEndArray();
        w.WriteString("coverType", c.CoverType);
        w.WriteString("coverStatus", c.CoverStatus);
        WriteOptional(w, "decisionCode", c.DecisionCode);
        WriteOptional(w, "decisionTypeDescription", CodeDescriptions.Decision(c.DecisionCode));
        WriteOptional(w, "historicCode", c.HistoricCode);
        WriteOptional(w, "pendingProcessIndicator", c.PendingProcessIndicator);
        WriteOptional(w, "pendingProcessStatus", c.PendingProcessStatus);
        w.WriteString("policyCurrencyCode", c.PolicyCurrencyCode);
        if (c.ApplicationAmount is { } applied)
        {
            WriteAmount(w, "creditLimitApplicationAmountInPolicyCurrency", applied, applicationAsString);
            WriteUserAmount(w, "creditLimitApplicationAmountInUserCurrency", applied, c.PolicyCurrencyCode, userCurrency, applicationAsString, emptyUserAmount);
        }

        if (c.TotalDecision is not null)
        {
            WriteDecision(w, "totalDecision", c.TotalDecision, c.PolicyCurrencyCode, userCurrency, decisionAsString, emptyUserAmount);
            if (c.FirstAmtDecision is not null)
            {
                WriteDecision(w, "firstAmtDecision", c.FirstAmtDecision, c.PolicyCurrencyCode, userCurrency, decisionAsString, emptyUserAmount);
            }

            if (c.SecondAmtDecision is not null)
            {
                WriteDecision(w, "secondAmtDecision", c.SecondAmtDecision, c.PolicyCurrencyCode, userCurrency, decisionAsString, emptyUserAmount);
            }
        }
        else if (irregular && c.IsReferred)
        {
            // A referred cover has no decision yet; the real service still sends the block, with empty amounts.
            w.WriteStartObject("totalDecision");
            w.WriteString("decisionAmtInPolicyCurrency", "");
            w.WriteString("decisionAmtInUserCurrency", "");
            w.WriteEndObject();
        }

        WriteTimestamp(w, "applicationDate", c.ApplicationDate, offset);
        if (c.DecisionDate is { } decided)
        {
            WriteTimestamp(w, "decisionDate", decided, offset);
        }

        WriteDate(w, "effectFromDate", c.EffectFromDate);
        if (c.EffectiveToDate is { } to)
        {
            WriteDate(w, "effectiveToDate", to);
        }

        if (c.WithdrawalDate is { } withdrawal)
        {
            WriteDate(w, "withdrawalDate", withdrawal);
        }

        WriteOptional(w, "customerRefNumber", c.CustomerRefNumber);
        WriteOptional(w, "notes", c.Notes);
        WriteRating(w, "currentBuyerRating", context.Rating(c.BuyerId).Current, irregular && Irregularities.Shows(c.BuyerId, Irregularities.RatingAsString));
        w.WriteEndObject();
    }

    /// <summary>Writes a buyer as the buyer routes send it.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="buyer">The buyer.</param>
    /// <param name="context">The read's wire settings.</param>
    /// <param name="found">Whether the buyer answers a search by one of its identifiers, which the answer then always shows.</param>
    public static void WriteBuyer(Utf8JsonWriter w, SandboxBuyer buyer, WireContext context, bool found = false)
    {
        var rating = context.Rating(buyer.BuyerId);
        var asString = context.Irregular && Irregularities.Shows(buyer.BuyerId, Irregularities.RatingAsString);
        w.WriteStartObject();
        w.WriteNumber("buyerId", buyer.BuyerId);

        // No example of the real buyer routes shows a name, nor under which field it would come. A search shows the
        // names of the buyers it finds, as it shows their identifiers: it is where a user checks the match.
        if (found || !(context.Irregular && Irregularities.Shows(buyer.BuyerId, Irregularities.NoBuyerName)))
        {
            w.WriteString("buyerName", buyer.BuyerName);
        }

        w.WriteStartArray("uniqueIdentifiers");
        if (found || !(context.Irregular && Irregularities.Shows(buyer.BuyerId, Irregularities.NoIdentifiers)))
        {
            WriteIdentifiers(w, buyer);
        }

        w.WriteEndArray();
        WriteRating(w, "currentBuyerRating", rating.Current, asString);
        w.WriteString("currentBuyerRatingClass", RatingClasses.For(rating.Current));
        if (rating.Change is { } change)
        {
            WriteRating(w, "previousBuyerRating", rating.Previous!.Value, asString);
            w.WriteString("buyerRatingChange", change);
        }

        w.WriteEndObject();
    }

    private static void WriteIdentifiers(Utf8JsonWriter w, SandboxBuyer buyer)
    {
        foreach (var identifier in buyer.Identifiers)
        {
            w.WriteStartObject();
            w.WriteString("uid", identifier.Value);
            w.WriteString("uidType", identifier.Key);
            w.WriteString("uidTypeDescription", CodeDescriptions.UidType(identifier.Key));
            w.WriteEndObject();
        }
    }

    private static void WriteDecision(Utf8JsonWriter w, string name, DecisionRecord decision, string policyCurrency, string userCurrency, bool asString, bool emptyUserAmount)
    {
        w.WriteStartObject(name);
        if (decision.Amount is { } amount)
        {
            WriteAmount(w, "decisionAmtInPolicyCurrency", amount, asString);
            WriteUserAmount(w, "decisionAmtInUserCurrency", amount, policyCurrency, userCurrency, asString, emptyUserAmount);
        }

        if (decision.ExpiryDate is { } expiry)
        {
            WriteDate(w, "decisionExpiryDate", expiry);
        }

        w.WriteStartArray("decisionConditions");
        foreach (var condition in decision.Conditions)
        {
            w.WriteStartObject();
            w.WriteString("conditionCode", condition.ConditionCode);
            w.WriteString("conditionType", condition.ConditionType);
            w.WriteString("conditionDescription", condition.ConditionDescription);
            w.WriteString("conditionCategoryDescription", condition.ConditionCategoryDescription);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteUserAmount(Utf8JsonWriter w, string name, decimal amount, string policyCurrency, string userCurrency, bool asString, bool empty)
    {
        if (empty)
        {
            w.WriteString(name, "");
            return;
        }

        WriteAmount(w, name, CurrencyRates.Convert(amount, policyCurrency, userCurrency), asString);
    }

    private static void WriteAmount(Utf8JsonWriter w, string name, decimal amount, bool asString)
    {
        if (asString)
        {
            w.WriteString(name, amount.ToString("0.##", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNumber(name, amount);
        }
    }

    private static void WriteRating(Utf8JsonWriter w, string name, int rating, bool asString)
    {
        if (asString)
        {
            w.WriteString(name, rating.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNumber(name, rating);
        }
    }

    private static void WriteTimestamp(Utf8JsonWriter w, string name, DateTimeOffset value, bool centralEuropean) =>
        w.WriteString(name, centralEuropean
            ? value.ToOffset(CentralEuropeanTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static void WriteDate(Utf8JsonWriter w, string name, DateOnly value) =>
        w.WriteString(name, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
