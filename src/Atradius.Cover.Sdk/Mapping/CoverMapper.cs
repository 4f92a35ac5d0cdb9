using System.Text.Json;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// From the generated models (as read through <see cref="CoverJsonContext"/>) to the public ones, for the answers
/// other than covers (buyers, policies); covers are read straight into the public model by <see cref="CoverDecisionConverter"/>.
/// </summary>
internal static class CoverMapper
{
    /// <summary>
    /// The public buyer; a buyer without its <c>buyerId</c> is a <see cref="JsonException"/> (read as 0, it would be a
    /// buyer no application can name), which the transport reports as an unreadable answer.
    /// </summary>
    public static Buyer ToBuyer(Gen.Buyer buyer) => new()
    {
        BuyerId = buyer.BuyerId ?? throw new JsonException("A buyer in the answer has no buyerId."),
        Name = CoverText.Present(buyer.BuyerName),
        Identifiers = Identifiers(buyer.UniqueIdentifiers),
        Rating = buyer.CurrentBuyerRating,
        RatingClass = CoverText.Present(buyer.CurrentBuyerRatingClass),
        PreviousRating = buyer.PreviousBuyerRating,
        RatingChange = CoverText.Present(buyer.BuyerRatingChange) is { } change ? new BuyerRatingChange(change) : (BuyerRatingChange?)null,
    };

    /// <summary>
    /// The public policy; policy details without a <c>policyId</c> (or with only blanks) are a
    /// <see cref="JsonException"/>, which the transport reports as an unreadable answer.
    /// </summary>
    public static Policy ToPolicy(Gen.PolicyDetails policy) => new()
    {
        // An id or status padded with blanks would be sent back padded, or not read as live.
        PolicyId = CoverText.Present(policy.PolicyId)?.Trim() ?? throw new JsonException("The policy details in the answer have no policyId."),
        Status = policy.PolicyStatus?.Trim() ?? string.Empty,
        StartDate = Date(policy.PolicyStartDate),
        ExpiryDate = Date(policy.PolicyExpiryDate),
        Currency = CoverText.Present(policy.PolicyCurrency),
    };

    /// <summary>The generated date converter reads an empty string as the default value: no date.</summary>
    public static CoverDate? Date(DateTimeOffset? value) =>
        value is { } date && date != default ? CoverDate.FromDateTime(date.DateTime) : null;

    /// <summary>A buyer identifier as sent; null when its value or its type is missing, since it then names nothing.</summary>
    public static BuyerIdentifier? Identifier(string? uid, string? type, string? description) =>
        CoverText.Present(uid) is { } value && CoverText.Present(type) is { } kind
            ? new BuyerIdentifier(value, new BuyerIdentifierType(kind), CoverText.Present(description))
            : null;

    private static IReadOnlyList<BuyerIdentifier> Identifiers(List<Gen.UniqueIdentifier>? identifiers)
    {
        if (identifiers is not { Count: > 0 })
        {
            return Array.Empty<BuyerIdentifier>();
        }

        var result = new List<BuyerIdentifier>(identifiers.Count);
        foreach (var identifier in identifiers)
        {
            if (identifier is not null && Identifier(identifier.Uid, identifier.UidType, identifier.UidTypeDescription) is { } read)
            {
                result.Add(read);
            }
        }

        return result;
    }

}
