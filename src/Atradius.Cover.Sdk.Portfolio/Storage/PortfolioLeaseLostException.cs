using System.Globalization;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// A store refused a write made under a lease, because another holder has taken the lease over since it was granted
/// (the holder that made the write was paused or cut off past its lease). Nothing of the write was applied.
/// </summary>
/// <remarks>
/// Thrown by <see cref="ICoverPortfolioStore.CommitAsync"/>, <see cref="ICoverPortfolioStore.TryTransitionBatchItemAsync"/>
/// and <see cref="ICoverPortfolioStore.SaveReportRunAsync"/> when the write carries a lease. The work done under the
/// lease should stop: another holder does it now.
/// </remarks>
public sealed class PortfolioLeaseLostException : Exception
{
    /// <summary>Creates the exception for a refused write.</summary>
    /// <param name="lease">The lease the write was made under.</param>
    public PortfolioLeaseLostException(PortfolioLease lease)
        : base(string.Format(
            CultureInfo.InvariantCulture,
            "The write was refused: the lease on '{0}' held by '{1}' (fencing token {2}) has been taken over by another holder. Nothing was written.",
            (lease ?? throw new ArgumentNullException(nameof(lease))).Resource,
            lease.HolderId,
            lease.FencingToken))
    {
        Resource = lease.Resource;
        HolderId = lease.HolderId;
        FencingToken = lease.FencingToken;
    }

    /// <summary>What the lease is on (for example "portfolio-sync/200417/5012345" or "batch/2024-06-01").</summary>
    public string Resource { get; }

    /// <summary>The holder the write was made by.</summary>
    public string HolderId { get; }

    /// <summary>The fencing token of the holding the write was made under; the store's is larger now.</summary>
    public long FencingToken { get; }
}
