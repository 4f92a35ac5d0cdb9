using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>Pages of a buyer search; the search is copied when the list is created.</summary>
internal sealed class BuyerSearchSource : CoverPageSource<Buyer>
{
    private readonly CoverClientCore _core;
    private readonly string? _name;
    private readonly string? _country;
    private readonly string? _identifier;
    private readonly Gen.UidType? _identifierType;

    public BuyerSearchSource(CoverClientCore core, string? name, string? country, string? identifier, Gen.UidType? identifierType)
    {
        _core = core;
        _name = name;
        _country = country;
        _identifier = identifier;
        _identifierType = identifierType;
    }

    public override async Task<CoverPage<Buyer>> FetchAsync(string? cursor, int? pageSize, CoverPageWalk walk, CancellationToken cancellationToken)
    {
        Gen.CoverGeneratedResponse<Gen.BuyerPage> response;
        try
        {
            response = await _core.Api.SearchBuyersAsync(null, _country, _identifier, _identifierType, _name, pageSize, cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, idempotencyKey: null);
        }

        var data = response.Result?.Data ?? throw CoverMapper.Missing(response.StatusCode, response.Headers, "data");
        var items = new List<Buyer>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            items.Add(CoverMapper.ToBuyer(data[i], response.StatusCode, response.Headers));
        }

        return new CoverPage<Buyer>(items, NextCursor(response.Result.Meta));
    }

    internal static string? NextCursor(Gen.PageMeta? meta) =>
        meta?.NextCursor is { Length: > 0 } next ? next : null;
}
