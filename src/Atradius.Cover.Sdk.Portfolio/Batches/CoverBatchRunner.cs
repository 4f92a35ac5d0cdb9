using System.Globalization;
using System.Text.Json;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Submits a batch of applications exactly once on the real API, which has no idempotency keys: the batch record
/// lives in the store, so a re-run after a crash, a kill or a network fault submits nothing twice and loses nothing.
/// </summary>
/// <remarks>
/// <para>
/// Each item's identity is its content, normalised (<see cref="ItemKey"/>): amounts written 50000.00 or 50000, currency
/// codes in any case and references with surrounding blanks are the same item. Items are recorded if absent, moved from
/// Pending to InFlight by compare-and-set before they are sent, and marked Done or Failed with their outcome after. A
/// re-run must give again every item the record holds unfinished; one left out is refused before anything is sent.
/// </para>
/// <para>
/// One run at a time works on a batch, so two runners never send the same item: a run holds the store's lease on the
/// batch (<see cref="LeaseResource"/>) from before it reads the batch record until it ends, renewing it every third
/// of <see cref="CoverBatchOptions.LeaseDuration"/>. A run started while another holds it waits, and then finds done
/// what the other did; after a run died, the next one starts once the dead run's lease has expired. A run that cannot
/// renew its lease in time sends nothing more, and stops an application it is sending (the client may be about to send
/// it again): the items it did not finish are reported unresolved, for a re-run.
/// The moves that lead to a send (to InFlight, from Pending or, before a send again, from InFlight or Ambiguous) carry
/// the lease, which is what keeps two runs from making them both, so the store refuses them once another run has taken
/// the batch over, also when this run was paused past its lease and has not
/// noticed: the run then sends nothing more and reports <see cref="CoverBatchResult.TakenOver"/>. What a run records
/// after a send that proves nothing made (a refusal, a 429 that sends the item back to Pending, a lost answer) is
/// written only while the item has made no attempt since, so a run paused past its lease never writes it over what the
/// run that took the batch over recorded, and reports such an item unresolved. An application a run proved made is
/// recorded whatever another run wrote since, other than its own record of the item as done: no run then sends it again.
/// </para>
/// <para>
/// An item found InFlight (or Ambiguous) on a re-run may have reached the service: before anything is sent again, the
/// buyer's covers and referred applications are listed (and, when they show no such application, the buyer's historic
/// covers, where a cover cancelled or replaced since is), and an application with the item's content, applied for no
/// earlier than an hour before the item went in flight, finishes the item as recovered (an identical cover that was
/// there before is not the item's). Only when none is found is it sent again.
/// </para>
/// <para>
/// One cover is never reported as two items' application. Items on one buyer and cover type run one after another, in
/// input order; a cover the service's answer named for an item is that item's, and one found by its content is taken
/// by the first item that finds it. An item whose only look-alike covers another item took by content stays unresolved
/// with the reason, and is not sent again; <see cref="SettleAsMadeAsync"/> and <see cref="SettleAsNotMadeAsync"/> finish
/// such an item by hand, once the buyer's covers have shown what became of it.
/// </para>
/// </remarks>
public sealed class CoverBatchRunner
{
    // A cover applied for earlier than this before its item went in flight is not the item's, however alike: an
    // identical application refused the day before was there before the item was sent. The hour covers a difference
    // between the store's clock and the service's; an application date written as a bare date is judged by its day
    // (CoverApplication.Matches), as CoverClient does.
    private static readonly TimeSpan OwnApplicationWindow = TimeSpan.FromHours(1);

    private const string TakenOver =
        "Not sent: another run has taken the batch over (the store refused this run's lease on it), so this run stopped sending. The item is left as the store has it, for the run holding the batch or a re-run.";

    private const string CoverIdLeftToHolder =
        "The service accepted this application, and its cover id is not recorded: another run has taken the batch over, so the cover this run found is left for the run holding the batch, or a re-run, to record.";

    private const string LeaseNotKept =
        "Not sent: this run could not keep its lease on the batch in the store (another run may be working on the batch now), so it stopped sending. A re-run finishes this item.";

    private const string StoppedSendingTakenOver =
        "Stopped while it was being sent: another run has taken the batch over. Whether it reached the service is not known; the run holding the batch, or a re-run, looks at the buyer's covers before sending it again.";

    private const string SentAgainByAnotherRun =
        "Another run of the batch has sent or recorded this item since this run sent it, so the record is that run's and this run's answer, which proves nothing made, is not written over it: the run holding the batch, or a re-run, settles the item.";

    private const string StoppedSendingLeaseNotKept =
        "Stopped while it was being sent: this run could not keep its lease on the batch in the store. Whether it reached the service is not known; a re-run looks at the buyer's covers before sending it again.";

