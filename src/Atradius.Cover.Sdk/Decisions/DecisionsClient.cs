using System.Globalization;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads the portfolio and changes cover: increase (supersede), reduce, cancel. Reach it through
/// <see cref="CoverClient.Decisions"/>. The real service has no cover by id and no history route: one cover and
/// a cover's history are read from the lists, filtered by buyer.
/// </summary>
public class DecisionsClient
{
    private static readonly string[] CurrentLists = [CoverRoutes.Covers, CoverRoutes.CoverApplications];

    private static readonly string[] ReferredFirstLists = [CoverRoutes.CoverApplications, CoverRoutes.Covers];

    // As for an application (ApplicationsClient): a cover applied for earlier than this before the call is not the
    // call's own change, however alike; the hour covers a difference between this machine's clock and the service's.
    private static readonly TimeSpan OwnChangeWindow = TimeSpan.FromHours(1);

    private readonly CoverClientCore? _core;

    internal DecisionsClient(CoverClientCore core) => _core = core;

    /// <summary>For mocking.</summary>
    protected DecisionsClient()
    {
    }

    private CoverClientCore Core => _core ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>The customer and policy the lists are read for by default; null for an instance created for mocking.</summary>
    internal CoverClientCore? ReadDefaults => _core;

    /// <summary>Lists the current portfolio (<c>/covers</c>): every cover with its latest decision, referred ones included; streamed.</summary>
    /// <param name="query">Buyer, cover type, policy and change filters; the whole portfolio when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The covers, read as they arrive.</returns>
    public virtual CoverAsyncList<CoverDecision> ListAsync(CoverQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        List(Core, CoverRoutes.Covers, query, options, nameof(query), cancellationToken);

    /// <summary>Lists the decided covers (<c>/covers/decisions</c>), streamed.</summary>
    /// <param name="query">Buyer, cover type and policy filters; all when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The covers, read as they arrive.</returns>
    public virtual CoverAsyncList<CoverDecision> ListDecidedAsync(CoverQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        List(Core, CoverRoutes.CoverDecisions, query, options, nameof(query), cancellationToken);

    /// <summary>Lists the historic cover versions (<c>/covers/historic</c>), streamed.</summary>
    /// <param name="query">Buyer, cover type and policy filters; all when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The historic versions, read as they arrive.</returns>
    public virtual CoverAsyncList<CoverDecision> ListHistoricAsync(CoverQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        List(Core, CoverRoutes.HistoricCovers, query, options, nameof(query), cancellationToken);

    /// <summary>Reads one cover, found in the buyer's current covers and referred applications, else in its historic versions.</summary>
    /// <param name="buyerId">The buyer the cover is on.</param>
    /// <param name="coverId">The cover id.</param>
    /// <param name="customerId">The customer whose lists are read; the client's when null (a broker reads another customer's).</param>
    /// <param name="policyId">The policy whose lists are read; when null, the client's for the client's own customer, and none for another customer.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is not positive; nothing was sent.</exception>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks, or longer than 20 characters without the blanks around it (which are not sent); nothing was sent.</exception>
    /// <exception cref="CoverNotFoundException">None of the buyer's lists holds the cover.</exception>
    public virtual async Task<CoverResponse<CoverDecision>> GetAsync(long buyerId, long coverId, long? customerId = null, string? policyId = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(buyerId, nameof(buyerId));
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.OptionalId(customerId, nameof(customerId));
        policyId = CoverArgument.PolicyId(policyId, nameof(policyId));
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);
        var (cover, info) = await CoverLookups.FindAsync(Core, [CoverRoutes.Covers, CoverRoutes.CoverApplications, CoverRoutes.HistoricCovers], buyerId, null, policyId, customerId, c => c.CoverId == coverId, call, cancellationToken).ConfigureAwait(false);
        if (cover is null)
        {
            throw new CoverNotFoundException(
                "Cover " + coverId.ToString(CultureInfo.InvariantCulture) + " is not among the covers of buyer " + buyerId.ToString(CultureInfo.InvariantCulture) + Of(customerId) + ".",
                info?.Status ?? 200,
                correlationId: info?.CorrelationId ?? call.CorrelationId,
                headers: info?.Headers);
        }

        return new CoverResponse<CoverDecision>(cover, info ?? new CoverResponseInfo(200, call.CorrelationId));
    }

    /// <summary>
    /// Reads a buyer's cover history: the historic versions plus the current ones and the applications waiting for an underwriter, oldest first. With
    /// <paramref name="coverId"/>, the versions of that cover's type (a change may give a cover a new id, so
    /// versions are followed by type, not by id).
    /// </summary>
    /// <param name="buyerId">The buyer.</param>
    /// <param name="coverId">A cover of the buyer whose type's history is wanted; every type when null.</param>
    /// <param name="customerId">The customer whose lists are read; the client's when null (a broker reads another customer's).</param>
    /// <param name="policyId">The policy whose lists are read; when null, the client's for the client's own customer, and none for another customer.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is not positive; nothing was sent.</exception>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks, or longer than 20 characters without the blanks around it (which are not sent); nothing was sent.</exception>
    /// <exception cref="CoverNotFoundException"><paramref name="coverId"/> is not among the buyer's covers.</exception>
    public virtual async Task<CoverResponse<IReadOnlyList<CoverDecision>>> GetHistoryAsync(long buyerId, long? coverId = null, long? customerId = null, string? policyId = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(buyerId, nameof(buyerId));
        CoverArgument.OptionalId(coverId, nameof(coverId));
        CoverArgument.OptionalId(customerId, nameof(customerId));
        policyId = CoverArgument.PolicyId(policyId, nameof(policyId));
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);
        var (historic, _) = await CoverLookups.ReadAsync(Core, CoverRoutes.HistoricCovers, buyerId, null, policyId, customerId, call, cancellationToken).ConfigureAwait(false);
        var (current, info) = await CoverLookups.ReadAsync(Core, CoverRoutes.Covers, buyerId, null, policyId, customerId, call, cancellationToken).ConfigureAwait(false);
        // Whether GET /covers lists an application waiting for an underwriter is not known: read from both lists, it is
        // in the history either way, and once (the portfolio's entry wins, as it may hold a decision the other lacks).
        var (waiting, _) = await CoverLookups.ReadAsync(Core, CoverRoutes.CoverApplications, buyerId, null, policyId, customerId, call, cancellationToken).ConfigureAwait(false);
        var listed = new HashSet<long>(current.Select(c => c.CoverId));
        var all = historic.Concat(current).Concat(waiting.Where(c => listed.Add(c.CoverId))).ToList();
        if (coverId is { } id)
        {
            var cover = all.FirstOrDefault(c => c.CoverId == id)
                ?? throw new CoverNotFoundException("Cover " + id.ToString(CultureInfo.InvariantCulture) + " is not among the covers of buyer " + buyerId.ToString(CultureInfo.InvariantCulture) + Of(customerId) + ".", info?.Status ?? 200, correlationId: info?.CorrelationId ?? call.CorrelationId);
            all = all.Where(c => c.CoverType == cover.CoverType).ToList();
        }

        // Historic versions before current ones, each group by when it was decided or applied for.
        var ordered = all
            .OrderBy(c => c.IsHistoric ? 0 : 1)
            .ThenBy(c => c.DecisionDate ?? c.ApplicationDate ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.CoverId)
            .ToList();
        return new CoverResponse<IReadOnlyList<CoverDecision>>(ordered, info ?? new CoverResponseInfo(200, call.CorrelationId));
    }

    /// <summary>Applies for a higher amount on a cover (<c>supersede</c>).</summary>
    /// <param name="key">The cover: buyer and cover type.</param>
    /// <param name="newAmount">The new amount, a positive multiple of 1000.</param>
    /// <param name="currencyCode">The amount's currency (ISO 4217); the service's default when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call. Once the service answered, it is not thrown: the change as answered, without its cover read back, or a <see cref="CoverOutcomeUnknownException"/> when the answer was not read yet.</param>
    /// <returns>Applied, referred or refused, with the cover read back.</returns>
    /// <exception cref="ArgumentException">An argument is malformed (named in the message), the key names a credit check (whose amount its policy fixes), or the key names another customer than the client's and no policy; nothing was sent.</exception>
    /// <exception cref="CoverOutcomeUnknownException">An attempt may have reached the service and nothing proves whether it made the change; also when the call is cancelled after an attempt went out and before an answer or the buyer's covers showed it.</exception>
    /// <exception cref="CoverApiException">The service refused the change with an error answer, or with a success status whose answer holds only errors.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CoverClientOptions.PolicyId"/> is not set (nor the key's or application's policy), and no single live policy was found for the customer (none, or several); nothing was sent.</exception>
    public virtual Task<CoverChangeResult> IncreaseAsync(CoverKey key, decimal newAmount, string? currencyCode = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        RefuseCreditCheck(key, "increased");
        CoverArgument.Amount(newAmount, nameof(newAmount));
        return ChangeAsync(key, Gen.ModificationAction.Supersede, newAmount, currencyCode, null, options, cancellationToken);
    }

    /// <summary>Lowers the amount of a cover (<c>reduce</c>).</summary>
    /// <param name="key">The cover: buyer and cover type.</param>
    /// <param name="newAmount">The new amount, a positive multiple of 1000.</param>
    /// <param name="currencyCode">The amount's currency (ISO 4217); the service's default when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call. Once the service answered, it is not thrown: the change as answered, without its cover read back, or a <see cref="CoverOutcomeUnknownException"/> when the answer was not read yet.</param>
    /// <returns>Applied, referred or refused, with the cover read back.</returns>
    /// <exception cref="ArgumentException">An argument is malformed (named in the message), the key names a credit check (whose amount its policy fixes), or the key names another customer than the client's and no policy; nothing was sent.</exception>
    /// <exception cref="CoverOutcomeUnknownException">An attempt may have reached the service and nothing proves whether it made the change; also when the call is cancelled after an attempt went out and before an answer or the buyer's covers showed it.</exception>
    /// <exception cref="CoverApiException">The service refused the change with an error answer, or with a success status whose answer holds only errors.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CoverClientOptions.PolicyId"/> is not set (nor the key's or application's policy), and no single live policy was found for the customer (none, or several); nothing was sent.</exception>
    public virtual Task<CoverChangeResult> ReduceAsync(CoverKey key, decimal newAmount, string? currencyCode = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        RefuseCreditCheck(key, "reduced");
        CoverArgument.Amount(newAmount, nameof(newAmount));
        return ChangeAsync(key, Gen.ModificationAction.Reduce, newAmount, currencyCode, null, options, cancellationToken);
    }

    /// <summary>Cancels a cover (<c>cancel</c>).</summary>
    /// <param name="key">The cover: buyer and cover type.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call. Once the service answered, it is not thrown: the change as answered, without its cover read back, or a <see cref="CoverOutcomeUnknownException"/> when the answer was not read yet.</param>
    /// <returns>
    /// Applied, referred or refused; <see cref="CoverChangeResult.Cover"/> is the cover if it still shows (e.g. pending
    /// cancellation). A cover already pending cancellation (<see cref="PendingProcessIndicator.Cancellation"/>) is
    /// returned as it is, applied, and nothing is sent.
    /// </returns>
    /// <exception cref="ArgumentException">The key is malformed (named in the message), or names another customer than the client's and no policy; nothing was sent.</exception>
    /// <exception cref="CoverNotFoundException">The buyer's current covers and referred applications hold no cover of that type; nothing was sent.</exception>
    /// <exception cref="CoverOutcomeUnknownException">An attempt may have reached the service and nothing proves whether it cancelled the cover; also when the call is cancelled after an attempt went out and before an answer or the buyer's covers showed it.</exception>
    /// <exception cref="CoverApiException">The service refused the cancellation with an error answer (or a success status whose answer holds only errors), or the buyer's covers could not be read before it was sent (nothing was sent).</exception>
    /// <exception cref="InvalidOperationException"><see cref="CoverClientOptions.PolicyId"/> is not set (nor the key's or application's policy), and no single live policy was found for the customer (none, or several); nothing was sent.</exception>
    public virtual Task<CoverChangeResult> CancelAsync(CoverKey key, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(key, Gen.ModificationAction.Cancel, null, null, null, options, cancellationToken);

    /// <summary>
    /// Changes only the customer's reference of a cover. UNCONFIRMED on the real service: no integration shows how
    /// it is done. The SDK sends a <c>supersede</c> at the cover's current amount with the new reference; the
    /// service may treat that as a new application for the same amount, or refuse it.
    /// </summary>
    /// <param name="key">The cover: buyer and cover type.</param>
    /// <param name="reference">The new reference (1 to 35 characters); sent without the blanks around it.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call. Once the service answered, it is not thrown: the change as answered, without its cover read back, or a <see cref="CoverOutcomeUnknownException"/> when the answer was not read yet.</param>
    /// <returns>Applied, referred or refused, with the cover read back.</returns>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is empty, only blanks, or longer than 35 characters without the blanks around it (which are not sent), or the key is malformed or names another customer than the client's and no policy; nothing was sent.</exception>
    /// <exception cref="CoverNotFoundException">The buyer has no current cover of that type.</exception>
    /// <exception cref="CoverOutcomeUnknownException">An attempt may have reached the service and nothing proves whether it made the change; also when the call is cancelled after an attempt went out and before an answer or the buyer's covers showed it.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CoverClientOptions.PolicyId"/> is not set (nor the key's or application's policy), and no single live policy was found for the customer (none, or several); nothing was sent.</exception>
    /// <exception cref="CoverApiException">The service refused the change with an error answer, or with a success status whose answer holds only errors.</exception>
    public virtual async Task<CoverChangeResult> UpdateCustomerReferenceAsync(CoverKey key, string reference, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        key = ValidateKey(key);
        reference = CoverArgument.Identifier(reference, nameof(reference), CoverArgument.MaxReferenceLength);
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);

        // The amount kept is the cover's under the policy the change is sent under, not another policy's of the customer.
        var policyId = await Core.PolicyIdAsync(key.PolicyId, call, cancellationToken).ConfigureAwait(false);
        var (current, info) = await CoverLookups.FindAsync(Core, [CoverRoutes.Covers], key.BuyerId, key.CoverType, policyId, key.CustomerId, c => !c.IsHistoric, call, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            throw NoCurrentCover(key, "to change the reference of", info, call);
        }

        // The currency is the service's, as it wrote it: sent in the request's spelling, or left to the service's default
        // when it is no currency code, never refused as if the caller had passed it.
        // A credit check is applied for without an amount (its policy fixes it), so it is changed without one too.
        var amount = key.CoverType == CoverType.CreditCheck ? null : current.DecidedAmount?.Amount ?? current.ApplicationAmount?.Amount;
        var currency = current.PolicyCurrency?.Trim().ToUpperInvariant();
        currency = currency is not null && CoverArgument.IsThreeUpperCaseLetters(currency) ? currency : null;
        return await ChangeAsync(key, Gen.ModificationAction.Supersede, amount is > 0m ? amount : null, currency, reference, call, cancellationToken).ConfigureAwait(false);
    }

    internal static CoverAsyncList<CoverDecision> List(CoverClientCore core, string route, CoverQuery? query, CoverRequestOptions? options, string queryName, CancellationToken cancellationToken)
    {
        CoverArgument.RequestOptions(options, nameof(options));
        CoverArgument.OptionalId(query?.CustomerId, queryName + ".CustomerId");
        CoverArgument.OptionalId(query?.BuyerId, queryName + ".BuyerId");
        var queryPolicyId = CoverArgument.PolicyId(query?.PolicyId, queryName + ".PolicyId");
        if (query?.CoverType is { Value.Length: 0 })
        {
            // default(CoverType) holds no code and would be left out of the query: the list would hold every type.
            throw new ArgumentException(queryName + ".CoverType must be a cover type such as credit-limit, or null for every type; it is default(CoverType), which names none.", queryName + ".CoverType");
        }

        if (query?.ChangedSince is not null && route != CoverRoutes.Covers)
        {
            throw new ArgumentException(queryName + ".ChangedSince is supported by the current portfolio (Decisions.ListAsync, Indications.ListAsync) only.", queryName + ".ChangedSince");
        }

        var path = CoverRoutes.WithQuery(
            route,
            ("policyId", core.ReadPolicyId(queryPolicyId, query?.CustomerId)),
            ("customerId", CoverRoutes.Number(query?.CustomerId ?? core.CustomerId)),
            ("buyerId", CoverRoutes.Number(query?.BuyerId)),
            ("coverType", query?.CoverType?.QueryValue),
            ("fromDate", query?.ChangedSince?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
        return core.Transport.Covers(path, options, cancellationToken);
    }

    private static string Of(long? customerId) =>
        customerId is { } customer ? " of customer " + customer.ToString(CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>
    /// A credit check has the amount its policy fixes (it is applied for without one): the service refuses to raise or
    /// lower it, so the call is refused before anything is sent, with the way to a higher amount.
    /// </summary>
    private static void RefuseCreditCheck(CoverKey key, string change)
    {
        if (key.CoverType == CoverType.CreditCheck)
        {
            throw new ArgumentException(
                "key.CoverType is credit-check: a credit check has the amount its policy fixes and cannot be " + change + ". For another amount, apply for a credit limit on the buyer (Applications.SubmitAsync with CoverType.CreditLimit).",
                "key.CoverType");
        }
    }

    /// <summary>Checks a key before anything is sent, and returns it as it is sent: with its policy id trimmed.</summary>
    private CoverKey ValidateKey(CoverKey key)
    {
        CoverArgument.Id(key.BuyerId, "key.BuyerId");
        _ = ApplicationsClient.ToRequestType(key.CoverType, "key.CoverType");
        CoverArgument.OptionalId(key.CustomerId, "key.CustomerId");
        var policyId = CoverArgument.PolicyId(key.PolicyId, "key.PolicyId");
        Core.RequirePolicyForAnotherCustomer(key.CustomerId, policyId, "key.CustomerId", "key.PolicyId");
        return new CoverKey(key.BuyerId, key.CoverType, policyId, key.CustomerId);
    }

    private async Task<CoverChangeResult> ChangeAsync(CoverKey key, Gen.ModificationAction action, decimal? amount, string? currencyCode, string? reference, CoverRequestOptions? options, CancellationToken cancellationToken)
    {
        key = ValidateKey(key);
        if (currencyCode is not null)
        {
            CoverArgument.Currency(currencyCode, nameof(currencyCode));
        }

        CoverArgument.RequestOptions(options, nameof(options));
        var core = Core;
        var call = CoverTransport.ForCall(options);
        var change = new CoverChange(key, action, amount, currencyCode, reference);
        var appliedNoEarlierThan = core.Time.GetUtcNow() - OwnChangeWindow;
        var policyId = await core.PolicyIdAsync(key.PolicyId, call, cancellationToken).ConfigureAwait(false);
        // A lost answer to a cancellation is resolved by the cover it ended, so the cover is read before sending: a
        // buyer without one is refused here, where afterwards "no cover" would prove nothing about this call.
        IReadOnlyList<CoverDecision> before = [];
        if (action == Gen.ModificationAction.Cancel)
        {
            var (current, currentInfo) = await ReadCurrentAsync(core, key, policyId, call, cancellationToken).ConfigureAwait(false);
            if (current.Count == 0)
            {
                throw NoCurrentCover(key, "to cancel", currentInfo, call);
            }

            if (current.All(c => c.IsPendingCancellation))
            {
                // Its cancellation was taken already and is still to be made: asked again, the service could refuse it
                // or act twice, and neither tells the caller more than the cover does.
                return new CoverChangeResult { Outcome = CoverChangeOutcome.Applied, CoverId = current[0].CoverId, Cover = current[0], Response = currentInfo ?? new CoverResponseInfo(200, call.CorrelationId) };
            }

            before = current;
        }

        var body = new Gen.CoverModification
        {
            Action = action,
            CustomerId = key.CustomerId ?? core.CustomerId,
            PolicyId = policyId,
            BuyerId = key.BuyerId,
            CoverType = ApplicationsClient.ToRequestType(key.CoverType),
            CreditLimitAmount = amount,
            CurrencyCode = currencyCode,
            CustomerRefNumber = reference,
        };

        CoverApiException? ambiguous = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                CoverResponseInfo info;
                Gen.CoverActionResult? answer = null;
                CoverApiException? lostAnswer = null;
                try
                {
                    using var response = await core.Transport.SendJsonAsync(HttpMethod.Put, CoverRoutes.Covers, body, CoverJsonContext.Default.CoverModification, call, cancellationToken).ConfigureAwait(false);
                    info = CoverResponseInfo.From(response, call.CorrelationId);
                    // Errors and no outcome are a refusal of this attempt, as under an error status.
                    var read = await core.Transport.ReadWriteAnswerAsync(response, CoverJsonContext.Default.CoverActionResult, info, cancellationToken).ConfigureAwait(false);
                    answer = read.Answer;
                    lostAnswer = read.Lost is null ? null : read.Lost as CoverApiException ?? CoverTransport.Unreadable(info, read.Lost);
                }
                catch (CoverApiException failure) when (CoverAttemptOutcome.MayHaveActed(failure))
                {
                    ambiguous = failure;
                    if (await FindAppliedAsync(core, change, before, appliedNoEarlierThan, policyId, failure, string.Empty, recovered: true, call, cancellationToken).ConfigureAwait(false) is { } found)
                    {
                        return found;
                    }

                    if (attempt > core.Options.Resilience.MaxRetryAttempts)
                    {
                        throw Unknown(change, failure, "no answer proved whether it was made, and the buyer's covers do not show it yet");
                    }

                    await RefuseToSendAgainIfEndedAsync(core, change, appliedNoEarlierThan, policyId, failure, call, cancellationToken).ConfigureAwait(false);
                    await CoverLookups.RetryAsync(core, HttpMethod.Put, CoverRoutes.Covers, attempt, failure, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (CoverApiException refusal) when (CoverAttemptOutcome.WorthAnotherAttempt(refusal, attempt, core.Options.Resilience))
                {
                    // A 429, or a request the circuit breaker kept back, proves this attempt changed nothing, so the change is
                    // sent again after the back-off. After an unanswered attempt the buyer's covers are looked at first, as
                    // above: the service refuses a second application, but not a second supersede.
                    if (ambiguous is not null)
                    {
                        if (await FindAppliedAsync(core, change, before, appliedNoEarlierThan, policyId, ambiguous, string.Empty, recovered: true, call, cancellationToken).ConfigureAwait(false) is { } found)
                        {
                            return found;
                        }

                        await RefuseToSendAgainIfEndedAsync(core, change, appliedNoEarlierThan, policyId, ambiguous, call, cancellationToken).ConfigureAwait(false);
                    }

                    await CoverLookups.RetryAsync(core, HttpMethod.Put, CoverRoutes.Covers, attempt, refusal, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (CoverApiException refusal) when (ambiguous is not null)
                {
                    throw Unknown(change, refusal, "an earlier attempt went unanswered and this attempt was refused (" + refusal.Message + ")");
                }

                if (answer is null)
                {
                    // A success answer carries the outcome in its body, a refusal ("Action has been refused.") included:
                    // without it only the buyer's covers tell whether the change was made.
                    lostAnswer ??= new CoverApiException(
                        "The Cover API answered " + info.Status.ToString(CultureInfo.InvariantCulture) + " with no outcome in its body.",
                        info.Status,
                        correlationId: info.CorrelationId,
                        headers: info.Headers);

                    // Not shown may be a refusal inside the lost answer or a change the lists do not show yet: neither is proven.
                    // Shown, it is recovered only when an earlier attempt went unanswered: this attempt was answered, and a change
                    // found after it alone is this attempt's, made once.
                    var lost = "its answer was lost (" + lostAnswer.Message + ") and ";
                    return await FindAppliedAsync(core, change, before, appliedNoEarlierThan, policyId, lostAnswer, lost, recovered: ambiguous is not null, call, cancellationToken, answered: info).ConfigureAwait(false)
                        ?? throw Unknown(change, lostAnswer, lost + "the buyer's covers do not show it");
                }

                var refused = CoverAttemptOutcome.Refused(answer);
                if (refused && ambiguous is not null)
                {
                    // The earlier attempt may have made the change, not yet shown: this refusal does not prove "nothing changed".
                    throw Unknown(change, ambiguous, "an earlier attempt went unanswered and this attempt was refused (\"" + answer!.Response + "\")");
                }

                var outcome = refused ? CoverChangeOutcome.Refused : info.Status == 202 ? CoverChangeOutcome.Referred : CoverChangeOutcome.Applied;
                CoverDecision? cover = null;
                long? changedCoverId = null;
                try
                {
                    // The cover the answer names, when it names one: after a referred change the buyer's lists may still
                    // hold the version it replaces, and that one is not this change's cover. Naming none, a referred change
                    // is looked for among the referred applications first, where it waits, not among the decided covers,
                    // where the version it replaces still stands.
                    Func<CoverDecision, bool> match = answer.CoverId is { } answered ? c => c.CoverId == answered : c => !c.IsHistoric;
                    var lists = answer.CoverId is null && outcome == CoverChangeOutcome.Referred ? ReferredFirstLists : CurrentLists;
                    (cover, _) = await CoverLookups.FindAsync(core, lists, key.BuyerId, key.CoverType, policyId, key.CustomerId, match, call, cancellationToken).ConfigureAwait(false);

                    // The answer names "the cover acted on". Whether a change keeps the cover's id is unknown: on a service
                    // that gives it a new one, the id named is the version the change replaces, still listed while the
                    // change waits, whose decision is not the change's and under which the change never shows: followed
                    // there, the change's decision would never be seen. The change is then looked for as when the answer
                    // names no cover, among what was not applied for and decided before the call and shows the change's amount
                    // or reference (another application waiting on the key is not this change). A refused change leaves the
                    // named cover standing as it was, and a cancellation acts on that very cover: both keep it.
                    if (answer.CoverId is not null && outcome != CoverChangeOutcome.Refused && action != Gen.ModificationAction.Cancel
                        && cover is not null && IsReplacedBy(cover, change, appliedNoEarlierThan))
                    {
                        cover = null;
                        (cover, _) = await CoverLookups.FindAsync(core, outcome == CoverChangeOutcome.Referred ? ReferredFirstLists : CurrentLists, key.BuyerId, key.CoverType, policyId, key.CustomerId, c => !c.IsHistoric && !IsReplacedBy(c, change, appliedNoEarlierThan) && Shows(c, change), call, cancellationToken).ConfigureAwait(false);
                        changedCoverId = cover?.CoverId;
                    }
                }
                catch (CoverApiException)
                {
                    // The change's outcome is known; the cover is read again on the next call.
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Cancelled once the change was answered: thrown, the cancellation would hide that it was made.
                }

                // A 201 whose own cover the lists show REFERRED was taken but not decided: it waits for an underwriter like a
                // 202. Only the cover the answer names tells: another current cover may be an earlier application's. A
                // cancellation is left as answered: the cover it ends may show its earlier status until the lists catch up.
                if (outcome == CoverChangeOutcome.Applied && action != Gen.ModificationAction.Cancel && answer.CoverId is not null && cover is { IsReferred: true })
                {
                    outcome = CoverChangeOutcome.Referred;
                }

                // Followed under the id the change shows under, else the id the answer named, or else under the cover read
                // back when it waits for an underwriter: a decided cover found without an id may be the version the change
                // replaces.
                var followed = changedCoverId ?? answer.CoverId ?? (cover is { IsReferred: true } ? cover.CoverId : null);
                return new CoverChangeResult
                {
                    Outcome = outcome,
                    CoverId = changedCoverId ?? answer.CoverId ?? cover?.CoverId,
                    Cover = cover,
                    ResponseText = answer.Response,
                    Response = info,
                    Operation = outcome == CoverChangeOutcome.Referred ? Follow(core, change, followed, policyId, cover, appliedNoEarlierThan, call) : null,
                };
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && ambiguous is not null)
        {
            // Thrown as a cancellation, it would hide that an unanswered attempt may have made the change.
            throw Unknown(change, ambiguous, "an attempt went unanswered (" + ambiguous.Message + ") and the call was cancelled before an answer or the buyer's covers showed whether it was made");
        }
    }

    /// <summary>
    /// Whether the buyer's covers show the change made: the new amount or reference; for a cancellation, a cover that was
    /// current and not pending cancellation before the call (<paramref name="before"/>) now gone or pending cancellation.
    /// Null when they do not show it (yet); an unknown outcome, with <paramref name="cause"/> and what
    /// <paramref name="causeSoFar"/> says of it, when they cannot be read or can never show it (an amount in another
    /// currency than theirs): sending again could then make the change twice. <paramref name="recovered"/> says whether an
    /// attempt went unanswered before the change was found (<see cref="CoverChangeResult.Recovered"/>).
    /// </summary>
    private static async Task<CoverChangeResult?> FindAppliedAsync(CoverClientCore core, CoverChange change, IReadOnlyList<CoverDecision> before, DateTimeOffset appliedNoEarlierThan, string policyId, CoverApiException cause, string causeSoFar, bool recovered, CoverRequestOptions call, CancellationToken cancellationToken, CoverResponseInfo? answered = null)
    {
        var key = change.Key;
        List<CoverDecision> current;
        CoverResponseInfo? info;
        try
        {
            (current, info) = await ReadCurrentAsync(core, key, policyId, call, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverApiException lookup)
        {
            throw Unknown(change, cause, causeSoFar + "the buyer's covers could not be read to find out (" + lookup.Message + ")");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Thrown as a cancellation, it would hide that the change may have been made.
            throw Unknown(change, cause, causeSoFar + "the call was cancelled before the buyer's covers were read to find out");
        }

        var responseInfo = answered ?? info ?? new CoverResponseInfo(200, call.CorrelationId);
        CoverDecision? shown;
        long? endedCoverId = null;
        if (change.Action == Gen.ModificationAction.Cancel)
        {
            // Only a cover that was live before the call and is now gone (ended, so no longer current) or pending
            // cancellation proves this call: one already pending cancellation was ended by an earlier request. Another
            // cover still live proves nothing either way: a key holding a decided cover and a referred change on it loses
            // only the one the cancellation ended, and sending it again would end the other too. A version counts as
            // still there only by its id, its application and whether it waits for an underwriter, since a change that
            // keeps the cover's id lists the decided version and the change waiting on it under one id.
            static bool StillLive(CoverDecision now, CoverDecision earlier) =>
                !now.IsPendingCancellation && IsSameVersion(now, earlier) && now.IsReferred == earlier.IsReferred;
            var live = before.Where(b => !b.IsPendingCancellation).ToList();
            var ended = live.FirstOrDefault(b => !current.Any(c => StillLive(c, b)));
            if (ended is null)
            {
                return null;
            }

            // A live cover the lists did not hold in that form before the call (a referred change decided meanwhile,
            // under its id or a new one) may have replaced the cover found gone: nothing shows whether the cancellation
            // ended it, and sent again it would end the one now live.
            if (current.FirstOrDefault(c => !c.IsPendingCancellation && !live.Any(b => StillLive(c, b))) is { } appeared)
            {
                throw Unknown(
                    change,
                    cause,
                    causeSoFar + "the buyer's cover " + ended.CoverId.ToString(CultureInfo.InvariantCulture) + " is gone, but cover "
                        + appeared.CoverId.ToString(CultureInfo.InvariantCulture) + " is live " + (appeared.IsReferred ? "referred" : "decided")
                        + " as it was not before the call and may have replaced it; the cancellation was not sent again, which could end that cover too");
            }

            // The cover this call ended, as it shows now (pending cancellation) or null when gone: not an older one
            // already pending cancellation beside it, nor another version live under its id.
            shown = current.FirstOrDefault(c => c.IsPendingCancellation && IsSameVersion(c, ended));
            endedCoverId = ended.CoverId;
        }
        else
        {
            // Amounts are compared in the policy currency only: the user's currency is a setting of the user's that the
            // cover does not name, so an amount in it that equals the change's proves nothing.
            if (change.Amount is not null && OtherCurrency(change, current) is { } policyCurrency)
            {
                throw Unknown(change, cause, causeSoFar + "the change is in " + change.CurrencyCode + " and the buyer's covers are in the policy currency " + policyCurrency + ", so their amounts cannot show it");
            }

            // A cover applied for and decided before the call that already shows the amount (applied for at it and
            // decided lower, say) is not this change, which is applied for or decided now; a reference change is told by
            // the reference. A cover whose increase was refused (DC05) stands unchanged: its amounts never show an
            // increase made.
            var increase = IsIncrease(change);
            shown = current.FirstOrDefault(c => Shows(c, change) && (change.Reference is not null || !IsFromBefore(c, appliedNoEarlierThan)) && !(increase && IsIncreaseRefusal(c)));
            if (shown is null && increase && current.FirstOrDefault(c => IsIncreaseRefusal(c) && !CoverApplication.AppliedBefore(c.DecisionDate, appliedNoEarlierThan)) is { } refused)
            {
                // Refused at once, an increase leaves only this code and date on the cover: it may be this call's refusal
                // or an earlier call's within the hour, so it is neither reported as this call's outcome nor sent again.
                throw Unknown(
                    change,
                    cause,
                    causeSoFar + "the buyer's cover " + refused.CoverId.ToString(CultureInfo.InvariantCulture) + " shows an increase refused ("
                        + refused.Code + ", decided " + refused.DecisionDate!.Value.ToString("u", CultureInfo.InvariantCulture)
                        + ") by this call or an earlier one; it was not sent again, which could make it twice");
            }

            if (shown is null)
            {
                return null;
            }
        }

        var outcome = shown is { IsReferred: true } ? CoverChangeOutcome.Referred : CoverChangeOutcome.Applied;
        return new CoverChangeResult
        {
            Outcome = outcome,
            // A cover gone from the lists is still named: the caller learns which cover the cancellation ended.
            CoverId = shown?.CoverId ?? endedCoverId,
            Cover = shown,
            Recovered = recovered,
            Response = responseInfo,
            Operation = outcome == CoverChangeOutcome.Referred ? Follow(core, change, shown?.CoverId, policyId, shown, appliedNoEarlierThan, call) : null,
        };
    }

    /// <summary>
    /// Whether two listings are one version of a cover: the same id and the same application (its date and amount), which
    /// its decision or a pending cancellation leaves as it was.
    /// </summary>
    private static bool IsSameVersion(CoverDecision cover, CoverDecision other) =>
        cover.CoverId == other.CoverId
        && cover.ApplicationDate == other.ApplicationDate
        && cover.ApplicationAmount?.Amount == other.ApplicationAmount?.Amount;

    /// <summary>
    /// Before a change is sent again after an unanswered attempt, which the buyer's current covers and applications do not
    /// show: an unknown outcome when the buyer's historic covers hold a version with the change's amount or reference
    /// applied for or decided since <paramref name="appliedNoEarlierThan"/>. The unanswered attempt may have made that
    /// version, which then ended before the look (a referred increase refused, or replaced since), and sending the change
    /// again would make it a second time. Nothing tells it from an earlier call's change within the hour, so it is not
    /// taken for this call's outcome either. A cancellation is told by the cover read before it was sent.
    /// </summary>
    private static async Task RefuseToSendAgainIfEndedAsync(CoverClientCore core, CoverChange change, DateTimeOffset appliedNoEarlierThan, string policyId, CoverApiException cause, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        if (change.Action == Gen.ModificationAction.Cancel)
        {
            return;
        }

        var key = change.Key;
        CoverDecision? ended;
        try
        {
            (ended, _) = await CoverLookups.FindAsync(core, CoverLookups.HistoricList, key.BuyerId, key.CoverType, policyId, key.CustomerId, c => c.IsHistoric && c.CoverType == key.CoverType && Shows(c, change) && AppliedOrDecidedSince(c, appliedNoEarlierThan), call, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverApiException lookup)
        {
            throw Unknown(change, cause, "no answer proved whether it was made, the buyer's covers do not show it, and the buyer's historic covers could not be read to find out whether it was made and has ended since (" + lookup.Message + ")");
        }

        if (ended is not null)
        {
            throw Unknown(
                change,
                cause,
                "no answer proved whether it was made, the buyer's covers do not show it, and the buyer's historic covers hold cover "
                    + ended.CoverId.ToString(CultureInfo.InvariantCulture) + " (" + ended.HistoricCode + ", applied for "
                    + (ended.ApplicationDate?.ToString("u", CultureInfo.InvariantCulture) ?? "at an unknown time")
                    + ") with the change's " + (change.Reference is null ? "amount" : "reference")
                    + ": an unanswered attempt may have made it, or an earlier call; it was not sent again, which could make it twice");
        }
    }

    /// <summary>
    /// Whether a version was applied for or decided no earlier than <paramref name="earliest"/>, or shows neither date.
    /// Unlike a current cover, an ended one that waited for an underwriter is ruled out by its dates too: one referred
    /// and rejected long ago is not this call's change.
    /// </summary>
    private static bool AppliedOrDecidedSince(CoverDecision cover, DateTimeOffset earliest) =>
        (cover.ApplicationDate is null && cover.DecisionDate is null)
        || (cover.ApplicationDate is not null && !CoverApplication.AppliedBefore(cover.ApplicationDate, earliest))
        || (cover.DecisionDate is not null && !CoverApplication.AppliedBefore(cover.DecisionDate, earliest));

    /// <summary>Whether the change applies for a new amount (a supersede that changes no reference).</summary>
    private static bool IsIncrease(CoverChange change) =>
        change.Action == Gen.ModificationAction.Supersede && change.Amount is not null && change.Reference is null;

    /// <summary>Whether a cover's decision is the refusal of an increase (DC05), decided at a known time.</summary>
    private static bool IsIncreaseRefusal(CoverDecision cover) =>
        cover.Code == DecisionCode.IncreaseRefused && cover.DecisionDate is not null;

    /// <summary>Whether a cover shows the change's amount (applied for or decided) and its new reference, when it has one.</summary>
    private static bool Shows(CoverDecision cover, CoverChange change) =>
        (change.Amount is not { } amount || cover.ApplicationAmount?.Amount == amount || cover.DecidedAmount?.Amount == amount)
        && (change.Reference is null || string.Equals(cover.CustomerReference, change.Reference, StringComparison.Ordinal));

    /// <summary>
    /// The operation that follows a referred change to its decision, in the lists of the key's customer and the policy
    /// the change was sent under; null without a cover id to follow, and for a cancellation, which ends a cover rather
    /// than waiting for a decision on it.
    /// </summary>
    private static CoverApplicationOperation? Follow(CoverClientCore core, CoverChange change, long? coverId, string policyId, CoverDecision? cover, DateTimeOffset appliedNoEarlierThan, CoverRequestOptions call) =>
        coverId is { } id && change.Action != Gen.ModificationAction.Cancel
            ? CoverApplicationOperation.ForChange(core, id, change.Key.BuyerId, change.Key.CustomerId, policyId, cover?.CoverId == id ? cover : null, appliedNoEarlierThan, call)
            : null;

    /// <summary>The policy currency of the buyer's covers when the change names another one; otherwise null.</summary>
    private static string? OtherCurrency(CoverChange change, List<CoverDecision> current)
    {
        if (change.CurrencyCode is not { } currency)
        {
            return null;
        }

        return current
            .Select(c => c.PolicyCurrency?.Trim())
            .FirstOrDefault(policyCurrency => !string.IsNullOrEmpty(policyCurrency) && !string.Equals(policyCurrency, currency, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The error of a change refused before sending because the buyer's lists hold no current cover of the key's type.</summary>
    private static CoverNotFoundException NoCurrentCover(CoverKey key, string purpose, CoverResponseInfo? info, CoverRequestOptions call) =>
        new(
            "Buyer " + key.BuyerId.ToString(CultureInfo.InvariantCulture) + Of(key.CustomerId) + " has no current " + key.CoverType + " " + purpose + ".",
            info?.Status ?? 200,
            correlationId: info?.CorrelationId ?? call.CorrelationId,
            headers: info?.Headers);

    /// <summary>The buyer's current covers and referred applications of the key's type, newest first.</summary>
    private static async Task<(List<CoverDecision> Covers, CoverResponseInfo? Info)> ReadCurrentAsync(CoverClientCore core, CoverKey key, string policyId, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        var (covers, info) = await CoverLookups.ReadAsync(core, CoverRoutes.Covers, key.BuyerId, key.CoverType, policyId, key.CustomerId, call, cancellationToken).ConfigureAwait(false);
        var (referred, referredInfo) = await CoverLookups.ReadAsync(core, CoverRoutes.CoverApplications, key.BuyerId, key.CoverType, policyId, key.CustomerId, call, cancellationToken).ConfigureAwait(false);
        var current = covers.Concat(referred).Where(c => !c.IsHistoric && c.CoverType == key.CoverType).OrderByDescending(c => c.CoverId).ToList();
        return (current, info ?? referredInfo);
    }

    /// <summary>
    /// Whether a cover is a version the change replaces: applied for and decided before the call (see
    /// <see cref="IsFromBefore"/>). A new reference is told by the reference, as when an unanswered change is looked for:
    /// a service may change only the reference and keep the cover's dates.
    /// </summary>
    private static bool IsReplacedBy(CoverDecision cover, CoverChange change, DateTimeOffset appliedNoEarlierThan) =>
        IsFromBefore(cover, appliedNoEarlierThan) && (change.Reference is null || !Shows(cover, change));

    // Only a decided cover that was applied for and decided before the call is left out. A referred one, or one without
    // a decision date, may be this change waiting for an underwriter on a service that keeps the cover's first
    // application date: left out, the change would be sent a second time.
    internal static bool IsFromBefore(CoverDecision cover, DateTimeOffset earliest) =>
        !cover.IsReferred
        && cover.DecisionDate is not null
        && CoverApplication.AppliedBefore(cover.ApplicationDate, earliest)
        && CoverApplication.AppliedBefore(cover.DecisionDate, earliest);

    private static CoverOutcomeUnknownException Unknown(CoverChange change, CoverApiException failure, string why) =>
        new CoverOutcomeUnknownException(
            "The change (" + change + ") may have been made: " + why + ". List the buyer's covers (buyer "
                + change.Key.BuyerId.ToString(CultureInfo.InvariantCulture) + ", " + change.Key.CoverType + CoverOutcomeUnknownException.Whose(change.Key.CustomerId, change.Key.PolicyId, ", ") + ") before sending it again."
                + (failure.CorrelationId is null ? string.Empty : " Correlation id: " + failure.CorrelationId + "."),
            change.Key.BuyerId,
            change.Key.CoverType,
            change.ToString(),
            failure).For(change.Key.CustomerId, change.Key.PolicyId);

    /// <summary>A change as the caller asked for it, for matching and messages.</summary>
    private sealed class CoverChange
    {
        public CoverChange(CoverKey key, Gen.ModificationAction action, decimal? amount, string? currencyCode, string? reference)
        {
            Key = key;
            Action = action;
            Amount = amount;
            CurrencyCode = currencyCode;
            Reference = reference;
        }

        public CoverKey Key { get; }

        public Gen.ModificationAction Action { get; }

        public decimal? Amount { get; }

        public string? CurrencyCode { get; }

        public string? Reference { get; }

        public override string ToString() =>
            Action.ToString().ToLowerInvariant() + " " + Key
            + (Amount is { } amount ? " to " + amount.ToString(CultureInfo.InvariantCulture) + (CurrencyCode is null ? string.Empty : " " + CurrencyCode) : string.Empty)
            + (Reference is null ? string.Empty : " (reference " + Reference + ")");
    }
}
