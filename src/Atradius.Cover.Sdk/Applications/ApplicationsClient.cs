using System.Globalization;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Applies for cover and follows referred applications. Reach it through <see cref="CoverClient.Applications"/>.
/// </summary>
/// <remarks>
/// The real service has no idempotency key, so an application is never sent again blindly: after an attempt that
/// may have reached the service (no answer, 5xx, 408) the SDK first looks at the buyer's covers and
/// applications (after an unanswered attempt, then at its decided and its historic covers), and returns the application it finds there
/// (<see cref="ApplicationResult.Recovered"/>) instead of sending it again. It says "not created" only when an answer proves it. A cover is taken for the call's
/// application when its type, amount, currency and reference are the application's and it was applied for no earlier
/// than an hour before the call (<see cref="CoverApplication.Matches(CoverDecision, DateTimeOffset)"/>): an identical cover that was there before is
/// not this application.
/// </remarks>
public class ApplicationsClient
{
    // Whether GET /covers lists an application waiting for an underwriter is not known, and a 201 may answer one that
    // turns out referred: its list is read last, once the decided covers do not show it.
    private static readonly string[] DecidedLists = [CoverRoutes.CoverDecisions, CoverRoutes.Covers, CoverRoutes.CoverApplications];
    private static readonly string[] ReferredLists = [CoverRoutes.CoverApplications, CoverRoutes.Covers];
    private static readonly string[] AllLists = [CoverRoutes.Covers, CoverRoutes.CoverApplications];

    // A cover applied for earlier than this before the call began is not taken for the call's own application, however
    // alike: an identical application refused yesterday is another one, and taking it for this call's would report this
    // one made when it may not have been. The hour covers a difference between this machine's clock and the service's;
    // an application date written as a bare date is judged by its day (CoverApplication.Matches).
    private static readonly TimeSpan OwnApplicationWindow = TimeSpan.FromHours(1);

    // How far a change's time may be ahead of this client's clock (see GetChangeOperation).
    private static readonly TimeSpan ChangeTimeClockTolerance = TimeSpan.FromMinutes(5);

    private readonly CoverClientCore? _core;

    internal ApplicationsClient(CoverClientCore core) => _core = core;

    /// <summary>For mocking.</summary>
    protected ApplicationsClient()
    {
    }

