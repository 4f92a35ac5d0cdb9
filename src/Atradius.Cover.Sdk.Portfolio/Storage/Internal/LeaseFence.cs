namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>The check every store makes, inside the transaction of a write made under a lease.</summary>
internal static class LeaseFence
{
    /// <summary>
    /// Refuses the write unless the store's lease row still names the holding the write was made under. Expiry is not
    /// looked at: a lease that expired and that nobody took is still its holder's, as a renewal finds it.
    /// </summary>
    /// <param name="presented">The lease the write carries.</param>
    /// <param name="holderId">The holder the store has on the resource; <see langword="null"/> when it has no row.</param>
    /// <param name="fencingToken">The store's fencing token on the resource.</param>
    public static void Check(PortfolioLease presented, string? holderId, long fencingToken)
    {
        if (!string.Equals(holderId, presented.HolderId, StringComparison.Ordinal) || fencingToken != presented.FencingToken)
        {
            throw new PortfolioLeaseLostException(presented);
        }
    }
}
