namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// How the database stores lay a commit's changes out in outbox rows. Most changes get a row each; a run of changes
/// that each announce a cover's first version, in the same words (kind, time, details), about versions written one
/// after the other and with identifiers that follow one another, gets one row for the whole run: its change_id is the
/// run's last identifier, change_count how many changes it stands for, new_version_id the first change's version, and
/// each change's cover and buyer are those of its version. A first sync of 100,000 covers is such a run per commit,
/// and writing a row and an index entry per cover was a fifth of its write work. Reading the outbox expands the run
/// again (<see cref="OutboxSql.UndeliveredChanges"/>), so a change keeps its own identifier and a delivery can stop and
/// resume in the middle of a run.
/// </summary>
internal static class OutboxRows
{
    /// <summary>
    /// The rows for <paramref name="changes"/>, in order, as (first change's index, number of changes); a row of one
    /// change is written as the change, a longer one as a run.
    /// </summary>
    /// <param name="changes">The commit's changes.</param>
    /// <param name="changeIds">The identifiers given to them, in the same order.</param>
    /// <param name="links">Their (new, previous) versions as the store linked them, in the same order.</param>
    /// <param name="coverVersions">The commit's cover versions.</param>
    /// <param name="coverVersionIds">The identifiers given to them, in the same order (increasing).</param>
    public static List<(int Start, int Count)> Layout(
        IReadOnlyList<PortfolioChange> changes,
        IReadOnlyList<long> changeIds,
        IReadOnlyList<(long? NewVersionId, long? PreviousVersionId)> links,
        IReadOnlyList<CoverVersion> coverVersions,
        IReadOnlyList<long> coverVersionIds)
    {
        var rows = new List<(int Start, int Count)>();
        var start = 0;
        while (start < changes.Count)
        {
            var count = 1;
            if (AnnouncesFirstVersion(start))
            {
                while (start + count < changes.Count && Continues(start, start + count))
                {
                    count++;
                }
            }

            rows.Add((start, count));
            start += count;
        }

        return rows;

        // A change the row can leave cover and buyer out of: it names its version's own cover and buyer, and the
        // cover had no version before.
        bool AnnouncesFirstVersion(int at)
        {
            if (changes[at] is not { CoverId: { } coverId, BuyerId: { } buyerId } || links[at] is not { NewVersionId: { } versionId, PreviousVersionId: null })
            {
                return false;
            }

            var index = IndexOf(coverVersionIds, versionId);
            return index >= 0 && coverVersions[index].CoverId == coverId && coverVersions[index].BuyerId == buyerId;
        }

        // Whether the change at next extends the run that begins at first: the same words, the next identifier and the
        // next version.
        bool Continues(int first, int next)
        {
            var offset = next - first;
            var head = changes[first];
            var change = changes[next];
            return changeIds[next] == changeIds[first] + offset
                && links[next].NewVersionId == links[first].NewVersionId + offset
                && string.Equals(change.Kind, head.Kind, StringComparison.Ordinal)
                && StoreTime.ToUnixMicroseconds(change.OccurredAt) == StoreTime.ToUnixMicroseconds(head.OccurredAt)
                && change.Payload.Span.SequenceEqual(head.Payload.Span)
                && AnnouncesFirstVersion(next);
        }
    }

    private static int IndexOf(IReadOnlyList<long> sortedIds, long id)
    {
        // Identifiers of one commit usually follow one another, so the offset from the first is the place.
        if (sortedIds.Count == 0)
        {
            return -1;
        }

        var guess = id - sortedIds[0];
        if (guess >= 0 && guess < sortedIds.Count && sortedIds[(int)guess] == id)
        {
            return (int)guess;
        }

        var low = 0;
        var high = sortedIds.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var value = sortedIds[middle];
            if (value == id)
            {
                return middle;
            }

            if (value < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
