namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// Links each change of a commit to the versions it describes: the version of its subject written by the same
/// commit, and the one before it (written earlier in the commit, or the latest stored before the commit).
/// </summary>
internal sealed class VersionLinker
{
    private readonly Dictionary<long, Link> covers;
    private readonly Dictionary<long, Link> buyers;

    /// <summary>A linker sized for the versions of <paramref name="commit"/>.</summary>
    public VersionLinker(PortfolioCommit commit)
    {
        covers = new Dictionary<long, Link>(commit.CoverVersions.Count);
        buyers = new Dictionary<long, Link>(commit.BuyerRatingVersions.Count);
    }

    /// <summary>
    /// The covers whose latest stored version the store must look up before writing: those the changes name (an id may
    /// repeat), except covers whose first version the commit writes (<see cref="CoverVersion.IsFirstOfCover"/>).
    /// </summary>
    public static IReadOnlyList<long> CoversToLookUp(PortfolioCommit commit)
    {
        HashSet<long>? first = null;
        foreach (var version in commit.CoverVersions)
        {
            if (version.IsFirstOfCover)
            {
                (first ??= []).Add(version.CoverId);
            }
        }

        var ids = new List<long>(commit.Changes.Count);
        foreach (var change in commit.Changes)
        {
            if (change.CoverId is { } coverId && first?.Contains(coverId) != true)
            {
                ids.Add(coverId);
            }
        }

        return ids;
    }

    /// <summary>The buyers whose latest stored rating version the store must look up: those named by changes without a cover (an id may repeat).</summary>
    public static IReadOnlyList<long> BuyersToLookUp(PortfolioCommit commit)
    {
        var ids = new List<long>();
        foreach (var change in commit.Changes)
        {
            if (change is { CoverId: null, BuyerId: { } buyerId })
            {
                ids.Add(buyerId);
            }
        }

        return ids;
    }

    public void StoredCover(long coverId, long versionId) => covers[coverId] = new Link(null, versionId);

    public void StoredBuyer(long buyerId, long versionId) => buyers[buyerId] = new Link(null, versionId);

    public void WroteCover(long coverId, long versionId) => Wrote(covers, coverId, versionId);

    public void WroteBuyer(long buyerId, long versionId) => Wrote(buyers, buyerId, versionId);

    public (long? NewVersionId, long? PreviousVersionId) Resolve(PortfolioChange change)
    {
        var links = change.CoverId is not null ? covers : buyers;
        var subject = change.CoverId ?? change.BuyerId!.Value;
        if (!links.TryGetValue(subject, out var link))
        {
            return (null, null);
        }

        return link.Written is { } written ? (written, link.Before) : (null, link.Before);
    }

    private static void Wrote(Dictionary<long, Link> links, long subject, long versionId)
    {
        links.TryGetValue(subject, out var link);
        var before = link.Written ?? link.Before;
        links[subject] = new Link(versionId, before);
    }

    /// <summary>Written: the subject's last version in this commit; Before: the version that precedes it.</summary>
    private readonly record struct Link(long? Written, long? Before);
}
