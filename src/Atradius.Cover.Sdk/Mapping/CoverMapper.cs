using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// From the generated models (as read through <see cref="CoverJsonContext"/>) to the public ones, for the answers
/// other than covers (buyers, policies); covers are read straight into the public model by <see cref="CoverDecisionConverter"/>.
/// </summary>
internal static class CoverMapper
{
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
