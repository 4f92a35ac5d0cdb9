using System.Threading.Channels;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Runs items through a submit function with bounded concurrency and records one outcome per item, including the items
/// a cancellation kept from being sent. Independent of the item type so its concurrency and bookkeeping can be tested
/// without HTTP.
/// </summary>
/// <remarks>
/// Workers pull from a bounded channel and keep their results in their own lists, merged and ordered by index once at
/// the end: nothing on the hot path takes a lock shared by all workers.
/// </remarks>
internal sealed class CoverBatchEngine<TItem, TResult>
    where TResult : class
{
    private readonly Func<TItem, IReadOnlyList<string>> _validate;
    private readonly Func<TItem, string> _keyOf;
    private readonly Func<TItem, string, CancellationToken, Task<TResult>> _submit;
    private readonly Func<TResult, bool> _isReferred;
    private readonly Func<TItem, TResult, CancellationToken, Task<TResult>>? _waitForDecision;
    private readonly int _maxConcurrency;
    private readonly IProgress<CoverBatchProgress>? _progress;

    public CoverBatchEngine(
        Func<TItem, IReadOnlyList<string>> validate,
        Func<TItem, string> keyOf,
        Func<TItem, string, CancellationToken, Task<TResult>> submit,
        Func<TResult, bool> isReferred,
        Func<TItem, TResult, CancellationToken, Task<TResult>>? waitForDecision,
        int maxConcurrency,
        IProgress<CoverBatchProgress>? progress)
    {
        _validate = validate;
        _keyOf = keyOf;
        _submit = submit;
        _isReferred = isReferred;
        _waitForDecision = waitForDecision;
        _maxConcurrency = maxConcurrency;
        _progress = progress;
    }

    public async Task<CoverBatchRun<TItem, TResult>> RunAsync(IEnumerable<TItem>? items, IAsyncEnumerable<TItem>? asyncItems, int? total, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<(int Index, TItem Item)>(new BoundedChannelOptions(_maxConcurrency * 2)
        {
            SingleWriter = true,
            SingleReader = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var counters = new int[7];
        var workers = new Task<List<CoverBatchSlot<TItem, TResult>>>[_maxConcurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(channel.Reader, counters, total, cancellationToken), CancellationToken.None);
        }

        bool sourceComplete;
        try
        {
            sourceComplete = await ProduceAsync(channel.Writer, items, asyncItems, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The input itself failed (a broken file, a dropped database cursor): let the items already handed out
            // finish so nothing is left running, then report the input's error.
            await Task.WhenAll(workers).ConfigureAwait(false);
            throw;
        }

        var perWorker = await Task.WhenAll(workers).ConfigureAwait(false);

        var count = 0;
        foreach (var list in perWorker)
        {
            count += list.Count;
        }

        var all = new CoverBatchSlot<TItem, TResult>[count];
        var at = 0;
        foreach (var list in perWorker)
        {
            list.CopyTo(all, at);
            at += list.Count;
        }

        Array.Sort(all, static (a, b) => a.Index.CompareTo(b.Index));
        return new CoverBatchRun<TItem, TResult>(all, cancellationToken.IsCancellationRequested, sourceComplete);
    }

    private static async Task<bool> ProduceAsync(ChannelWriter<(int, TItem)> writer, IEnumerable<TItem>? items, IAsyncEnumerable<TItem>? asyncItems, CancellationToken cancellationToken)
    {
        var index = 0;
        try
        {
            if (items is not null)
            {
                // An in-memory input is read to the end even after cancellation, so every item gets a record
                // (NotSubmitted) and a key to resubmit it with; writes ignore the token for the same reason.
                foreach (var item in items)
                {
                    await writer.WriteAsync((index++, item), CancellationToken.None).ConfigureAwait(false);
                }

                return true;
            }

            // A stream may be expensive to read on (a database cursor, a file, a remote source): after cancellation
            // it is not read further, and the result says the input was not read to the end.
            await foreach (var item in asyncItems!.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync((index++, item), CancellationToken.None).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task<List<CoverBatchSlot<TItem, TResult>>> WorkAsync(ChannelReader<(int Index, TItem Item)> reader, int[] counters, int? total, CancellationToken cancellationToken)
    {
        var results = new List<CoverBatchSlot<TItem, TResult>>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out var next))
            {
                var slot = await ProcessAsync(next.Index, next.Item, cancellationToken).ConfigureAwait(false);
                results.Add(slot);
                Report(counters, slot.Outcome, total);
            }
        }

        return results;
    }

    private async Task<CoverBatchSlot<TItem, TResult>> ProcessAsync(int index, TItem item, CancellationToken cancellationToken)
    {
        var slot = new CoverBatchSlot<TItem, TResult>(index, item);
        IReadOnlyList<string> errors;
        try
        {
            errors = _validate(item);
            slot.IdempotencyKey = _keyOf(item);
        }
        catch (ArgumentException ex)
        {
            errors = new[] { ex.Message };
        }

        if (errors.Count > 0)
        {
            slot.Outcome = CoverBatchOutcome.Invalid;
            slot.ValidationErrors = errors;
            return slot;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            slot.Outcome = CoverBatchOutcome.NotSubmitted;
            return slot;
        }

        try
        {
            var result = await _submit(item, slot.IdempotencyKey!, cancellationToken).ConfigureAwait(false);
            slot.Result = result;
            slot.Outcome = _isReferred(result) ? CoverBatchOutcome.Referred : CoverBatchOutcome.Decided;
        }
        catch (Exception ex)
        {
            Classify(slot, ex, cancellationToken);
            return slot;
        }

        if (slot.Outcome == CoverBatchOutcome.Referred && _waitForDecision is not null)
        {
            try
            {
                var decided = await _waitForDecision(item, slot.Result!, cancellationToken).ConfigureAwait(false);
                slot.Result = decided;
                slot.Outcome = _isReferred(decided) ? CoverBatchOutcome.Referred : CoverBatchOutcome.Decided;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The application stands; only the wait ended (timeout, cancellation, a failed poll).
                slot.WaitException = ex;
            }
        }

        return slot;
    }

    private static void Classify(CoverBatchSlot<TItem, TResult> slot, Exception exception, CancellationToken cancellationToken)
    {
        slot.Exception = exception;
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                slot.Outcome = CoverBatchOutcome.Failed;
                slot.MayHaveBeenCreated = true;
                break;
            case CoverTransportException transport:
                slot.Outcome = CoverBatchOutcome.Failed;
                slot.MayHaveBeenCreated = transport.RequestMayHaveBeenProcessed;
                break;
            case CoverApiException api when api.Status is 429:
                slot.Outcome = CoverBatchOutcome.Failed;
                slot.MayHaveBeenCreated = false;
                break;
            case CoverApiException api when api.Status is >= 400 and < 500 and not 408:
                slot.Outcome = CoverBatchOutcome.Rejected;
                break;
            case ArgumentException:
                // The client refused the application before sending it.
                slot.Outcome = CoverBatchOutcome.Invalid;
                slot.ValidationErrors = new[] { exception.Message };
                break;
            default:
                slot.Outcome = CoverBatchOutcome.Failed;
                slot.MayHaveBeenCreated = true;
                break;
        }
    }

    private void Report(int[] counters, CoverBatchOutcome outcome, int? total)
    {
        var completed = Interlocked.Increment(ref counters[0]);
        Interlocked.Increment(ref counters[(int)outcome + 1]);
        _progress?.Report(new CoverBatchProgress(
            completed,
            total,
            Volatile.Read(ref counters[(int)CoverBatchOutcome.Decided + 1]),
            Volatile.Read(ref counters[(int)CoverBatchOutcome.Referred + 1]),
            Volatile.Read(ref counters[(int)CoverBatchOutcome.Rejected + 1]),
            Volatile.Read(ref counters[(int)CoverBatchOutcome.Invalid + 1]),
            Volatile.Read(ref counters[(int)CoverBatchOutcome.Failed + 1])));
    }
}
