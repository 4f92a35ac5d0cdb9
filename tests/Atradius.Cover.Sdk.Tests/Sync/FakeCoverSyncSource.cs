using Atradius.Cover.Sdk;

namespace Atradius.Cover.Sdk.Tests.Sync;

/// <summary>A portfolio in memory that pages like the Cover API: bulk by cover id, changes oldest first.</summary>
internal sealed class FakeCoverSyncSource : ICoverSyncSource
{
    private readonly object _gate = new();
    private readonly Dictionary<long, CoverSnapshot> _covers = new();

    public List<DateTimeOffset> ChangeQueries { get; } = new();

    public List<string?> PortfolioCursors { get; } = new();

    public int FailPortfolioPageAt { get; set; } = -1;

    public void Put(CoverSnapshot cover)
    {
        lock (_gate)
        {
            _covers[cover.CoverId] = cover;
        }
    }

    public Task<CoverSyncPage> ListPortfolioPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            PortfolioCursors.Add(cursor);
            var start = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            if (start == FailPortfolioPageAt)
            {
                throw new HttpRequestException("connection reset");
            }

            var all = _covers.Values.OrderBy(c => c.CoverId).ToList();
            var items = all.Skip(start).Take(pageSize).Select(Copy).ToList();
            var next = start + pageSize < all.Count ? (start + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new CoverSyncPage(items, next));
        }
    }

    public Task<CoverSyncPage> ListPendingPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var pending = _covers.Values.Where(c => c.IsReferred).OrderBy(c => c.CoverId).Select(Copy).ToList();
            return Task.FromResult(new CoverSyncPage(pending, null));
        }
    }

    public Task<CoverSyncPage> ListChangesPageAsync(DateTimeOffset updatedSince, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (cursor is null)
            {
                ChangeQueries.Add(updatedSince);
            }

            var start = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            var all = _covers.Values.Where(c => c.UpdatedAt >= updatedSince && !(c.IsReferred && c.DecisionCode is null)).OrderBy(c => c.UpdatedAt).ThenBy(c => c.CoverId).ToList();
            var items = all.Skip(start).Take(pageSize).Select(Copy).ToList();
            var next = start + pageSize < all.Count ? (start + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new CoverSyncPage(items, next));
        }
    }

    public static CoverSnapshot Snap(long id, int version, DateTimeOffset updatedAt, decimal? amount = 50_000m, string status = "DECISION", string? decisionCode = "DC01", string? historicCode = null, string? pending = null, string? reference = null) => new()
    {
        CoverId = id,
        Version = version,
        UpdatedAt = updatedAt,
        BuyerId = 10_000 + id,
        CoverStatus = status,
        CoverType = "credit-limit",
        DecisionCode = decisionCode,
        HistoricCode = historicCode,
        PendingProcessIndicator = pending,
        DecisionAmount = amount,
        CurrencyCode = "EUR",
        CustomerReference = reference,
    };

    private static CoverSnapshot Copy(CoverSnapshot c) => c.Clone();
}
