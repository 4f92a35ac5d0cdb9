using Atradius.Cover.Sdk.Benchmarks.Wire;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>
/// The measured calls, shared by BenchmarkDotNet, the in-turns runner and the cold-start children, so every
/// mode measures the same work. Each checks its answer, so a contender cannot win by reading less.
/// </summary>
public static class Calls
{
    /// <summary>The sum of the decided amounts the buyer's list shows (every contender must find the same).</summary>
    public const decimal ExpectedDecidedTotal = 230000m;

    public static async Task<decimal> BaselineReadAsync(BaselineCoverClient client) =>
        Check(await BaselineReadAsync(client, CannedBodies.BuyerId).ConfigureAwait(false));

    public static async Task<decimal> OursReadAsync(CoverClient client, CoverQuery query) =>
        Check(await OursReadAsync(client, query, check: false).ConfigureAwait(false));

    /// <summary>Any buyer's covers: the sum of their decided amounts.</summary>
    public static async Task<decimal> BaselineReadAsync(BaselineCoverClient client, long buyerId)
    {
        var total = 0m;
        foreach (var cover in await client.GetBuyerCoversAsync(buyerId).ConfigureAwait(false))
        {
            total += cover.TotalDecision?.DecisionAmtInPolicyCurrency ?? 0m;
        }

        return total;
    }

    /// <summary>Any buyer's covers: the sum of their decided amounts.</summary>
    public static async Task<decimal> OursReadAsync(CoverClient client, CoverQuery query, bool check)
    {
        var total = 0m;
        await foreach (var cover in client.Decisions.ListAsync(query).ConfigureAwait(false))
        {
            total += cover.DecidedAmount?.Amount ?? 0m;
        }

        return check ? Check(total) : total;
    }

    public static async Task<long> BaselineSubmitAsync(BaselineCoverClient client, CoverApplicationDto application)
    {
        var cover = await client.SubmitAsync(application).ConfigureAwait(false);
        return cover?.CoverId == CannedBodies.SubmittedCoverId ? cover.CoverId : throw new InvalidOperationException("The baseline did not read the new cover back.");
    }

    public static async Task<long> OursSubmitAsync(CoverClient client, CoverApplication application)
    {
        var result = await client.Applications.SubmitAsync(application).ConfigureAwait(false);
        return result.Cover?.CoverId == CannedBodies.SubmittedCoverId ? result.Cover.CoverId : throw new InvalidOperationException("The SDK did not read the new cover back: " + result.DetailsUnavailableReason);
    }

    private static decimal Check(decimal total) =>
        total == ExpectedDecidedTotal ? total : throw new InvalidOperationException("Read " + total + " of decided cover, expected " + ExpectedDecidedTotal + ".");
}
