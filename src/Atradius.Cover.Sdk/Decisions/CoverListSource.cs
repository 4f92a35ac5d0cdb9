using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>Pages of one of the cover lists; the query is copied when the list is created.</summary>
internal sealed class CoverListSource : CoverPageSource<CoverDecision>
{
    private readonly CoverClientCore _core;
    private readonly CoverListKind _kind;
    private readonly string? _policyId;
    private readonly long? _customerId;
    private readonly long? _buyerId;
    private readonly Gen.ApplicationCoverType? _coverType;
    private readonly DateTimeOffset? _updatedSince;

    public CoverListSource(CoverClientCore core, CoverListKind kind, DecisionQuery? query, Gen.ApplicationCoverType? coverType, DateTimeOffset? updatedSince)
    {
        _core = core;
        _kind = kind;
        _policyId = query?.PolicyId;
        _customerId = query?.CustomerId;
        _buyerId = query?.BuyerId;
        _coverType = coverType;
        _updatedSince = updatedSince;
    }

    public override async Task<CoverPage<CoverDecision>> FetchAsync(string? cursor, int? pageSize, CoverPageWalk walk, CancellationToken cancellationToken)
    {
        Gen.CoverGeneratedResponse<CoverDecisionPage> response;
        try
        {
            // Sent by hand and read straight into the public model (CoverDirectCalls); the generated list
            // methods ask the same and answer the same, one transfer object per cover more.
            response = await CoverDirectCalls.ListCoversAsync(_core, _kind, _policyId, _customerId, _buyerId, _coverType, _updatedSince, pageSize, cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, idempotencyKey: null);
        }

        var items = response.Result.Data!;
        return new CoverPage<CoverDecision>(items, BuyerSearchSource.NextCursor(response.Result.Meta));
    }
}
