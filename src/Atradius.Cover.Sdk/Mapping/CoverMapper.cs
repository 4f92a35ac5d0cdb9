using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>From the generated models (as read through <see cref="CoverJsonContext"/>) to the public ones.</summary>
internal static class CoverMapper
{
    public static CoverDecision ToDecision(Gen.Cover cover)
    {
        var currency = Text(cover.PolicyCurrencyCode);
        return new CoverDecision
        {
            CoverId = cover.CoverId ?? 0,
            CustomerId = cover.CustomerId ?? 0,
            PolicyId = cover.PolicyId ?? string.Empty,
            BuyerId = cover.BuyerId ?? 0,
            BuyerName = Text(cover.BuyerName),
            BuyerIdentifiers = Identifiers(cover.UniqueIdentifiers),
            CoverType = Text(cover.CoverType) is { } type ? new CoverType(type) : default,
            Status = Text(cover.CoverStatus) is { } status ? new CoverStatus(status) : default,
            Code = Text(cover.DecisionCode) is { } code ? new DecisionCode(code) : (DecisionCode?)null,
            DecisionDescription = Text(cover.DecisionTypeDescription),
            HistoricCode = Text(cover.HistoricCode) is { } historic ? new HistoricCode(historic) : (HistoricCode?)null,
            PendingProcess = Text(cover.PendingProcessIndicator) is { } pending ? new PendingProcessIndicator(pending) : (PendingProcessIndicator?)null,
            PendingProcessStatus = Text(cover.PendingProcessStatus),
            PolicyCurrency = currency,
            ApplicationAmount = Amount(cover.CreditLimitApplicationAmountInPolicyCurrency, currency),
            ApplicationAmountInUserCurrency = cover.CreditLimitApplicationAmountInUserCurrency,
            TotalDecision = Decision(cover.TotalDecision, currency),
            FirstAmountDecision = Decision(cover.FirstAmtDecision, currency),
            SecondAmountDecision = Decision(cover.SecondAmtDecision, currency),
            ApplicationDate = cover.ApplicationDate,
            DecisionDate = cover.DecisionDate,
            EffectFromDate = Date(cover.EffectFromDate),
            EffectiveToDate = Date(cover.EffectiveToDate),
            WithdrawalDate = Date(cover.WithdrawalDate),
            CustomerReference = Text(cover.CustomerRefNumber),
            Notes = Text(cover.Notes),
            BuyerRating = cover.CurrentBuyerRating,
        };
    }

    public static Buyer ToBuyer(Gen.Buyer buyer) => new()
    {
        BuyerId = buyer.BuyerId ?? 0,
        Name = Text(buyer.BuyerName),
        Identifiers = Identifiers(buyer.UniqueIdentifiers),
        Rating = buyer.CurrentBuyerRating,
        RatingClass = Text(buyer.CurrentBuyerRatingClass),
        PreviousRating = buyer.PreviousBuyerRating,
        RatingChange = Text(buyer.BuyerRatingChange) is { } change ? new BuyerRatingChange(change) : (BuyerRatingChange?)null,
    };

    public static Policy ToPolicy(Gen.PolicyDetails policy) => new()
    {
        PolicyId = policy.PolicyId ?? string.Empty,
        Status = policy.PolicyStatus ?? string.Empty,
        StartDate = Date(policy.PolicyStartDate),
        ExpiryDate = Date(policy.PolicyExpiryDate),
        Currency = Text(policy.PolicyCurrency),
    };

    /// <summary>The generated date converter reads an empty string as the default value: no date.</summary>
    public static CoverDate? Date(DateTimeOffset? value) =>
        value is { } date && date != default ? CoverDate.FromDateTime(date.DateTime) : null;

    private static DecisionAmount? Decision(Gen.Decision? decision, string? currency)
    {
        if (decision is null)
        {
            return null;
        }

        return new DecisionAmount
        {
            Amount = Amount(decision.DecisionAmtInPolicyCurrency, currency),
            AmountInUserCurrency = decision.DecisionAmtInUserCurrency,
            ExpiryDate = Date(decision.DecisionExpiryDate),
            Conditions = Conditions(decision.DecisionConditions),
        };
    }

    private static DecisionCondition[] Conditions(List<Gen.DecisionCondition>? conditions)
    {
        if (conditions is not { Count: > 0 })
        {
            return Array.Empty<DecisionCondition>();
        }

        var present = 0;
        foreach (var condition in conditions)
        {
            if (condition is not null)
            {
                present++;
            }
        }

        var result = new DecisionCondition[present];
        var next = 0;
        foreach (var condition in conditions)
        {
            if (condition is not null)
            {
                result[next++] = new DecisionCondition
                {
                    Code = condition.ConditionCode ?? string.Empty,
                    Type = Text(condition.ConditionType),
                    Description = Text(condition.ConditionDescription),
                    CategoryDescription = Text(condition.ConditionCategoryDescription),
                };
            }
        }

        return result;
    }


    private static Money? Amount(decimal? amount, string? currency) =>
        amount is { } value ? new Money(value, currency ?? string.Empty) : null;

    private static IReadOnlyList<BuyerIdentifier> Identifiers(List<Gen.UniqueIdentifier>? identifiers)
    {
        if (identifiers is not { Count: > 0 })
        {
            return Array.Empty<BuyerIdentifier>();
        }

        var result = new List<BuyerIdentifier>(identifiers.Count);
        foreach (var identifier in identifiers)
        {
            if (identifier is not null && Text(identifier.Uid) is { } uid && Text(identifier.UidType) is { } type)
            {
                result.Add(new BuyerIdentifier(uid, new BuyerIdentifierType(type), Text(identifier.UidTypeDescription)));
            }
        }

        return result;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
