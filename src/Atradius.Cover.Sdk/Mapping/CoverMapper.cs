using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Maps the generated transfer objects to the public models, once per item, and checks the fields the contract
/// requires: the generated models do not enforce them, so a missing field would otherwise surface as a 0 or a null.
/// </summary>
internal static class CoverMapper
{
    private static readonly IReadOnlyList<DecisionCondition> NoConditions = Array.Empty<DecisionCondition>();
    private static readonly IReadOnlyList<BuyerIdentifier> NoIdentifiers = Array.Empty<BuyerIdentifier>();

    public static CoverDecision ToDecision(Gen.Cover? dto, int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, string? etag)
    {
        if (dto is null)
        {
            throw Missing(status, headers, "cover");
        }

        if (dto.CoverId <= 0)
        {
            throw Missing(status, headers, "coverId");
        }

        if (dto.CustomerId <= 0)
        {
            throw Missing(status, headers, "customerId");
        }

        if (string.IsNullOrEmpty(dto.PolicyId))
        {
            throw Missing(status, headers, "policyId");
        }

        if (dto.BuyerId <= 0)
        {
            throw Missing(status, headers, "buyerId");
        }

        if (string.IsNullOrWhiteSpace(dto.CoverType))
        {
            throw Missing(status, headers, "coverType");
        }

        if (string.IsNullOrWhiteSpace(dto.CoverStatus))
        {
            throw Missing(status, headers, "coverStatus");
        }

        if (dto.ApplicationDate == default)
        {
            throw Missing(status, headers, "applicationDate");
        }

        if (dto.UpdatedAt == default)
        {
            throw Missing(status, headers, "updatedAt");
        }

        return new CoverDecision
        {
            CoverId = dto.CoverId,
            CustomerId = dto.CustomerId,
            PolicyId = dto.PolicyId,
            BuyerId = dto.BuyerId,
            BuyerName = dto.BuyerName,
            CoverType = new CoverType(dto.CoverType),
            Status = new CoverStatus(dto.CoverStatus),
            Code = string.IsNullOrWhiteSpace(dto.DecisionCode) ? (DecisionCode?)null : new DecisionCode(dto.DecisionCode!),
            HistoricCode = string.IsNullOrWhiteSpace(dto.HistoricCode) ? (HistoricCode?)null : new HistoricCode(dto.HistoricCode!),
            PendingProcess = string.IsNullOrWhiteSpace(dto.PendingProcessIndicator) ? (PendingProcessIndicator?)null : new PendingProcessIndicator(dto.PendingProcessIndicator!),
            ApplicationAmount = dto.CreditLimitApplicationAmount is { } amount ? new Money(amount, dto.CurrencyCode ?? string.Empty) : null,
            TotalDecision = ToAmount(dto.TotalDecision, status, headers, "totalDecision"),
            FirstAmountDecision = ToAmount(dto.FirstAmtDecision, status, headers, "firstAmtDecision"),
            SecondAmountDecision = ToAmount(dto.SecondAmtDecision, status, headers, "secondAmtDecision"),
            ApplicationDate = dto.ApplicationDate,
            DecisionDate = dto.DecisionDate,
            EffectFromDate = ToDate(dto.EffectFromDate),
            EffectiveToDate = ToDate(dto.EffectiveToDate),
            WithdrawalDate = ToDate(dto.WithdrawalDate),
            CustomerReference = dto.CustomerRefNumber,
            Notes = dto.Notes,
            Version = dto.Version,
            ETag = etag,
            UpdatedAt = dto.UpdatedAt,
        };
    }

    public static List<CoverDecision> ToDecisions(Gen.CoverPage? page, int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        var data = page?.Data ?? throw Missing(status, headers, "data");
        var items = new List<CoverDecision>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            items.Add(ToDecision(data[i], status, headers, etag: null));
        }

        return items;
    }

    public static Buyer ToBuyer(Gen.Buyer? dto, int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        if (dto is null)
        {
            throw Missing(status, headers, "buyer");
        }

        if (dto.BuyerId <= 0)
        {
            throw Missing(status, headers, "buyerId");
        }

        if (string.IsNullOrEmpty(dto.BuyerName))
        {
            throw Missing(status, headers, "buyerName");
        }

        IReadOnlyList<BuyerIdentifier> identifiers = NoIdentifiers;
        if (dto.UniqueIdentifiers is { Count: > 0 } uids)
        {
            var list = new List<BuyerIdentifier>(uids.Count);
            for (var i = 0; i < uids.Count; i++)
            {
                var uid = uids[i];
                if (uid is null || string.IsNullOrEmpty(uid.Uid) || string.IsNullOrWhiteSpace(uid.UidType))
                {
                    throw Missing(status, headers, "uniqueIdentifiers[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
                }

                list.Add(new BuyerIdentifier(uid.Uid, new BuyerIdentifierType(uid.UidType)));
            }

            identifiers = list;
        }

        return new Buyer
        {
            BuyerId = dto.BuyerId,
            Name = dto.BuyerName,
            CountryCode = dto.CountryCode ?? string.Empty,
            Identifiers = identifiers,
            Address = dto.Address is { } address
                ? new BuyerAddress { Street = address.Street, City = address.City, PostCode = address.PostCode, CountryCode = address.CountryCode }
                : null,
            Rating = dto.CurrentBuyerRating,
            RatingClass = dto.CurrentBuyerRatingClass,
        };
    }

    public static DateTimeOffset? ToDto(CoverDate? date) =>
        date is { } d ? new DateTimeOffset(d.Year, d.Month, d.Day, 0, 0, 0, TimeSpan.Zero) : null;

    public static CoverDate? ToDate(DateTimeOffset? value) =>
        value is { } v ? new CoverDate(v.Year, v.Month, v.Day) : null;

    public static CoverApiException Missing(int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, string field) =>
        CoverFailures.UnreadableBody(status, headers, null, "the required field '" + field + "' is missing or empty");

    private static DecisionAmount? ToAmount(Gen.Decision? dto, int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, string field)
    {
        if (dto is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(dto.CurrencyCode))
        {
            throw Missing(status, headers, field + ".currencyCode");
        }

        IReadOnlyList<DecisionCondition> conditions = NoConditions;
        if (dto.DecisionConditions is { Count: > 0 } source)
        {
            var list = new List<DecisionCondition>(source.Count);
            for (var i = 0; i < source.Count; i++)
            {
                var condition = source[i];
                if (condition is null || string.IsNullOrEmpty(condition.ConditionCode))
                {
                    throw Missing(status, headers, field + ".decisionConditions[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].conditionCode");
                }

                list.Add(new DecisionCondition { Code = condition.ConditionCode, Type = condition.ConditionType, Description = condition.ConditionDescription });
            }

            conditions = list;
        }

        return new DecisionAmount
        {
            Amount = new Money(dto.DecisionAmount, dto.CurrencyCode),
            ExpiryDate = ToDate(dto.DecisionExpiryDate),
            Conditions = conditions,
        };
    }
}