    private readonly ICoverClient _client;
    private readonly ICoverPortfolioStore _store;
    private readonly CoverBatchOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner.</summary>
    /// <param name="client">The client that submits the applications.</param>
    /// <param name="store">The store that keeps the batch record.</param>
    /// <param name="options">The options; defaults when null. Copied: a later change to them does not reach this runner.</param>
    /// <param name="timeProvider">
    /// The clock that paces the renewals of a run's lease on its batch and the wait for another run's, judges the time
    /// the lease has left, and times <see cref="CoverBatchProgress.Elapsed"/> and <see cref="CoverBatchProgress.ItemsPerSecond"/>;
    /// the system clock when null. Expiry of the lease is judged by the store's clock: give both the same clock.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CoverBatchOptions.MaxConcurrency"/> is below 1, or <see cref="CoverBatchOptions.LeaseDuration"/> is not between one second and one day: the exception's parameter name is the setting.</exception>
    public CoverBatchRunner(ICoverClient client, ICoverPortfolioStore store, CoverBatchOptions? options = null, TimeProvider? timeProvider = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        // A validated copy: a change to the caller's object would otherwise reach the next run unchecked (a
        // MaxConcurrency of zero fails it from SemaphoreSlim, naming no setting).
        _options = options?.Clone() ?? new CoverBatchOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The name of the lease a run holds in the store while it works on a batch.</summary>
    /// <param name="batchId">The batch.</param>
    /// <returns>The lease's resource name.</returns>
    public static string LeaseResource(string batchId)
    {
        if (string.IsNullOrWhiteSpace(batchId))
        {
            throw new ArgumentException("The batch id must not be empty.", nameof(batchId));
        }

        return "batch/" + batchId;
    }

    /// <summary>
    /// The identity of an application in a batch: its content, normalised. Cover type and currency in upper case, the
    /// amount without trailing zeros, the reference trimmed.
    /// </summary>
    /// <param name="application">The application.</param>
    /// <returns>The key.</returns>
    public static string ItemKey(CoverApplication application)
    {
        _ = application ?? throw new ArgumentNullException(nameof(application));
        return string.Join(
            "|",
            application.CustomerId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            application.PolicyId?.Trim() ?? string.Empty,
            application.BuyerId.ToString(CultureInfo.InvariantCulture),
            application.CoverType.Value.ToUpperInvariant(),
            CoverSnapshot.Normalize(application.CreditLimitAmount)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            application.CurrencyCode?.Trim().ToUpperInvariant() ?? string.Empty,
            application.EffectFromDate?.ToString() ?? string.Empty,
            application.CustomerReference?.Trim() ?? string.Empty);
    }

    /// <summary>
    /// Runs (or resumes) a batch. While another run of the same batch on the same store is working on it, waits until
    /// that run ends (or, if it died, until its lease expires), then resumes the batch.
    /// </summary>
    /// <param name="batchId">The batch; a re-run with the same id resumes it.</param>
    /// <param name="applications">
    /// The applications; the same content twice is one item. A re-run must give again every item an earlier run did not
    /// finish; items that finished (done with their cover id, or failed) may be left out.
    /// </param>
    /// <param name="progress">
    /// Receives counts and rate after each item, in order, one report at a time (keep it quick: the next item's report
    /// waits for it); optional.
    /// </param>
    /// <param name="cancellationToken">Cancels the run, or the wait for another run; items in flight stay recorded as such and are resolved by the next run.</param>
    /// <returns>One result per distinct item.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="batchId"/> is empty or holds a character no store keeps; or an application of
    /// <paramref name="applications"/> is null, has no buyer, holds such a character, or has a '|' in its policy id, cover
    /// type or currency code (it separates the fields of <see cref="ItemKey"/>); or <paramref name="applications"/>
    /// leaves out an item an earlier run of the batch recorded and did not finish (not sent, sent with its outcome
    /// unknown, or accepted with its cover id unknown; the message names them). Nothing is recorded or sent then.
    /// </exception>
    public async Task<CoverBatchResult> RunAsync(string batchId, IEnumerable<CoverApplication> applications, IProgress<CoverBatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckBatchId(batchId);
        _ = applications ?? throw new ArgumentNullException(nameof(applications));
        var items = new List<(string Key, CoverApplication Application, int Position)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var application in applications)
        {
            // Counted in the input as given, repeats included, so the error names the application the caller wrote.
            position++;
            if (application is null)
            {
                throw new ArgumentException("A batch must not contain null applications.", nameof(applications));
            }

            if (application.BuyerId <= 0)
            {
                throw new ArgumentException("Application " + position.ToString(CultureInfo.InvariantCulture) + " of the batch has no buyer id.", nameof(applications));
            }

            if (UnkeptCharacter(application) is { } bad)
            {
                throw new ArgumentException("Application " + position.ToString(CultureInfo.InvariantCulture) + " of the batch has " + bad.Character + " in its " + bad.Field + ".", nameof(applications));
            }

            var key = ItemKey(application);
            if (keys.Add(key))
            {
                // The item's place in the input as given, so that a result's Index names the application the caller
                // wrote even after a repeat.
                items.Add((key, application, position - 1));
            }
        }

        // Without the lease, a second run would take the first run's items in flight for a dead run's, find nothing at
        // the service yet (the first has not sent them) and send them again.
        // A holder id per run, not per runner or process: two runs of one batch in the same process must exclude each
        // other too.
        using var lease = await PortfolioLeaseHolder.AcquireAsync(_store, LeaseResource(batchId), PortfolioLeaseHolder.ForOneHolding(PortfolioLeaseHolder.ThisProcess()), _options.LeaseDuration, _time, cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunHoldingLeaseAsync(batchId, items, lease, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }
    }

    // The text fields an item's key is made of. A character no store keeps in a key as it is (U+0000, half a
    // surrogate pair: Internal.StoreArguments.UnkeptCharacter) refuses the application here, naming its field, before
    // the batch is recorded or anything is sent.
    /// <summary>
    /// Settles by hand an item a run left unresolved because nothing the service shows proves what became of it (the
    /// only look-alike cover is held by another item of the batch, or the item is in another currency than the policy's),
    /// once you have looked at the buyer's covers: records <paramref name="cover"/> as the application the item made.
    /// The item is then finished: a re-run reports it with this cover and never sends it.
    /// </summary>
    /// <param name="batchId">The batch.</param>
    /// <param name="itemKey">The item (<see cref="CoverBatchItemResult.ItemKey"/>).</param>
    /// <param name="cover">The cover the item's application made: on the item's buyer and of its cover type.</param>
    /// <param name="cancellationToken">Cancels the wait for a run working on the batch.</param>
    /// <returns>
    /// The item as recorded now. Settling is given no input, so its <see cref="CoverBatchItemResult.Index"/> is the item's
    /// place among the batch's distinct items in the order they were first recorded, not a place in an input; name the
    /// item by its <see cref="CoverBatchItemResult.ItemKey"/>.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="batchId"/> is empty, too long or holds a character no store keeps; the batch records no such item,
    /// or it is not unresolved (never sent, or finished with its cover id); or
    /// <paramref name="cover"/> is on another buyer, of another cover type, or recorded for another item of the batch.
    /// Nothing is recorded then.
    /// </exception>
    public async Task<CoverBatchItemResult> SettleAsMadeAsync(string batchId, string itemKey, CoverDecision cover, CancellationToken cancellationToken = default)
    {
        _ = cover ?? throw new ArgumentNullException(nameof(cover));
        return await SettleAsync(batchId, itemKey, cover, reason: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Settles by hand an item a run left unresolved, once you have looked at the buyer's covers and found that its
    /// application made nothing: records the item as failed with <paramref name="reason"/>. The item is then finished: a
    /// re-run reports it failed and never sends it (apply again in a new batch if it is still wanted).
    /// </summary>
    /// <param name="batchId">The batch.</param>
    /// <param name="itemKey">The item (<see cref="CoverBatchItemResult.ItemKey"/>).</param>
    /// <param name="reason">Why it is settled so, kept as the item's error.</param>
    /// <param name="cancellationToken">Cancels the wait for a run working on the batch.</param>
    /// <returns>
    /// The item as recorded now. Settling is given no input, so its <see cref="CoverBatchItemResult.Index"/> is the item's
    /// place among the batch's distinct items in the order they were first recorded, not a place in an input; name the
    /// item by its <see cref="CoverBatchItemResult.ItemKey"/>.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="reason"/> is empty; <paramref name="batchId"/> is empty, too long or holds a character no store
    /// keeps; or the batch records no such item, or it is not unresolved (never sent,
    /// finished, or accepted by the service with its cover id still to be looked up). Nothing is recorded then.
    /// </exception>
    public async Task<CoverBatchItemResult> SettleAsNotMadeAsync(string batchId, string itemKey, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("The reason must not be empty.", nameof(reason));
        }

        return await SettleAsync(batchId, itemKey, cover: null, reason, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CoverBatchItemResult> SettleAsync(string batchId, string itemKey, CoverDecision? cover, string? reason, CancellationToken cancellationToken)
    {
        CheckBatchId(batchId);
        if (string.IsNullOrEmpty(itemKey))
        {
            throw new ArgumentException("The item key must not be empty.", nameof(itemKey));
        }

        // Under the batch's lease, as a run: a run working on the batch could otherwise send the item between this look
        // and the record, or record another outcome over this one.
        using var lease = await PortfolioLeaseHolder.AcquireAsync(_store, LeaseResource(batchId), PortfolioLeaseHolder.ForOneHolding(PortfolioLeaseHolder.ThisProcess()), _options.LeaseDuration, _time, cancellationToken).ConfigureAwait(false);
        try
        {
            var recorded = await _store.GetBatchItemsAsync(batchId, cancellationToken).ConfigureAwait(false);
            var item = recorded.FirstOrDefault(i => string.Equals(i.ItemKey, itemKey, StringComparison.Ordinal))
                ?? throw new ArgumentException("Batch '" + batchId + "' records no item '" + itemKey + "'.", nameof(itemKey));

            // Only an item that may have reached the service and whose outcome nothing proves: one never sent is sent by
            // a run, and a finished one is what the service's answer or covers showed.
            var settleable = item.State is BatchItemState.InFlight or BatchItemState.Ambiguous
                || (cover is not null && item.State == BatchItemState.Done && item.CoverId is null);
            if (!settleable)
            {
                throw new ArgumentException("Item '" + itemKey + "' of batch '" + batchId + "' is not unresolved (" + Describe(item) + "), so it is not settled by hand.", nameof(itemKey));
            }

            BatchItemOutcome outcome;
            if (cover is not null)
            {
                CheckCoverIsTheItems(batchId, item, cover, recorded);
                outcome = new BatchItemOutcome { Status = StatusShown(cover), Recovered = true };
            }
            else
            {
                outcome = new BatchItemOutcome { Status = CoverBatchItemStatus.Failed, Error = "Settled by hand as not made: " + reason };
            }

            var transition = new BatchItemTransition
            {
                State = cover is null ? BatchItemState.Failed : BatchItemState.Done,
                CoverId = cover?.CoverId,
                Outcome = JsonSerializer.SerializeToUtf8Bytes(outcome, PortfolioJsonContext.Default.BatchItemOutcome),
                Lease = lease.Lease,
            };
            var settled = await _store.TryTransitionBatchItemAsync(batchId, itemKey, item.State, transition, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Item '" + itemKey + "' of batch '" + batchId + "' changed while it was being settled; look at it again.");
            var buyerId = KeyFields(itemKey) is { } fields && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var buyer) ? buyer : 0;
            return FromRecord(new CoverBatchItemResult { Index = settled.ItemIndex, ItemKey = itemKey, BuyerId = buyerId }, settled);
        }
        finally
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }

        static string Describe(BatchItem item) => item.State switch
        {
            BatchItemState.Pending => "not sent yet: a run sends it",
            BatchItemState.Failed => "failed",
            BatchItemState.Done when item.CoverId is null => "accepted by the service, its cover id still to be looked up",
            _ => "done with cover " + item.CoverId?.ToString(CultureInfo.InvariantCulture),
        };
    }

    // The fields of an item's key (ItemKey), split at the separators: no field before the reference, the last, holds one.
    private static string[]? KeyFields(string itemKey) => itemKey.Split(['|'], 8) is { Length: 8 } fields ? fields : null;

    // One cover is never two items' application, and the item's key names its buyer and cover type.
    private static void CheckCoverIsTheItems(string batchId, BatchItem item, CoverDecision cover, IReadOnlyList<BatchItem> recorded)
    {
        if (KeyFields(item.ItemKey) is { } fields
            && (!string.Equals(fields[2], cover.BuyerId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                || !string.Equals(fields[3], cover.CoverType.Value, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("Cover " + cover.CoverId.ToString(CultureInfo.InvariantCulture) + " is on buyer " + cover.BuyerId.ToString(CultureInfo.InvariantCulture) + " (" + cover.CoverType.Value + "), not on the buyer and cover type of item '" + item.ItemKey + "'.", nameof(cover));
        }

        if (recorded.FirstOrDefault(i => i.CoverId == cover.CoverId && !string.Equals(i.ItemKey, item.ItemKey, StringComparison.Ordinal)) is { } holder)
        {
            throw new ArgumentException("Cover " + cover.CoverId.ToString(CultureInfo.InvariantCulture) + " is recorded for item '" + holder.ItemKey + "' of batch '" + batchId + "'; one cover is never two items' application.", nameof(cover));
        }
    }

    // A '|' separates the key's fields: one in a field before the reference (the last) would give two different
    // applications one key ("EUR|" with reference "R", and "EUR" with reference "|R"), and the second would be taken for
    // the first and never sent. No policy id, cover type or currency code holds one.
    private static (string Field, string Character)? UnkeptCharacter(CoverApplication application)
    {
        static string? In(string? value) => value is null ? null : Internal.StoreArguments.UnkeptCharacter(value);
        static string? InField(string? value) => value is not null && value.Any(c => c == '|') ? "a '|' (it separates the fields of the item's key)" : In(value);
        return InField(application.PolicyId) is { } policy ? (nameof(CoverApplication.PolicyId), policy)
            : InField(application.CoverType.Value) is { } type ? (nameof(CoverApplication.CoverType), type)
            : InField(application.CurrencyCode) is { } currency ? (nameof(CoverApplication.CurrencyCode), currency)
            : In(application.CustomerReference) is { } reference ? (nameof(CoverApplication.CustomerReference), reference)
            : null;
    }

    private static void CheckBatchId(string batchId)
    {
        if (string.IsNullOrWhiteSpace(batchId))
        {
            throw new ArgumentException("The batch id must not be empty.", nameof(batchId));
        }

        if (Internal.StoreArguments.KeyProblem(batchId) is { } problem)
        {
            throw new ArgumentException("The batch id" + problem, nameof(batchId));
        }
    }

    private async Task<CoverBatchResult> RunHoldingLeaseAsync(string batchId, List<(string Key, CoverApplication Application, int Position)> applications, PortfolioLeaseHolder lease, IProgress<CoverBatchProgress>? progress, CancellationToken cancellationToken)
    {
        // Read under the lease, before anything is recorded or sent: an unfinished item the input leaves out would never
        // be resolved (one in flight may have made an application nobody learns of), while the run reported the batch
        // complete.
        var recorded = (await _store.GetBatchItemsAsync(batchId, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.ItemKey, StringComparer.Ordinal);
        var given = new HashSet<string>(applications.Select(i => i.Key), StringComparer.Ordinal);
        var leftOut = recorded.Values.Where(i => !given.Contains(i.ItemKey) && IsUnfinished(i)).OrderBy(i => i.ItemIndex).ToList();
        if (leftOut.Count > 0)
        {
            throw new ArgumentException(LeftOutMessage(batchId, leftOut), nameof(applications));
        }

        if (applications.Any(i => !recorded.ContainsKey(i.Key)))
        {
            await _store.AddBatchItemsAsync(batchId, applications.Select((item, index) => new NewBatchItem { ItemKey = item.Key, ItemIndex = index }), cancellationToken).ConfigureAwait(false);
            recorded = (await _store.GetBatchItemsAsync(batchId, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.ItemKey, StringComparer.Ordinal);
        }

        var tracker = new ProgressTracker(applications.Count, progress, _time);
        var results = new CoverBatchItemResult[applications.Count];
        var sent = 0;
        var claims = new CoverClaims(recorded.Values);
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);

        // One cover can be taken for several items only on one buyer and cover type: those items run one after another,
        // in input order, so that one item's look at the buyer's covers never races another's send, and each cover
        // found or answered is claimed by one item before the next looks.
        var groups = applications.Select((item, index) => (item.Key, item.Application, item.Position, Index: index)).GroupBy(i => (i.Application.BuyerId, i.Application.CoverType));
        var tasks = groups.Select(async group =>
        {
            foreach (var item in group)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var record = recorded[item.Key];
                    var (result, didSend) = await RunItemAsync(batchId, item.Position, item.Key, item.Application, record, lease, claims, cancellationToken).ConfigureAwait(false);
                    result = result with { SentThisRun = didSend };
                    results[item.Index] = result;
                    if (didSend)
                    {
                        Interlocked.Increment(ref sent);
                    }

                    // Finished by this run: unfinished in the record it started from, and not left unresolved now. An
                    // item an earlier run recovered is not this run's; one this run refused before sending it is.
                    var finishedThisRun = record.State is not (BatchItemState.Done or BatchItemState.Failed) && result.Status != CoverBatchItemStatus.Unresolved;
                    tracker.Report(result, finishedThisRun);
                }
                finally
                {
                    slots.Release();
                }
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new CoverBatchResult { BatchId = batchId, Items = results, Sent = sent, TakenOver = lease.WasTakenOver };
    }

    // Not finished: never sent, maybe sent, or accepted with its cover id still to be looked up. Done (with its cover id)
    // and Failed items are finished: a re-run may leave them out.
    private static bool IsUnfinished(BatchItem item) =>
        item.State is not (BatchItemState.Done or BatchItemState.Failed) || (item.State == BatchItemState.Done && item.CoverId is null);

    private static string LeftOutMessage(string batchId, List<BatchItem> leftOut)
    {
        const int Named = 10;
        var named = string.Join("; ", leftOut.Take(Named).Select(i => "item " + (i.ItemIndex + 1).ToString(CultureInfo.InvariantCulture) + " '" + i.ItemKey + "' (" + Describe(i) + ")"));
        var more = leftOut.Count > Named ? "; and " + (leftOut.Count - Named).ToString(CultureInfo.InvariantCulture) + " more" : string.Empty;
        return "The applications leave out " + leftOut.Count.ToString(CultureInfo.InvariantCulture) + " unfinished item(s) of batch '" + batchId
            + "' that an earlier run recorded: " + named + more + ". Nothing was sent. Run the batch with every unfinished item (items that finished may be left out), so that each outcome is resolved.";

        static string Describe(BatchItem item) => item.State switch
        {
            BatchItemState.Pending => "not sent yet",
            BatchItemState.InFlight or BatchItemState.Ambiguous => "sent, outcome unknown",
            _ => "accepted, cover id unknown",
        };
    }

    private async Task<(CoverBatchItemResult Result, bool Sent)> RunItemAsync(string batchId, int index, string key, CoverApplication application, BatchItem item, PortfolioLeaseHolder lease, CoverClaims claims, CancellationToken cancellationToken)
    {
        var result = new CoverBatchItemResult { Index = index, ItemKey = key, BuyerId = application.BuyerId, CoverId = item.CoverId };
        // An attempt of an earlier run went unanswered, and the look below found nothing it made: it may still have.
        var earlierAttemptUnanswered = item.State is BatchItemState.InFlight or BatchItemState.Ambiguous;
        if (item.State is not (BatchItemState.Done or BatchItemState.Failed) && !lease.MayStartWork())
        {
            return (result with { Error = lease.WasTakenOver ? TakenOver : LeaseNotKept }, false);
        }

        switch (item.State)
        {
            case BatchItemState.Done when item.CoverId is null:
                return (await LearnCoverIdAsync(batchId, key, application, item, FromRecord(result, item), lease, claims, cancellationToken).ConfigureAwait(false), false);

            case BatchItemState.Done:
            case BatchItemState.Failed:
                return (FromRecord(result, item), false);

            case BatchItemState.InFlight:
            case BatchItemState.Ambiguous:
                // The record was last written when the item went in flight, or when its send ended unanswered.
                var (found, unreadable, held, uncomparable) = await TryFindAppliedAsync(key, application, item.UpdatedAt - OwnApplicationWindow, claims, cancellationToken).ConfigureAwait(false);
                if (unreadable is not null)
                {
                    // An earlier attempt may have created it and nothing shows whether it did: sending again could make a
                    // second application, so the item waits for a run that can read the buyer's covers.
                    return (result with { Error = "An earlier attempt may have created this application, and the buyer's covers could not be read to find out (" + unreadable + ")." }, false);
                }

                if (found is not null)
                {
                    var status = StatusShown(found);
                    var recovered = await RecordMadeAsync(batchId, key, item.State, found.CoverId, new BatchItemOutcome { Status = status, Recovered = true }, cancellationToken).ConfigureAwait(false);
                    return (recovered is { } other ? result with { CoverId = found.CoverId, Error = other } : result with { Status = status, CoverId = found.CoverId, Recovered = true }, false);
                }

                if (held is not null)
                {
                    // The only covers like this item are another item's by the same kind of look: either may have made
                    // them, and sending this one again could make a second application.
                    return (result with { Error = HeldMessage(held.Value) }, false);
                }

                if (uncomparable is not null)
                {
                    return (result with { Error = UncomparableMessage(application, uncomparable) }, false);
                }

                // Nothing with this content is at the service yet, so it is sent again, straight from the state the
                // earlier attempt left: an item set back to Pending first, by a run stopped before it went in flight
                // again, would be sent by the next run as if no attempt had gone unanswered, and a refusal as already
                // existing (the earlier attempt's cover, not listed yet) would then fail it for good.
                break;
        }

        // Looked at again: reading the buyer's covers above may have taken a while.
        if (!lease.MayStartWork())
        {
            return (result with { Error = lease.WasTakenOver ? TakenOver : LeaseNotKept }, false);
        }

        var (inFlight, refused) = await TransitionBeforeSendingAsync(batchId, key, item.State, BatchItemState.InFlight, lease, cancellationToken).ConfigureAwait(false);
        if (refused)
        {
            return (result with { Error = TakenOver }, false);
        }

        if (inFlight is null)
        {
            return (result with { Error = "Another runner is working on this item." }, false);
        }

        ApplicationResult answer;
        try
        {
            // The client may send the application more than once (after a 429, or an unanswered attempt it then looked
            // for): once the lease is lost another run may take the batch and send this item, so this run stops too.
            using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.LostToken);
            answer = await _client.Applications.SubmitAsync(ForSending(application), cancellationToken: sending.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lease.IsLost && !cancellationToken.IsCancellationRequested)
        {
            // Left InFlight, as after a crash: the run holding the batch looks at the buyer's covers before sending.
            return (result with { Error = lease.WasTakenOver ? StoppedSendingTakenOver : StoppedSendingLeaseNotKept }, true);
        }
        catch (ArgumentException error)
        {
            // Refused by the SDK before anything was sent (a malformed field, named in the message): a re-run would be
            // refused the same way, so the item fails rather than staying in flight for ever.
            return await FailAsync(batchId, key, inFlight, result, error.Message, sent: false, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverOutcomeUnknownException error)
        {
            var recorded = await RecordAsync(batchId, key, BatchItemState.InFlight, BatchItemState.Ambiguous, null, new BatchItemOutcome { Status = CoverBatchItemStatus.Unresolved, Error = error.Message }, inFlight.AttemptCount, cancellationToken).ConfigureAwait(false);
            return (result with { Error = recorded ? error.Message : error.Message + " " + SentAgainByAnotherRun }, true);
        }
        catch (CoverApiException error) when (error is CoverRateLimitedException or CoverAuthenticationException or CoverTransportException { RequestWasSent: false })
        {
            // Refused before it was processed (rate limit, credentials), or never sent (no access token, no connection):
            // this attempt created nothing, so the item goes back to Pending and the next run sends it without a look at
            // the buyer's covers first. The client throws these only when no attempt of the call may have reached the
            // service. An attempt of an earlier run may have, though (this run's look found nothing yet): such an item
            // stays Ambiguous, looked for again before it is sent, as the lists may show it later.
            var back = earlierAttemptUnanswered ? BatchItemState.Ambiguous : BatchItemState.Pending;
            var recorded = await RecordAsync(batchId, key, BatchItemState.InFlight, back, null, new BatchItemOutcome { Status = CoverBatchItemStatus.Unresolved, Error = error.Message }, inFlight.AttemptCount, cancellationToken).ConfigureAwait(false);
            return (result with { Error = recorded ? error.Message : error.Message + " " + SentAgainByAnotherRun }, error is not CoverTransportException);
        }
        catch (InvalidOperationException error)
        {
            // The client refused the call before sending anything (no policy set and no single live policy to send
            // under): the item goes back to where it was, to be sent by a run once the client is set up. Left in flight,
            // it would count as sent and be looked for at the buyer's covers before that run sends it.
            var back = earlierAttemptUnanswered ? BatchItemState.Ambiguous : BatchItemState.Pending;
            var recorded = await RecordAsync(batchId, key, BatchItemState.InFlight, back, null, new BatchItemOutcome { Status = CoverBatchItemStatus.Unresolved, Error = error.Message }, inFlight.AttemptCount, cancellationToken).ConfigureAwait(false);
            return (result with { Error = recorded ? error.Message : error.Message + " " + SentAgainByAnotherRun }, false);
        }
        catch (CoverConflictException error) when (earlierAttemptUnanswered)
        {
            // "Already exists" after an earlier attempt went unanswered proves nothing made only when the buyer's covers
            // show the cover it names older than that attempt: otherwise the cover may be the attempt's, not listed yet
            // when this run looked, and failed the item would say nothing was made and never be looked at again.
            if (await HoldsCoverAppliedBeforeAsync(application, item.UpdatedAt - OwnApplicationWindow, cancellationToken).ConfigureAwait(false))
            {
                return await FailAsync(batchId, key, inFlight, result, error.Message, sent: true, cancellationToken).ConfigureAwait(false);
            }

            var unproven = "The service refused the application as already existing (" + error.Message + "), and an earlier attempt of this item went unanswered: the existing cover may be that attempt's, not listed yet. A re-run looks at the buyer's covers again; if they show it, settle the item as made (SettleAsMadeAsync), otherwise as not made (SettleAsNotMadeAsync).";
            var recorded = await RecordAsync(batchId, key, BatchItemState.InFlight, BatchItemState.Ambiguous, null, new BatchItemOutcome { Status = CoverBatchItemStatus.Unresolved, Error = unproven }, inFlight.AttemptCount, cancellationToken).ConfigureAwait(false);
            return (result with { Error = recorded ? unproven : unproven + " " + SentAgainByAnotherRun }, true);
        }
        catch (CoverApiException error) when (error is not CoverTransportException && error.Status is >= 400 and < 500 and not 408)
        {
            // The service answered with a refusal: this attempt created nothing. A 408 refuses nothing: it can only come
            // from a read before the send (the client makes one on the application itself an unknown outcome), and the
            // item stays for a re-run below rather than failing for good.
            if (earlierAttemptUnanswered)
            {
                return await RefusedAfterUnansweredAsync(batchId, key, inFlight, result, error.Message, cancellationToken).ConfigureAwait(false);
            }

            return await FailAsync(batchId, key, inFlight, result, error.Message, sent: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Left InFlight: the next run looks at the buyer's covers before sending again.
            return (result with { Error = error.Message }, true);
        }

        if (answer.Outcome == ApplicationOutcome.Refused)
        {
            // Refused inside a success answer: this attempt created nothing, and a re-run would be refused the same way.
            var refusal = "The service refused the application (\"" + (answer.ResponseText ?? "no reason given") + "\").";
            return earlierAttemptUnanswered
                ? await RefusedAfterUnansweredAsync(batchId, key, inFlight, result, refusal, cancellationToken).ConfigureAwait(false)
                : await FailAsync(batchId, key, inFlight, result, refusal, sent: true, cancellationToken).ConfigureAwait(false);
        }

        var outcome = answer.Outcome == ApplicationOutcome.Referred ? CoverBatchItemStatus.Referred : CoverBatchItemStatus.Decided;
        var coverId = answer.CoverId;
        if (answer.AlreadyExisted && !earlierAttemptUnanswered && coverId is { } existed)
        {
            // Refused as already existing, and no attempt of this item went unanswered, in this run or an earlier one:
            // the cover like it was there before the item was sent, another item's or the buyer's own (a second batch of
            // the same applications). This item made nothing, and sent again it would be refused the same way.
            var holder = claims.Holder(existed)?.ItemKey;
            var existing = "The service refused the application as already existing: the buyer's cover " + existed.ToString(CultureInfo.InvariantCulture)
                + " is like it, and " + (holder is null || holder == key ? "was there before this item was sent" : "item '" + holder + "' of this batch holds it") + ". This item made nothing.";
            return await FailAsync(batchId, key, inFlight, result, existing, sent: true, cancellationToken).ConfigureAwait(false);
        }

        if (coverId is { } answered && answer.Recovered && !claims.TryTake(answered, key, answeredFor: false))
        {

            // The client found this cover by its content after an attempt that went unanswered, and another item of the
            // batch holds it: one cover is never reported as two items' application. Whether this item's attempt made
            // anything is unknown, so it waits for a re-run to look again.
            var taken = "After an attempt that went unanswered, the client found cover " + answered.ToString(CultureInfo.InvariantCulture)
                + " like this application, but item '" + claims.Holder(answered)!.ItemKey + "' of this batch holds it, so it is not taken for this item too. Whether this item's attempt made anything is not known yet: a re-run looks at the buyer's covers again.";
            var recorded = await RecordAsync(batchId, key, BatchItemState.InFlight, BatchItemState.Ambiguous, null, new BatchItemOutcome { Status = CoverBatchItemStatus.Unresolved, Error = taken }, inFlight.AttemptCount, cancellationToken).ConfigureAwait(false);
            return (result with { Error = recorded ? taken : taken + " " + SentAgainByAnotherRun }, true);
        }

        if (coverId is { } own && !answer.Recovered)
        {
            claims.Answered(own, key);
        }

        if (coverId is null)
        {
            // Accepted, but the answer was cut and the SDK's read-back failed: the application exists and is never sent
            // again; its cover id is looked up now, or by the next run (the result is not complete without it).
            try
            {
                coverId = (await TryFindAppliedAsync(key, application, inFlight.UpdatedAt - OwnApplicationWindow, claims, cancellationToken).ConfigureAwait(false)).Found?.CoverId;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The acceptance is recorded all the same, below, before the cancellation goes on: left in flight, the
                // item would be sent again by a run whose look at the buyer's covers does not show it yet.
            }
        }

        if (await RecordMadeAsync(batchId, key, BatchItemState.InFlight, coverId, new BatchItemOutcome { Status = outcome, Recovered = answer.Recovered }, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            return (result with { CoverId = coverId, Error = conflict }, true);
        }

        return (result with { Status = outcome, CoverId = coverId, Recovered = answer.Recovered, Error = coverId is null ? answer.DetailsUnavailableReason : null }, true);
    }

    /// <summary>
    /// An attempt refused after an earlier run's attempt went unanswered: the refusal proves only that this attempt made
    /// nothing, not the earlier one, whose application the buyer's covers may not list yet (the client judges a refusal
    /// after an unanswered attempt of one call the same way). The item stays Ambiguous, looked for again by a re-run, or
    /// settled by hand.
    /// </summary>
    private async Task<(CoverBatchItemResult Result, bool Sent)> RefusedAfterUnansweredAsync(string batchId, string key, BatchItem inFlight, CoverBatchItemResult result, string refusal, CancellationToken cancellationToken)
    {
        var unproven = refusal.TrimEnd('.') + ", and an earlier attempt of this item went unanswered: that attempt may have made the application, not listed yet. A re-run looks at the buyer's covers again; if they show it, settle the item as made (SettleAsMadeAsync), otherwise as not made (SettleAsNotMadeAsync).";
        var recorded = await RecordAsync(batchId, key, BatchItemState.InFlight, BatchItemState.Ambiguous, null, new BatchItemOutcome { Status = CoverBatchItemStatus.Unresolved, Error = unproven }, inFlight.AttemptCount, cancellationToken).ConfigureAwait(false);
        return (result with { Error = recorded ? unproven : unproven + " " + SentAgainByAnotherRun }, true);
    }

    /// <summary>Records an item in flight as failed, nothing created; <paramref name="sent"/> says whether a request went out.</summary>
    private async Task<(CoverBatchItemResult Result, bool Sent)> FailAsync(string batchId, string key, BatchItem inFlight, CoverBatchItemResult result, string error, bool sent, CancellationToken cancellationToken)
    {
        if (!await RecordAsync(batchId, key, BatchItemState.InFlight, BatchItemState.Failed, null, new BatchItemOutcome { Status = CoverBatchItemStatus.Failed, Error = error }, inFlight.AttemptCount, cancellationToken).ConfigureAwait(false))
        {
            // Another run sent the item since: its attempt, not this refused one, is what the item's outcome is.
            return (result with { Error = error + " " + SentAgainByAnotherRun }, sent);
        }

        return (result with { Status = CoverBatchItemStatus.Failed, Error = error }, sent);
    }

    /// <summary>
    /// A transition that leads to a send, made under the run's lease: the store refuses it once another run has taken
    /// the batch over, and this run then sends nothing more. Records of what the service answered or showed are not
    /// fenced by the lease: they are facts about the service that the run holding the batch would otherwise have to find
    /// again by listing the buyer's covers. They are fenced by the item's attempt count instead, so that they never
    /// overwrite what a run that sent the item again since wrote (<see cref="RecordAsync"/>).
    /// </summary>
    private async Task<(BatchItem? Item, bool Refused)> TransitionBeforeSendingAsync(string batchId, string key, BatchItemState from, BatchItemState to, PortfolioLeaseHolder lease, CancellationToken cancellationToken)
    {
        try
        {
            var transition = new BatchItemTransition { State = to, Lease = lease.Lease };
            return (await _store.TryTransitionBatchItemAsync(batchId, key, from, transition, cancellationToken).ConfigureAwait(false), false);
        }
        catch (PortfolioLeaseLostException)
        {
            lease.MarkTakenOver();
            return (null, true);
        }
    }

    /// <summary>The application as sent: the currency code in upper case, as the item's identity already treats it.</summary>
    private static CoverApplication ForSending(CoverApplication application)
    {
        var currency = application.CurrencyCode?.Trim().ToUpperInvariant();
        if (string.Equals(currency, application.CurrencyCode, StringComparison.Ordinal))
        {
            return application;
        }

        return Copy(application, application.CreditLimitAmount, currency);
    }

    private static CoverApplication Copy(CoverApplication application, decimal? amount, string? currency) => new()
    {
        BuyerId = application.BuyerId,
        CoverType = application.CoverType,
        CreditLimitAmount = amount,
        CurrencyCode = currency,
        EffectFromDate = application.EffectFromDate,
        CustomerReference = application.CustomerReference,
        CustomerId = application.CustomerId,
        PolicyId = application.PolicyId,
    };

    private async Task<CoverBatchItemResult> LearnCoverIdAsync(string batchId, string key, CoverApplication application, BatchItem done, CoverBatchItemResult result, PortfolioLeaseHolder lease, CoverClaims claims, CancellationToken cancellationToken)
    {
        // The record was last written when the service's acceptance was recorded, right after the send.
        var (found, unreadable, held, _) = await TryFindAppliedAsync(key, application, done.UpdatedAt - OwnApplicationWindow, claims, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            var why = unreadable ?? (held is { } other ? HeldMessage(other).TrimEnd('.') : "the buyer's covers do not show it");
            return result with { Error = "The service accepted this application, and its cover id is not known yet: " + why + "." };
        }

        // Fenced by the lease, unlike the records of a send: the item stays Done either way, and another run or a settling
        // by hand that took the batch over may have recorded its cover id since, which this look must not write over.
        try
        {
            var outcome = new BatchItemOutcome { Status = result.Status, Recovered = result.Recovered };
            await RecordAsync(batchId, key, BatchItemState.Done, BatchItemState.Done, found.CoverId, outcome, attempts: null, cancellationToken, lease.Lease).ConfigureAwait(false);
        }
        catch (PortfolioLeaseLostException)
        {
            lease.MarkTakenOver();
            return result with { Error = CoverIdLeftToHolder };
        }

        return result with { CoverId = found.CoverId, Error = null };
    }

    private async Task<(CoverDecision? Found, string? Unreadable, (long CoverId, string HolderKey)? Held, CoverDecision? Uncomparable)> TryFindAppliedAsync(string key, CoverApplication application, DateTimeOffset appliedNoEarlierThan, CoverClaims claims, CancellationToken cancellationToken)
    {
        try
        {
            var (found, held, uncomparable) = await FindAppliedAsync(key, application, appliedNoEarlierThan, claims, cancellationToken).ConfigureAwait(false);
            return (found, null, held, uncomparable);
        }
        catch (CoverApiException error)
        {
            return (null, error.Message, null, null);
        }
    }

    /// <summary>
    /// Whether the buyer's current covers of the application's type hold one applied for before
    /// <paramref name="appliedBefore"/>, which an attempt made since cannot have made; false also when they cannot be read.
    /// A date without a time counts as before only when its day is before that moment's in every time zone, as
    /// <see cref="CoverApplication.Matches(CoverDecision, DateTimeOffset)"/> judges it: read as midnight UTC, a cover applied
    /// for after the attempt on the same day would prove the attempt made nothing.
    /// </summary>
    private async Task<bool> HoldsCoverAppliedBeforeAsync(CoverApplication application, DateTimeOffset appliedBefore, CancellationToken cancellationToken)
    {
        var query = CoversOfItsBuyer(application);
        try
        {
            await foreach (var cover in _client.Decisions.ListAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (CoverApplication.AppliedBefore(cover.ApplicationDate ?? cover.DecisionDate, appliedBefore))
                {
                    return true;
                }
            }
        }
        catch (CoverApiException)
        {
            // Not proven either way: the item stays unresolved for a run that can read the covers.
        }

        return false;
    }

    /// <summary>The lists' filter for the covers an application could have made: its buyer's, of its type, customer and policy.</summary>
    private static CoverQuery CoversOfItsBuyer(CoverApplication application) =>
        new CoverQuery { CustomerId = application.CustomerId, BuyerId = application.BuyerId, CoverType = application.CoverType, PolicyId = application.PolicyId };

    /// <summary>
    /// The first cover like the application that no other item of the batch holds, claimed for this item; when there is
    /// none, a cover like it that another item holds by the same kind of look (not by the service's answer), if any, and
    /// a cover like it in all but an amount it cannot be compared with (applied for in another currency than the
    /// cover's policy currency), if any.
    /// </summary>
    private async Task<(CoverDecision? Found, (long CoverId, string HolderKey)? Held, CoverDecision? Uncomparable)> FindAppliedAsync(string key, CoverApplication application, DateTimeOffset appliedNoEarlierThan, CoverClaims claims, CancellationToken cancellationToken)
    {
        (long CoverId, string HolderKey)? held = null;
        CoverDecision? uncomparable = null;
        // The application without its amount, which Matches then leaves out of the comparison.
        var anyAmount = NamesAmountAndCurrency(application) ? Copy(application, amount: null, application.CurrencyCode) : null;
        bool Take(CoverDecision cover)
        {
            if (claims.TryTake(cover.CoverId, key, answeredFor: false))
            {
                return true;
            }

            // A cover the service's answer gave another item is that item's, not this one's; one another item took by
            // its content may be this item's as well.
            if (claims.Holder(cover.CoverId) is { AnsweredFor: false } holder)
            {
                held ??= (cover.CoverId, holder.ItemKey);
            }

            return false;
        }

        var query = CoversOfItsBuyer(application);
        await foreach (var cover in _client.Decisions.ListAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (application.Matches(cover, appliedNoEarlierThan) && Take(cover))
            {
                return (cover, null, null);
            }

            Uncomparable(cover, includeHistoric: false);
        }

        await foreach (var cover in _client.Applications.ListPendingAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (application.Matches(cover, appliedNoEarlierThan) && Take(cover))
            {
                return (cover, null, null);
            }

            Uncomparable(cover, includeHistoric: false);
        }

        // Whether GET /covers lists every decision, a refusal among them, is not known: an application refused at once
        // and shown only among the decided covers would otherwise be sent again, and a new application replaces a
        // refusal.
        await foreach (var cover in _client.Decisions.ListDecidedAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (application.Matches(cover, appliedNoEarlierThan) && Take(cover))
            {
                return (cover, null, null);
            }

            Uncomparable(cover, includeHistoric: false);
        }

        // The application may have been made and its cover ended (cancelled, replaced, refused and superseded) before
        // this look: it is only among the historic covers, and sending it again would make a second application. Read
        // last, as it costs a request the current lists usually make unnecessary.
        await foreach (var cover in _client.Decisions.ListHistoricAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (application.Matches(cover, appliedNoEarlierThan, includeHistoric: true) && Take(cover))
            {
                return (cover, null, null);
            }

            Uncomparable(cover, includeHistoric: true);
        }

        return (null, held, uncomparable);

        // Matches compares amounts only in the policy currency: an application in another currency matches no cover,
        // so a cover like it in everything else, applied for since its attempt, may be its own, unless the service's
        // answer gave it to another item.
        void Uncomparable(CoverDecision cover, bool includeHistoric)
        {
            if (anyAmount is not null && uncomparable is null && claims.Holder(cover.CoverId) is not { AnsweredFor: true }
                && anyAmount.Matches(cover, appliedNoEarlierThan, includeHistoric)
                && cover.PolicyCurrency is { } policyCurrency
                && !string.Equals(policyCurrency.Trim(), application.CurrencyCode!.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                uncomparable = cover;
            }
        }
    }

    private static bool NamesAmountAndCurrency(CoverApplication application) =>
        application.CreditLimitAmount is not null && !string.IsNullOrWhiteSpace(application.CurrencyCode);

    private static string UncomparableMessage(CoverApplication application, CoverDecision cover) =>
        "An earlier attempt went unanswered, and the buyer's covers show cover " + cover.CoverId.ToString(CultureInfo.InvariantCulture)
        + " applied for since, like this application in all but its amount: the cover states the amount applied for in the policy currency ("
        + cover.PolicyCurrency + ") and this application is in " + application.CurrencyCode!.Trim().ToUpperInvariant()
        + ", so nothing shows whether it is this application's. It is not sent again (that could make a second application). Look at the buyer's covers to tell.";

    private static string HeldMessage((long CoverId, string HolderKey) held) =>
        "The buyer's covers show an application like this one only as cover " + held.CoverId.ToString(CultureInfo.InvariantCulture)
        + ", which item '" + held.HolderKey + "' of this batch was found to have made; either may have made it, so it is not taken for this item too, and this item is not sent again (that could make a second application). Look at the buyer's covers to tell which item made it.";

    /// <summary>
    /// Records an application this run proved made (the service's answer, or the buyer's covers, named it). Unlike an
    /// answer that proves nothing made, that is never given up for a state another run wrote since: it is written over
    /// the item in flight under a later attempt, back to Pending, Ambiguous, or Failed (a later send refused as already
    /// existing), so that no run sends the item again without a look. Another run's record of the item as done stands.
    /// </summary>
    /// <returns>Null when the item is recorded as made by this cover (or as made, its cover id unknown); else why not.</returns>
    private async Task<string?> RecordMadeAsync(string batchId, string key, BatchItemState from, long? coverId, BatchItemOutcome outcome, CancellationToken cancellationToken)
    {
        var transition = new BatchItemTransition
        {
            State = BatchItemState.Done,
            CoverId = coverId,
            Outcome = JsonSerializer.SerializeToUtf8Bytes(outcome, PortfolioJsonContext.Default.BatchItemOutcome),
        };

        // The answer is in hand: recording it must not be cancelled half way. Each try fails only when another run moved
        // the item in between; three are more than two runs make.
        BatchItem? item = null;
        for (var tries = 0; tries < 3 && item is not { State: BatchItemState.Done }; tries++)
        {
            if (await _store.TryTransitionBatchItemAsync(batchId, key, from, transition, CancellationToken.None).ConfigureAwait(false) is not null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }

            item = (await _store.GetBatchItemsAsync(batchId, CancellationToken.None).ConfigureAwait(false)).FirstOrDefault(i => string.Equals(i.ItemKey, key, StringComparison.Ordinal));
            from = item?.State ?? from;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var made = coverId is { } id ? "This run's send made cover " + id.ToString(CultureInfo.InvariantCulture) + ". " : "This run's send was accepted. ";
        return item is { State: BatchItemState.Done } done && (coverId is null || done.CoverId is null || done.CoverId == coverId)
            ? null
            : made + (item is { State: BatchItemState.Done, CoverId: { } other }
                ? "Another run of the batch recorded the item with cover " + other.ToString(CultureInfo.InvariantCulture) + ": the buyer may hold both; look at its covers."
                : "Another run of the batch kept moving the item, so this was not recorded: a re-run looks at the buyer's covers before sending it.");
    }

    /// <summary>
    /// Records what the service answered or showed for an item, if the item is still as this run left it: in
    /// <paramref name="from"/>, after <paramref name="attempts"/> attempts (any number when null). A run paused past its
    /// lease may find that another run has sent the item again since; its record is then left alone.
    /// </summary>
    /// <returns>Whether the record was written.</returns>
    /// <exception cref="PortfolioLeaseLostException"><paramref name="lease"/> is given and another run has taken the batch over.</exception>
    private async Task<bool> RecordAsync(string batchId, string key, BatchItemState from, BatchItemState to, long? coverId, BatchItemOutcome outcome, int? attempts, CancellationToken cancellationToken, PortfolioLease? lease = null)
    {
        var transition = new BatchItemTransition
        {
            State = to,
            CoverId = coverId,
            Outcome = JsonSerializer.SerializeToUtf8Bytes(outcome, PortfolioJsonContext.Default.BatchItemOutcome),
            ExpectedAttemptCount = attempts,
            Lease = lease,
        };

        // The answer is in hand: recording it must not be cancelled half way.
        var written = await _store.TryTransitionBatchItemAsync(batchId, key, from, transition, CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return written is not null;
    }

    private static CoverBatchItemResult FromRecord(CoverBatchItemResult result, BatchItem item)
    {
        var outcome = item.Outcome.Length == 0 ? null : JsonSerializer.Deserialize(item.Outcome.Span, PortfolioJsonContext.Default.BatchItemOutcome);
        var status = outcome?.Status ?? (item.State == BatchItemState.Failed ? CoverBatchItemStatus.Failed : CoverBatchItemStatus.Decided);
        return result with { Status = status, CoverId = item.CoverId, Recovered = outcome?.Recovered ?? false, Error = outcome?.Error };
    }

    /// <summary>
    /// Which item of the batch holds which cover, so that one cover is never reported as two items' application. A cover
    /// the service's answer named for an item (<c>AnsweredFor</c>) is that item's; one found by its content after an
    /// unanswered attempt is held by the first item that found it.
    /// </summary>
    private sealed class CoverClaims
    {
        private readonly object _gate = new();
        private readonly Dictionary<long, Claim> _claims = new();

        public CoverClaims(IEnumerable<BatchItem> recorded)
        {
            foreach (var item in recorded)
            {
                if (item.CoverId is { } coverId)
                {
                    var recovered = item.Outcome.Length != 0 && (JsonSerializer.Deserialize(item.Outcome.Span, PortfolioJsonContext.Default.BatchItemOutcome)?.Recovered ?? false);
                    _claims[coverId] = new Claim(item.ItemKey, AnsweredFor: !recovered);
                }
            }
        }

        public Claim? Holder(long coverId)
        {
            lock (_gate)
            {
                return _claims.TryGetValue(coverId, out var claim) ? claim : null;
            }
        }

        /// <summary>Claims the cover for the item, unless another item holds it.</summary>
        public bool TryTake(long coverId, string itemKey, bool answeredFor)
        {
            lock (_gate)
            {
                if (_claims.TryGetValue(coverId, out var claim) && !string.Equals(claim.ItemKey, itemKey, StringComparison.Ordinal))
                {
                    return false;
                }

                _claims[coverId] = new Claim(itemKey, answeredFor);
                return true;
            }
        }

        /// <summary>The service's answer named the cover for the item: it is the item's, whoever took it by its content.</summary>
        public void Answered(long coverId, string itemKey)
        {
            lock (_gate)
            {
                _claims[coverId] = new Claim(itemKey, AnsweredFor: true);
            }
        }
    }

    private sealed record Claim(string ItemKey, bool AnsweredFor);

    private sealed class ProgressTracker(int total, IProgress<CoverBatchProgress>? progress, TimeProvider time)
    {
        private readonly long _started = time.GetTimestamp();
        private readonly object _gate = new();
        private int _completed;
        private int _failed;
        private int _unresolved;
        private int _finishedThisRun;

        public void Report(CoverBatchItemResult result, bool finishedThisRun)
        {
            // Reported under the lock: items finish on several threads, and a snapshot handed on after the lock could
            // overtake a later one, leaving the caller's last count short of what the run did.
            lock (_gate)
            {
                // As CoverBatchResult.IsComplete counts them: an application accepted with its cover id still to be
                // looked up is not finished either.
                switch (result.Status)
                {
                    case CoverBatchItemStatus.Failed:
                        _failed++;
                        _completed++;
                        break;
                    case CoverBatchItemStatus.Unresolved:
                    case not CoverBatchItemStatus.Unresolved when result.CoverId is null:
                        _unresolved++;
                        break;
                    default:
                        _completed++;
                        break;
                }

                if (finishedThisRun)
                {
                    _finishedThisRun++;
                }

                var elapsed = time.GetElapsedTime(_started);
                progress?.Report(new CoverBatchProgress
                {
                    Total = total,
                    Completed = _completed,
                    Failed = _failed,
                    Unresolved = _unresolved,
                    Elapsed = elapsed,
                    ItemsPerSecond = elapsed.TotalSeconds > 0 ? _finishedThisRun / elapsed.TotalSeconds : 0,
                });
            }
        }
    }

    /// <summary>
    /// The status of an item whose cover was found rather than answered: referred while the cover still waits for an
    /// underwriter (a preliminary decision included), as the client reports an application it sent.
    /// </summary>
    private CoverBatchItemStatus StatusShown(CoverDecision cover) =>
        CoverApplicationOperation.AwaitsFinalDecision(cover, _time.GetUtcNow()) ? CoverBatchItemStatus.Referred : CoverBatchItemStatus.Decided;
}
