namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Lists a test sets by hand, recording what each read asked for.</summary>
internal sealed class FakeCoverSource : ICoverPortfolioSource
{
    public List<CoverDecision> Covers { get; } = [];

    public List<CoverDecision> Applications { get; } = [];

    public List<CoverDecision> Historic { get; } = [];

    public List<Buyer> Buyers { get; } = [];

    public List<CoverQuery?> CoverQueries { get; } = [];

    public int HistoricReads { get; private set; }

    /// <summary>Awaited before GET /covers hands out its n-th cover (1 first), by reads started after it is set; it may throw, as a broken stream does.</summary>
    public Func<int, Task>? BeforeCover { get; set; }

    public IAsyncEnumerable<CoverDecision> ListCoversAsync(CoverQuery? query, CancellationToken cancellationToken)
    {
        CoverQueries.Add(query);
        return HandOutAsync(Filter(Covers, query), BeforeCover);
    }

    public IAsyncEnumerable<CoverDecision> ListApplicationsAsync(CoverQuery? query, CancellationToken cancellationToken) => Filter(Applications, query).ToAsync();

    public IAsyncEnumerable<CoverDecision> ListHistoricAsync(CoverQuery? query, CancellationToken cancellationToken)
    {
        HistoricReads++;
        return Filter(Historic, query).ToAsync();
    }

    /// <summary>Awaited before my-buyers hands out its n-th buyer (1 first), by reads started after it is set.</summary>
    public Func<int, Task>? BeforeBuyer { get; set; }

    public IAsyncEnumerable<Buyer> ListMyBuyersAsync(CancellationToken cancellationToken) => HandOutAsync(Buyers.ToList(), BeforeBuyer);

    /// <summary>Replaces the cover with the same id in the current list, in one step for a read running meanwhile (a monitor's).</summary>
    public void Replace(CoverDecision cover)
    {
        lock (Covers)
        {
            Covers.RemoveAll(c => c.CoverId == cover.CoverId);
            Covers.Add(cover);
        }
    }

    private static async IAsyncEnumerable<T> HandOutAsync<T>(List<T> items, Func<int, Task>? before)
    {
        var handedOut = 0;
        foreach (var item in items)
        {
            await Task.Yield();
            handedOut++;
            if (before is { } wait)
            {
                await wait(handedOut);
            }

            yield return item;
        }
    }

    private static List<CoverDecision> Filter(List<CoverDecision> covers, CoverQuery? query)
    {
        lock (covers)
        {
            return covers.Where(c => query?.BuyerId is not { } buyer || c.BuyerId == buyer).ToList();
        }
    }
}

internal static class AsyncLists
{
    public static async IAsyncEnumerable<T> ToAsync<T>(this IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
