using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>Pages of the history of one cover, each entry compared with the one before it.</summary>
internal sealed class CoverHistorySource : CoverPageSource<CoverHistoryEntry>
{
    private readonly CoverClientCore _core;
    private readonly long _coverId;

    public CoverHistorySource(CoverClientCore core, long coverId)
    {
        _core = core;
        _coverId = coverId;
    }

    public override async Task<CoverPage<CoverHistoryEntry>> FetchAsync(string? cursor, int? pageSize, CoverPageWalk walk, CancellationToken cancellationToken)
    {
        Gen.CoverGeneratedResponse<Gen.CoverHistoryPage> response;
        try
        {
            response = await _core.Api.GetCoverHistoryAsync(null, _coverId, pageSize, cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, idempotencyKey: null);
        }

        var status = response.StatusCode;
        var data = response.Result?.Data ?? throw CoverMapper.Missing(status, response.Headers, "data");
        var previous = walk.Previous as CoverDecision;
        var items = new List<CoverHistoryEntry>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var dto = data[i] ?? throw CoverMapper.Missing(status, response.Headers, "data[]");
            if (string.IsNullOrWhiteSpace(dto.Event))
            {
                throw CoverMapper.Missing(status, response.Headers, "event");
            }

            var cover = CoverMapper.ToDecision(dto.Cover, status, response.Headers, etag: null);
            items.Add(new CoverHistoryEntry
            {
                Version = dto.Version,
                RecordedAt = dto.RecordedAt,
                Event = new CoverHistoryEvent(dto.Event),
                Cover = cover,
                Changes = CoverChangeCalculator.Compute(previous, cover),
            });
            previous = cover;
        }

        walk.Previous = previous;
        return new CoverPage<CoverHistoryEntry>(items, BuyerSearchSource.NextCursor(response.Result.Meta));
    }
}
