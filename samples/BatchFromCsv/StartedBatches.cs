using Atradius.Cover.Sdk.Portfolio;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// The batches started in an output folder (batches.txt, one id a line), so that a file edited, renamed or given in
/// another case after a run that did not finish does not silently start a second batch beside the first: an item the
/// first left in flight may have reached the service, and sent again by the second it would be applied for twice.
/// </summary>
public sealed class StartedBatches(string outputFolder)
{
    private readonly string _path = Path.Combine(outputFolder, "batches.txt");

    /// <summary>Records that <paramref name="batchId"/> was started, unless it is already recorded.</summary>
    public async Task AddAsync(string batchId, CancellationToken cancellationToken)
    {
        if (!(await ReadAsync(cancellationToken)).Contains(batchId, StringComparer.Ordinal))
        {
            await File.AppendAllLinesAsync(_path, [batchId], cancellationToken);
        }
    }

    /// <summary>
    /// Earlier batches started in the folder, other than <paramref name="batchId"/>, that the store still holds
    /// unfinished items of (not sent, sent with the outcome unknown, or accepted with the cover id unknown), with how
    /// many. Whatever file they came from: the same file under another name, or in another case, is another batch id.
    /// </summary>
    public async Task<IReadOnlyList<(string BatchId, int Unfinished)>> UnfinishedAsync(string batchId, ICoverPortfolioStore store, CancellationToken cancellationToken)
    {
        var unfinished = new List<(string, int)>();
        foreach (var earlier in await ReadAsync(cancellationToken))
        {
            if (earlier == batchId)
            {
                continue;
            }

            var count = (await store.GetBatchItemsAsync(earlier, cancellationToken)).Count(IsUnfinished);
            if (count > 0)
            {
                unfinished.Add((earlier, count));
            }
        }

        return unfinished;
    }

    /// <summary>
    /// The first batch started in the folder that the store holds an item of that the service answered (done, or with a
    /// cover id); null when it holds none. Items only recorded or sent without an answer say nothing of the service's
    /// state: a run killed before its first answer leaves such items and no sandbox state.
    /// </summary>
    public async Task<string?> FirstAnsweredAsync(ICoverPortfolioStore store, CancellationToken cancellationToken)
    {
        foreach (var batchId in await ReadAsync(cancellationToken))
        {
            if ((await store.GetBatchItemsAsync(batchId, cancellationToken)).Any(item => item.State == BatchItemState.Done || item.CoverId is not null))
            {
                return batchId;
            }
        }

        return null;
    }

    /// <summary>Every batch started in the folder, in the order they were started.</summary>
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken) => await ReadAsync(cancellationToken);

    /// <summary>Whether the batch record still needs a run for the item, as the runner judges it.</summary>
    public static bool IsUnfinished(BatchItem item) =>
        item.State is not (BatchItemState.Done or BatchItemState.Failed) || (item.State == BatchItemState.Done && item.CoverId is null);

    private async Task<string[]> ReadAsync(CancellationToken cancellationToken) =>
        File.Exists(_path) ? (await File.ReadAllLinesAsync(_path, cancellationToken)).Where(l => l.Length != 0).ToArray() : [];
}
