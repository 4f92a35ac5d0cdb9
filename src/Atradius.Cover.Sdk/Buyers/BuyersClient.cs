using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>Finds buyers and their Atradius Buyer ID. Reach it through <see cref="CoverClient.Buyers"/>.</summary>
public class BuyersClient
{
    private readonly CoverClientCore _core = null!;

    /// <summary>For mocking.</summary>
    protected BuyersClient()
    {
    }

    internal BuyersClient(CoverClientCore core) => _core = core;

    /// <summary>
    /// Searches buyers by name (optionally within a country), or by country, identifier and identifier type.
    /// Pages are fetched as the result is enumerated.
    /// </summary>
    /// <param name="search">What to search by.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The matching buyers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="search"/> is null.</exception>
    /// <exception cref="ArgumentException">The search has neither a name nor a country, identifier and identifier type, or one of them is malformed.</exception>
    /// <exception cref="CoverApiException">The service refused the search or could not be reached (thrown while enumerating).</exception>
    public virtual CoverPageable<Buyer> SearchAsync(BuyerSearch search, CancellationToken cancellationToken = default)
    {
        CoverArgument.NotNull(search, nameof(search));

        var byIdentifier = search.Identifier is not null || search.IdentifierType is not null;
        if (search.Name is null && !byIdentifier)
        {
            throw new ArgumentException("Search by search.Name, or by search.CountryCode with search.Identifier and search.IdentifierType.", nameof(search));
        }

        if (search.Name is not null)
        {
            CoverArgument.OptionalText(search.Name, "search.Name", 200);
            if (search.Name.Trim().Length < 2)
            {
                throw new ArgumentException("search.Name must have at least 2 characters.", "search.Name");
            }
        }

        Gen.UidType? identifierType = null;
        if (byIdentifier)
        {
            CoverArgument.Country(search.CountryCode, "search.CountryCode");
            CoverArgument.Text(search.Identifier, "search.Identifier", 50);
            if (search.IdentifierType is not { } type)
            {
                throw new ArgumentNullException("search.IdentifierType", "search.IdentifierType is required with search.Identifier.");
            }

            identifierType = ToGenerated(type, "search.IdentifierType");
        }
        else if (search.CountryCode is not null)
        {
            CoverArgument.Country(search.CountryCode, "search.CountryCode");
        }

        CoverArgument.PageSize(search.PageSize, "search.PageSize");
        var source = new BuyerSearchSource(_core, search.Name, search.CountryCode, search.Identifier, identifierType);
        return new ServicePageable<Buyer>(source, search.PageSize, cancellationToken);
    }

    /// <summary>Reads one buyer by its Atradius Buyer ID.</summary>
    /// <param name="buyerId">The Atradius Buyer ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The buyer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buyerId"/> is not positive.</exception>
    /// <exception cref="CoverNotFoundException">There is no such buyer.</exception>
    /// <exception cref="CoverApiException">The service refused the call or could not be reached.</exception>
    public virtual async Task<Buyer> GetAsync(long buyerId, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(buyerId, nameof(buyerId));
        Gen.CoverGeneratedResponse<Gen.Buyer> response;
        try
        {
            response = await _core.Api.GetBuyerAsync(null, buyerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, idempotencyKey: null);
        }

        return CoverMapper.ToBuyer(response.Result, response.StatusCode, response.Headers);
    }

    private static Gen.UidType ToGenerated(BuyerIdentifierType type, string name)
    {
        switch (type.Value.ToUpperInvariant())
        {
            case "VAT": return Gen.UidType.VAT;
            case "NRN": return Gen.UidType.NRN;
            case "CR": return Gen.UidType.CR;
            case "DB": return Gen.UidType.DB;
            case "FC": return Gen.UidType.FC;
            case "SN": return Gen.UidType.SN;
            case "TK": return Gen.UidType.TK;
            default:
                throw new ArgumentException(name + " '" + type.Value + "' cannot be searched by; use VAT, NRN, CR, DB, FC, SN or TK.", name);
        }
    }
}