    private CoverClientCore Core => _core ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>
    /// Applies for cover on a buyer, then reads the cover back (decisions for a decided application, applications
    /// for a referred one). Once the service's answer says it accepted the application this method does not throw: when
    /// the read-back fails it returns the cover id and outcome with <see cref="ApplicationResult.DetailsUnavailable"/>.
    /// A success status whose body could not be read (cut short, or lost to a cancellation) proves nothing by itself,
    /// since the body may have said the application was refused: the application is then looked for in the buyer's
    /// lists, and when they do not show it (or cannot be read) the call throws <see cref="CoverOutcomeUnknownException"/>.
    /// </summary>
    /// <param name="application">The application.</param>
    /// <param name="options">Correlation id and extra headers, sent with every request of the call.</param>
    /// <param name="cancellationToken">Cancels the call; once the answer saying the application was accepted was read, it only cuts short the reading back of the cover (<see cref="ApplicationResult.DetailsUnavailable"/>).</param>
    /// <returns>
    /// The decided or referred application; <see cref="ApplicationOutcome.Refused"/> when the service answered with a
    /// success status that says it refused the application ("Action has been refused."): nothing was created.
    /// </returns>
    /// <exception cref="ArgumentException">A field of <paramref name="application"/> is missing or malformed (named in the message), or it names another customer than the client's and no policy; nothing was sent.</exception>
    /// <exception cref="CoverConflictException">The buyer already has such cover, and it is not this application (it differs, or was applied for more than an hour before this call), and no attempt of this call went unanswered.</exception>
    /// <exception cref="CoverValidationException">The service refused the application; <see cref="CoverApiException.Parameter"/> names the field.</exception>
    /// <exception cref="CoverOutcomeUnknownException">An attempt may have reached the service and nothing proves whether it created the cover; also when the call is cancelled after an attempt went out and before an answer or the buyer's covers showed it, and when a success answer's body could not be read and the buyer's lists do not show the application.</exception>
    /// <exception cref="CoverApiException">The service refused the application in another way (an error status, or a success status whose answer holds only errors), or could not be reached before anything was sent.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CoverClientOptions.PolicyId"/> is not set (nor the key's or application's policy), and no single live policy was found for the customer (none, or several); nothing was sent.</exception>
    public virtual async Task<ApplicationResult> SubmitAsync(CoverApplication application, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        application = Validate(application, Core.Time);
        CoverArgument.RequestOptions(options, nameof(options));
        var core = Core;
        core.RequirePolicyForAnotherCustomer(application.CustomerId, application.PolicyId, nameof(application) + ".CustomerId", nameof(application) + ".PolicyId");
        var call = CoverTransport.ForCall(options);
        var appliedNoEarlierThan = core.Time.GetUtcNow() - OwnApplicationWindow;
        var policyId = await core.PolicyIdAsync(application.PolicyId, call, cancellationToken).ConfigureAwait(false);
        var body = new Gen.CoverApplication
        {
            CustomerId = application.CustomerId ?? core.CustomerId,
            PolicyId = policyId,
            BuyerId = application.BuyerId,
            CoverType = ToRequestType(application.CoverType),
            CreditLimitAmount = application.CreditLimitAmount,
            CurrencyCode = application.CurrencyCode,
            EffectFromDate = application.EffectFromDate is { } from ? new DateTimeOffset(from.ToDateTime(), TimeSpan.Zero) : null,
            CustomerRefNumber = application.CustomerReference,
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
                    using var response = await core.Transport.SendJsonAsync(HttpMethod.Post, CoverRoutes.Covers, body, CoverJsonContext.Default.CoverApplication, call, cancellationToken).ConfigureAwait(false);
                    info = CoverResponseInfo.From(response, call.CorrelationId);
                    // Errors and no cover are a refusal of this attempt, as under an error status ("already exists"
                    // included, whatever the status), handled as one below. A lost answer proves neither: the body may
                    // have said "Action has been refused.", so only the read-back can show the application made.
                    var read = await core.Transport.ReadWriteAnswerAsync(response, CoverJsonContext.Default.CoverActionResult, info, cancellationToken).ConfigureAwait(false);
                    answer = read.Answer;
                    lostAnswer = read.Lost is null ? null : read.Lost as CoverApiException ?? CoverTransport.Unreadable(info, read.Lost);
                }
                catch (CoverConflictException conflict) when (conflict.Errors.Any(e => CoverApiExceptionFactory.IsAlreadyExists(e.Detail)))
                {
                    // The service holds one such cover per buyer: if it is this application (made by an earlier attempt,
                    // or by an earlier call whose answer was lost), it is returned; otherwise the conflict stands.
                    var found = await LookAsync(core, application, appliedNoEarlierThan, policyId, call, conflict, ambiguous is not null, cancellationToken).ConfigureAwait(false);
                    if (found.Cover is null && ambiguous is not null)
                    {
                        // The cover that exists may be the one an unanswered attempt made, not yet in the lists: nothing
                        // proves this application was not created.
                        throw Unknown(application, conflict, "an earlier attempt went unanswered (" + Describe(ambiguous) + ") and this attempt was refused as already existing (" + Describe(conflict) + "), and the buyer's covers, applications and historic covers do not show it yet");
                    }

                    if (found.Cover is null)
                    {
                        throw;
                    }

                    return Recovered(application, policyId, found.Cover, found.Info ?? Info(conflict), alreadyExisted: ambiguous is null, call);
                }
                catch (CoverApiException failure) when (CoverAttemptOutcome.MayHaveActed(failure))
                {
                    ambiguous = failure;
                    var found = await LookAsync(core, application, appliedNoEarlierThan, policyId, call, failure, earlierAttemptUnanswered: true, cancellationToken).ConfigureAwait(false);
                    if (found.Cover is not null)
                    {
                        return Recovered(application, policyId, found.Cover, found.Info ?? Info(failure), alreadyExisted: false, call);
                    }

                    if (attempt > core.Options.Resilience.MaxRetryAttempts)
                    {
                        throw Unknown(application, failure, "no answer proved whether it was created, and the buyer's covers, applications and historic covers do not show it yet");
                    }

                    await CoverLookups.RetryAsync(core, HttpMethod.Post, CoverRoutes.Covers, attempt, failure, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (CoverApiException refusal) when (CoverAttemptOutcome.WorthAnotherAttempt(refusal, attempt, core.Options.Resilience))
                {
                    // A 429, or a request the circuit breaker kept back, proves this attempt created nothing: it is sent
                    // again after the back-off. After an unanswered attempt the buyer's lists are looked at again first:
                    // "already exists" on the re-send holds only while the earlier attempt's cover holds the key, and one
                    // refused at once does not, so the application would be made a second time.
                    if (ambiguous is not null)
                    {
                        var found = await LookAsync(core, application, appliedNoEarlierThan, policyId, call, ambiguous, earlierAttemptUnanswered: true, cancellationToken).ConfigureAwait(false);
                        if (found.Cover is not null)
                        {
                            return Recovered(application, policyId, found.Cover, found.Info ?? Info(ambiguous), alreadyExisted: false, call);
                        }
                    }

                    await CoverLookups.RetryAsync(core, HttpMethod.Post, CoverRoutes.Covers, attempt, refusal, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (CoverApiException refusal) when (ambiguous is not null)
                {
                    throw Unknown(application, refusal, "an earlier attempt went unanswered (" + Describe(ambiguous) + ") and this attempt was refused (" + Describe(refusal) + ")");
                }

                var outcome = info.Status == 202 ? ApplicationOutcome.Referred : ApplicationOutcome.Decided;
                if (CoverAttemptOutcome.Refused(answer))
                {
                    // Refused inside a success answer, as a change can be: nothing was created by this attempt. After an
                    // unanswered one, the refusal may be of a second application beside the first's cover, not yet listed.
                    if (ambiguous is not null)
                    {
                        throw Unknown(application, ambiguous, "an earlier attempt went unanswered (" + Describe(ambiguous) + ") and this attempt was refused (\"" + answer!.Response + "\"), and the buyer's covers, applications and historic covers do not show it yet");
                    }

                    return new ApplicationResult
                    {
                        BuyerId = application.BuyerId,
                        CoverId = answer!.CoverId,
                        Outcome = ApplicationOutcome.Refused,
                        ResponseText = answer.Response,
                        Response = info,
                    };
                }

                return await ReadBackAsync(core, application, appliedNoEarlierThan, policyId, outcome, answer?.CoverId, answer?.Response, info, lostAnswer, call, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && ambiguous is not null)
        {
            // Thrown as a cancellation, it would hide that an unanswered attempt may have created the application.
            throw Unknown(application, ambiguous, "an attempt went unanswered (" + Describe(ambiguous) + ") and the call was cancelled before an answer or the buyer's covers showed whether it was created");
        }
    }

    /// <summary>
    /// The operation that follows a referred application (or a referred change, by the cover id it was referred under)
    /// to its decision, rebuilt from what a caller can store: the cover id and the buyer.
    /// </summary>
    /// <param name="coverId">The cover id of the referred application.</param>
    /// <param name="buyerId">The buyer it is on.</param>
    /// <param name="customerId">The customer the application was made for; the client's when null (a broker follows another customer's).</param>
    /// <param name="policyId">The policy it was made under; the client's when null.</param>
    /// <param name="options">Correlation id and extra headers sent with every read of the operation (one id for all of them, a new one when the options name none); each read gets an id of its own when null.</param>
    /// <returns>The operation; call <see cref="CoverApplicationOperation.UpdateStatusAsync"/> or <see cref="CoverApplicationOperation.WaitForCompletionAsync(CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks, or longer than 20 characters without the blanks around it (which are not sent); or <paramref name="options"/> holds a correlation id or header that cannot be sent.</exception>
    public virtual CoverApplicationOperation GetOperation(long coverId, long buyerId, long? customerId = null, string? policyId = null, CoverRequestOptions? options = null) =>
        Rebuild(coverId, buyerId, customerId, policyId, changedNoEarlierThan: null, options);

    /// <summary>
    /// The operation that follows a referred change (an increase, a reduction, a new reference) to its decision, rebuilt
    /// from what a caller can store: the cover id it was referred under, the buyer, and
    /// <see cref="CoverApplicationOperation.ChangedNoEarlierThan"/>. Should the service keep the cover's id for the
    /// change, the lists show the version the change replaces under that id until the change is decided; a version
    /// applied for and decided before <paramref name="changedNoEarlierThan"/> is that one, and is never taken for the
    /// change's decision, as it is not by the operation the change returned.
    /// </summary>
    /// <param name="coverId">The cover id the change was referred under (<see cref="CoverChangeResult.CoverId"/>).</param>
    /// <param name="buyerId">The buyer it is on.</param>
    /// <param name="changedNoEarlierThan">The earliest time the change can have been made: the operation's <see cref="CoverApplicationOperation.ChangedNoEarlierThan"/>, or a time before the call that made the change.</param>
    /// <param name="customerId">The customer the change was made for; the client's when null.</param>
    /// <param name="policyId">The policy it was made under; the client's when null.</param>
    /// <param name="options">Correlation id and extra headers sent with every read of the operation (one id for all of them, a new one when the options name none); each read gets an id of its own when null.</param>
    /// <returns>The operation; call <see cref="CoverApplicationOperation.UpdateStatusAsync"/> or <see cref="CoverApplicationOperation.WaitForCompletionAsync(CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is not positive, or <paramref name="changedNoEarlierThan"/> is <see cref="DateTimeOffset.MinValue"/> (which would leave the replaced version unguarded) or more than 5 minutes after now on the client's clock (which would take the change's own decision for the replaced version).</exception>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks, or longer than 20 characters without the blanks around it (which are not sent); or <paramref name="options"/> holds a correlation id or header that cannot be sent.</exception>
    public virtual CoverApplicationOperation GetChangeOperation(long coverId, long buyerId, DateTimeOffset changedNoEarlierThan, long? customerId = null, string? policyId = null, CoverRequestOptions? options = null)
    {
        if (changedNoEarlierThan == DateTimeOffset.MinValue)
        {
            throw new ArgumentOutOfRangeException(nameof(changedNoEarlierThan), changedNoEarlierThan, "changedNoEarlierThan must be a time before the call that made the change (the operation's ChangedNoEarlierThan), not DateTimeOffset.MinValue: every earlier version would then count as the change's.");
        }

        // A time after now (a local time written with the wrong offset, DateTimeOffset.MaxValue) would take every version,
        // the change's own decision included, for the one the change replaced: the operation could never complete. The
        // time may come from another machine's clock (the process that made the change and stored it), which can run a
        // little ahead of this one's; a few minutes cover the drift of synchronised clocks, not a wrong offset.
        var now = Core.Time.GetUtcNow();
        if (changedNoEarlierThan > now + ChangeTimeClockTolerance)
        {
            throw new ArgumentOutOfRangeException(
                nameof(changedNoEarlierThan),
                changedNoEarlierThan,
                "changedNoEarlierThan must be a time before the call that made the change, not after now (" + now.ToString("u", CultureInfo.InvariantCulture) + ", allowing "
                + ChangeTimeClockTolerance.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes for a clock that runs ahead of this one); it is " + changedNoEarlierThan.ToString("u", CultureInfo.InvariantCulture)
                + ". The change's own decision would be taken for the version it replaced, and the operation would never complete.");
        }

        return Rebuild(coverId, buyerId, customerId, policyId, changedNoEarlierThan, options);
    }

    // An operation rebuilt from what a caller stored: an application's, or a change's with the time that guards it.
    private CoverApplicationOperation Rebuild(long coverId, long buyerId, long? customerId, string? policyId, DateTimeOffset? changedNoEarlierThan, CoverRequestOptions? options)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.Id(buyerId, nameof(buyerId));
        CoverArgument.OptionalId(customerId, nameof(customerId));
        policyId = CoverArgument.PolicyId(policyId, nameof(policyId));
        CoverArgument.RequestOptions(options, nameof(options));
        var call = options is null ? null : CoverTransport.ForCall(options);
        return changedNoEarlierThan is { } changed
            ? CoverApplicationOperation.ForChange(Core, coverId, buyerId, customerId, policyId, null, changed, call)
            : new CoverApplicationOperation(Core, coverId, buyerId, customerId, policyId, null, call);
    }

    /// <summary>Lists the applications referred to an underwriter (<c>/covers/applications</c>), streamed.</summary>
    /// <param name="query">Buyer, cover type and policy filters; all when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The referred applications, read as they arrive.</returns>
    public virtual CoverAsyncList<CoverDecision> ListPendingAsync(CoverQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        DecisionsClient.List(Core, CoverRoutes.CoverApplications, query, options, nameof(query), cancellationToken);

    /// <summary>
    /// Checks an application before anything is sent, and returns it as it is sent: a copy, with its policy id and
    /// reference trimmed. The call waits for the policy before it builds the request, and a caller may change or reuse
    /// its object meanwhile: what is sent, and what the buyer's covers are matched against, is what was checked.
    /// </summary>
    internal static CoverApplication Validate(CoverApplication application, TimeProvider time)
    {
        CoverArgument.NotNull(application, nameof(application));
        const string Name = nameof(application);
        var sent = application.Copy();
        CoverArgument.Id(sent.BuyerId, Name + ".BuyerId");
        _ = ToRequestType(sent.CoverType, Name + ".CoverType");
        if (sent.CoverType == CoverType.CreditCheck)
        {
            if (sent.CreditLimitAmount is not null)
            {
                throw new ArgumentException(Name + ".CreditLimitAmount must be null for a credit check: the policy fixes its amount.", Name + ".CreditLimitAmount");
            }
        }
        else if (sent.CreditLimitAmount is not { } amount)
        {
            throw new ArgumentException(Name + ".CreditLimitAmount is required for a " + sent.CoverType + ".", Name + ".CreditLimitAmount");
        }
        else
        {
            CoverArgument.Amount(amount, Name + ".CreditLimitAmount");
        }

        if (sent.CurrencyCode is not null)
        {
            CoverArgument.Currency(sent.CurrencyCode, Name + ".CurrencyCode");
        }

        var reference = CoverArgument.Reference(sent.CustomerReference, Name + ".CustomerReference");
        CoverArgument.OptionalId(sent.CustomerId, Name + ".CustomerId");
        var policyId = CoverArgument.PolicyId(sent.PolicyId, Name + ".PolicyId");
        CoverArgument.NotPast(sent.EffectFromDate, Name + ".EffectFromDate", time);
        sent.CustomerReference = reference;
        sent.PolicyId = policyId;
        return sent;
    }

    internal static Gen.RequestCoverType ToRequestType(CoverType coverType, string name = "coverType")
    {
        if (coverType == CoverType.CreditLimit)
        {
            return Gen.RequestCoverType.CreditLimit;
        }

        if (coverType == CoverType.CreditCheck)
        {
            return Gen.RequestCoverType.CreditCheck;
        }

        if (coverType == CoverType.Indication)
        {
            return Gen.RequestCoverType.Indication;
        }

        throw new ArgumentException(name + " must be credit-limit, credit-check or indication; it is '" + coverType.Value + "'.", name);
    }

    private static async Task<(CoverDecision? Cover, CoverResponseInfo? Info)> LookAsync(CoverClientCore core, CoverApplication application, DateTimeOffset appliedNoEarlierThan, string policyId, CoverRequestOptions call, CoverApiException cause, bool earlierAttemptUnanswered, CancellationToken cancellationToken)
    {
        try
        {
            var found = await CoverLookups.FindAsync(core, AllLists, application.BuyerId, application.CoverType, policyId, application.CustomerId, c => application.Matches(c, appliedNoEarlierThan), call, cancellationToken).ConfigureAwait(false);
            if (found.Cover is not null || !earlierAttemptUnanswered)
            {
                return found;
            }

            // Whether GET /covers lists every decision, a refusal among them, is not known; GET /covers/decisions lists
            // the decided covers. An unanswered attempt refused at once and shown only there would otherwise be sent
            // again, and a new application replaces a refusal: two applications.
            var decided = await CoverLookups.FindAsync(core, CoverLookups.DecisionList, application.BuyerId, application.CoverType, policyId, application.CustomerId, c => application.Matches(c, appliedNoEarlierThan), call, cancellationToken).ConfigureAwait(false);
            if (decided.Cover is not null)
            {
                return decided;
            }

            // An unanswered attempt's application may have ended before this look (rejected when a new application
            // replaced a refusal, cancelled, superseded): only its historic version is left, and sending the
            // application again would make a second one. Read last, as it costs a request the current lists usually
            // make unnecessary.
            var historic = await CoverLookups.FindAsync(core, CoverLookups.HistoricList, application.BuyerId, application.CoverType, policyId, application.CustomerId, c => application.Matches(c, appliedNoEarlierThan, includeHistoric: true), call, cancellationToken).ConfigureAwait(false);
            return historic.Cover is null ? found : historic;
        }
        catch (CoverApiException lookup) when (cause is not CoverConflictException || earlierAttemptUnanswered)
        {
            throw Unknown(application, cause, "the buyer's covers could not be read to find out (" + lookup.Message + ")");
        }
        catch (CoverApiException)
        {
            // Refused as already existing, and no attempt of this call went unanswered: the refusal is this call's outcome,
            // not the failure to read the lists (a 5xx from a list would read as "the application may have been made").
            return (null, null);
        }
    }

    private static async Task<ApplicationResult> ReadBackAsync(CoverClientCore core, CoverApplication application, DateTimeOffset appliedNoEarlierThan, string policyId, ApplicationOutcome outcome, long? coverId, string? responseText, CoverResponseInfo info, CoverApiException? lostAnswer, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        var lists = outcome == ApplicationOutcome.Referred ? ReferredLists : DecidedLists;
        // Matched by the id the answer names, except a version applied for and decided before the call: a service that
        // gives the new application an id it used before may still list the earlier version under it, and that version's
        // amount, dates and decision are not this application's.
        Func<CoverDecision, bool> match = coverId is { } id
            ? c => c.CoverId == id && !DecisionsClient.IsFromBefore(c, appliedNoEarlierThan)
            : c => application.Matches(c, appliedNoEarlierThan);
        string? reason;
        try
        {
            var (cover, _) = await CoverLookups.FindAsync(core, lists, application.BuyerId, application.CoverType, policyId, application.CustomerId, match, call, cancellationToken).ConfigureAwait(false);
            if (cover is not null)
            {
                return Result(application, policyId, cover.CoverId, OutcomeShown(cover, outcome, core.Time.GetUtcNow()), cover, info, recovered: false, core, call, responseText);
            }

            reason = "the buyer's lists do not show cover " + (coverId?.ToString(CultureInfo.InvariantCulture) ?? "matching the application") + " yet";
        }
        catch (CoverApiException ex)
        {
            reason = "the buyer's covers could not be read (" + ex.Message + ")";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled once the application was made: thrown, the cancellation would take its cover id with it.
            reason = "the call was cancelled before the cover was read back";
        }

        if (lostAnswer is not null)
        {
            // The status alone does not prove the application made: a refusal inside a success answer creates nothing,
            // and the lost body may have been one. Only the buyer's lists could have shown it made.
            throw Unknown(application, lostAnswer, "its answer could not be read (" + lostAnswer.Message + ") and " + reason);
        }

        return new ApplicationResult
        {
            BuyerId = application.BuyerId,
            CoverId = coverId,
            Outcome = outcome,
            DetailsUnavailable = true,
            DetailsUnavailableReason = "The application was accepted (" + info.Status.ToString(CultureInfo.InvariantCulture) + "), but " + reason + ".",
            ResponseText = responseText,
            Response = info,
            Operation = outcome == ApplicationOutcome.Referred && coverId is { } referred ? new CoverApplicationOperation(core, referred, application.BuyerId, application.CustomerId, policyId, null, call) : null,
        };
    }

    // With no answer to go by, a cover that shows no decision is followed as referred until one shows.
    private ApplicationResult Recovered(CoverApplication application, string policyId, CoverDecision cover, CoverResponseInfo info, bool alreadyExisted, CoverRequestOptions call) =>
        Result(application, policyId, cover.CoverId, !CoverApplicationOperation.AwaitsFinalDecision(cover, Core.Time.GetUtcNow()) && (cover.IsDecided || (!cover.IsReferred && cover.Code is not null)) ? ApplicationOutcome.Decided : ApplicationOutcome.Referred, cover, info, recovered: true, Core, call, alreadyExisted: alreadyExisted);

    /// <summary>
    /// The answer's outcome, unless the cover read back still waits for an underwriter (listed referred, or with a
    /// preliminary decision): reported decided, such an application would leave the caller no operation to follow it
    /// to its final decision.
    /// </summary>
    private static ApplicationOutcome OutcomeShown(CoverDecision cover, ApplicationOutcome answered, DateTimeOffset now) =>
        CoverApplicationOperation.AwaitsFinalDecision(cover, now) ? ApplicationOutcome.Referred : answered;

    // The operation follows the application in the lists of the customer and policy it was made for.
    private static ApplicationResult Result(CoverApplication application, string policyId, long coverId, ApplicationOutcome outcome, CoverDecision cover, CoverResponseInfo info, bool recovered, CoverClientCore core, CoverRequestOptions call, string? responseText = null, bool alreadyExisted = false) =>
        new()
        {
            BuyerId = application.BuyerId,
            CoverId = coverId,
            Outcome = outcome,
            Cover = cover,
            Recovered = recovered,
            AlreadyExisted = alreadyExisted,
            ResponseText = responseText,
            Response = info,
            Operation = outcome == ApplicationOutcome.Referred ? new CoverApplicationOperation(core, coverId, application.BuyerId, application.CustomerId, policyId, cover, call) : null,
        };

    private static CoverResponseInfo Info(CoverApiException failure) => new(failure.Status, failure.CorrelationId, failure.Headers);

    private static string Describe(CoverApiException failure) =>
        failure.Status == 0 ? failure.Message : failure.Status.ToString(CultureInfo.InvariantCulture) + " " + CoverApiExceptionFactory.ReasonPhrase(failure.Status);

    private static CoverOutcomeUnknownException Unknown(CoverApplication application, CoverApiException failure, string why) =>
        new CoverOutcomeUnknownException(
            "The application (" + application + ") may have been created: " + why + ". List the buyer's covers, applications and historic covers (buyer "
                + application.BuyerId.ToString(CultureInfo.InvariantCulture) + ", " + application.CoverType + CoverOutcomeUnknownException.Whose(application.CustomerId, application.PolicyId, ", ") + ") before applying again."
                + (failure.CorrelationId is null ? string.Empty : " Correlation id: " + failure.CorrelationId + "."),
            application.BuyerId,
            application.CoverType,
            application.ToString(),
            failure).For(application.CustomerId, application.PolicyId);
}
