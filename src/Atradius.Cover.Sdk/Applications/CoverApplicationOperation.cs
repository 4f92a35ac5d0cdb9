using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A referred application on its way to an underwriter's final decision, in the style of Azure's <c>Operation&lt;T&gt;</c>:
/// a new application (<see cref="ApplicationResult.Operation"/>) or a referred change of cover, which waits for an
/// underwriter as an application for the new amount (<see cref="CoverChangeResult.Operation"/>). The real service has
/// no cover by id, so the status is read by listing the buyer's applications and decisions.
/// Rebuild it later with <see cref="ApplicationsClient.GetOperation"/> from its <see cref="Id"/> and <see cref="BuyerId"/>
/// (and its <see cref="CustomerId"/> and <see cref="PolicyId"/> when the application named them); a referred change's
/// with <see cref="ApplicationsClient.GetChangeOperation"/>, which also takes its <see cref="ChangedNoEarlierThan"/>.
/// </summary>
public class CoverApplicationOperation
{
    // Read in this order until the application is found. The historic list comes last: an application that ended
    // without a decision (cancelled by the customer, archived) is only there, and a wait would otherwise last until
    // its timeout and say it stays referred.
    private static readonly string[] Lists = [CoverRoutes.CoverApplications, CoverRoutes.CoverDecisions, CoverRoutes.Covers, CoverRoutes.HistoricCovers];

    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(49);

    private readonly CoverClientCore? _core;

    // Set for a referred change: the start of the window in which the change was made (see ForChange).
    private readonly DateTimeOffset? _changedNoEarlierThan;

    // The correlation id and headers of the call that made the application (or of GetOperation), sent with every read:
    // the application can be followed in the service's logs from its first request to its decision. Null: each read
    // gets an id of its own.
    private readonly CoverRequestOptions? _call;

    // What the reads have shown, replaced whole under the gate: polls that race (a wait and a status read at once) must
    // neither set a completed operation back nor pair one read's cover with another's completion.
    private readonly object _gate = new();
    private Status _status = Status.Unknown;

    internal CoverApplicationOperation(CoverClientCore core, long coverId, long buyerId, long? customerId, string? policyId, CoverDecision? latest, CoverRequestOptions? call)
        : this(core, coverId, buyerId, customerId, policyId, latest, null, call)
    {
    }

    private CoverApplicationOperation(CoverClientCore core, long coverId, long buyerId, long? customerId, string? policyId, CoverDecision? latest, DateTimeOffset? changedNoEarlierThan, CoverRequestOptions? call)
    {
        _core = core;
        _call = call?.Snapshot();
        Id = coverId;
        BuyerId = buyerId;
        CustomerId = customerId;
        PolicyId = policyId;
        _changedNoEarlierThan = changedNoEarlierThan;
        Observe(latest);
    }

    /// <summary>For mocking.</summary>
    protected CoverApplicationOperation()
    {
    }

    /// <summary>Gets the cover id of the application (for a referred change, the id the service named for it).</summary>
    public virtual long Id { get; }

    /// <summary>Gets the buyer the application is on.</summary>
    public virtual long BuyerId { get; }

    /// <summary>
    /// Gets the customer the application was made for, whose lists are read; null for the client's
    /// <see cref="CoverClientOptions.CustomerId"/>.
    /// </summary>
    public virtual long? CustomerId { get; }

    /// <summary>Gets the policy the application was made under; null for the client's policy.</summary>
    public virtual string? PolicyId { get; }

    /// <summary>
    /// Gets, for a referred change, the earliest time the change can have been made: a decided version applied for and
    /// decided before it is the version the change replaces (should the service keep the cover's id for the change), and
    /// its decision is never taken for the change's. Null for an application. Store it with <see cref="Id"/> and
    /// <see cref="BuyerId"/> to rebuild the operation with <see cref="ApplicationsClient.GetChangeOperation"/>.
    /// </summary>
    public virtual DateTimeOffset? ChangedNoEarlierThan => _changedNoEarlierThan;

    /// <summary>
    /// Gets whether the application is no longer waiting: the underwriter has made the final decision, or the application
    /// ended without becoming a current cover and only its historic version is left (<see cref="CoverDecision.IsHistoric"/>):
    /// cancelled, archived, or a refused change, which leaves the cover it would have replaced as it was. A preliminary
    /// decision (<see cref="DecisionCode.IsPreliminary"/>: DC06, DC07) is not the final one: the application still waits,
    /// and <see cref="Latest"/> shows that decision meanwhile, until the preliminary decision is past its expiry date
    /// (<see cref="CoverDecision.TotalDecision"/>, before today in UTC); it is then the last word the lists give, and the
    /// operation completes with it (check <see cref="DecisionCode.IsPreliminary"/> on the result).
    /// </summary>
    public virtual bool HasCompleted => Volatile.Read(ref _status).Completed;

    /// <summary>Gets whether <see cref="Value"/> holds the finally decided cover (or the historic version of an application that ended).</summary>
    public virtual bool HasValue => Volatile.Read(ref _status).Value is not null;

    /// <summary>Gets the finally decided cover, or the historic version of an application that ended without becoming a current cover.</summary>
    /// <exception cref="InvalidOperationException">The application is not finally decided yet (it may have a preliminary decision: see <see cref="Latest"/>).</exception>
    public virtual CoverDecision Value => Volatile.Read(ref _status).Value ?? throw new InvalidOperationException(Subject + " is not decided yet; call UpdateStatusAsync or WaitForCompletionAsync.");

    /// <summary>
    /// Gets the cover as last read (referred, preliminarily decided, or decided); null before the first read found it.
    /// While the application has a preliminary decision (DC06, DC07), it is the cover with that decision. Once the
    /// application has completed, it stays the cover that showed it, whatever a later read shows.
    /// </summary>
    public virtual CoverDecision? Latest => Volatile.Read(ref _status).Latest;

    /// <summary>Gets the answer of the last status read.</summary>
    public virtual CoverResponseInfo? Response { get; private set; }

    /// <summary>
    /// Reads the application's status once: referred applications first, then decisions, then the portfolio, then the
    /// historic list. Its requests carry the correlation id and headers of the call that made the application (or that
    /// <see cref="ApplicationsClient.GetOperation"/> was given).
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The answer of the read.</returns>
    /// <exception cref="CoverApiException">The lists could not be read.</exception>
    public virtual async Task<CoverResponseInfo?> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        var core = _core ?? throw new InvalidOperationException("This instance was created for mocking.");
        var call = _call ?? CoverTransport.ForCall(null);
        var (cover, info) = await CoverLookups.FindAsync(core, Lists, BuyerId, null, PolicyId, CustomerId, c => c.CoverId == Id && !IsReplacedVersion(c), call, cancellationToken).ConfigureAwait(false);
        Observe(cover);
        Response = info;
        return info;
    }

    /// <summary>
    /// Polls until the underwriter's final decision, at the client's <see cref="CoverClientOptions.PollInterval"/> with
    /// back-off. A preliminary decision (DC06, DC07) does not end the wait unless it is past its expiry date (see
    /// <see cref="HasCompleted"/>); <see cref="Latest"/> shows it meanwhile.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The finally decided cover, or the historic version of an application that ended without becoming a current cover (see <see cref="CoverDecision.IsHistoric"/>).</returns>
    /// <exception cref="CoverOperationTimeoutException">No final decision within <see cref="CoverClientOptions.WaitTimeout"/>; the application stays referred or preliminarily decided, and the exception's operation follows it further.</exception>
    public virtual Task<CoverDecision> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync((_core ?? throw new InvalidOperationException("This instance was created for mocking.")).Options.PollInterval, cancellationToken);

    /// <summary>
    /// Polls until the underwriter's final decision, starting at <paramref name="pollingInterval"/> and doubling up to
    /// eight times it. A preliminary decision (DC06, DC07) does not end the wait unless it is past its expiry date (see
    /// <see cref="HasCompleted"/>); <see cref="Latest"/> shows it meanwhile.
    /// </summary>
    /// <param name="pollingInterval">The first wait between two reads.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The finally decided cover, or the historic version of an application that ended without becoming a current cover (see <see cref="CoverDecision.IsHistoric"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pollingInterval"/> is not positive.</exception>
    /// <exception cref="CoverOperationTimeoutException">No final decision within <see cref="CoverClientOptions.WaitTimeout"/>; the application stays referred or preliminarily decided, and the exception's operation follows it further.</exception>
    public virtual async Task<CoverDecision> WaitForCompletionAsync(TimeSpan pollingInterval, CancellationToken cancellationToken = default)
    {
        var core = _core ?? throw new InvalidOperationException("This instance was created for mocking.");
        if (pollingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollingInterval), pollingInterval, "pollingInterval must be greater than zero.");
        }

        // A wait timeout meant as "no limit" (TimeSpan.MaxValue) would overflow the deadline.
        var now = core.Time.GetUtcNow();
        var deadline = core.Options.WaitTimeout < DateTimeOffset.MaxValue - now ? now + core.Options.WaitTimeout : DateTimeOffset.MaxValue;
        var wait = pollingInterval;
        while (true)
        {
            await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            var status = Volatile.Read(ref _status);
            if (status.Value is { } value)
            {
                return value;
            }

            var left = deadline - core.Time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                // Rebuilt without its customer, the operation would read the client's own customer's lists; a change's
                // without its time, it could take the replaced version's decision for the change's.
                var (method, time) = _changedNoEarlierThan is { } changed
                    ? ("Applications.GetChangeOperation", ", changedNoEarlierThan: " + changed.ToString("O", CultureInfo.InvariantCulture))
                    : ("Applications.GetOperation", string.Empty);
                var rebuild = CustomerId is null && PolicyId is null
                    ? method + "(coverId, buyerId" + time + ")"
                    : method + "(coverId, buyerId" + time + ", customerId, policyId) (" + CoverOutcomeUnknownException.Whose(CustomerId, PolicyId, string.Empty) + ")";
                var state = status.Latest is not { } latest
                    ? "None of the buyer's lists shows it (yet)"
                    : IsPreliminary(latest)
                        ? "It has a preliminary decision (" + latest.Code + ", Latest) and waits for the final one"
                        : "It stays referred";
                throw new CoverOperationTimeoutException(
                    Subject + " on buyer " + BuyerId.ToString(CultureInfo.InvariantCulture)
                    + " was not finally decided within " + core.Options.WaitTimeout + " (CoverClientOptions.WaitTimeout). " + state + "; wait again with the exception's Operation, or follow it later with " + rebuild + ".",
                    this);
            }

            // Timers take at most about 49 days; a longer wait is polled again at that point.
            var delay = wait < left ? wait : left;
            if (delay > MaxDelay)
            {
                delay = MaxDelay;
            }

#if NET8_0_OR_GREATER
            await Task.Delay(delay, core.Time, cancellationToken).ConfigureAwait(false);
#else
            await core.Time.Delay(delay, cancellationToken).ConfigureAwait(false);
#endif
            if (wait < MaxDelay && wait.Ticks / 8 < pollingInterval.Ticks)
            {
                wait = TimeSpan.FromTicks(wait.Ticks * 2);
            }
        }
    }

    /// <summary>
    /// The operation that follows a referred change (an increase, a reduction or a new reference) under the cover id
    /// the service named for it. Whether a change keeps the cover's id is unknown on the real service: if it does, the
    /// lists may still show the decided version the change replaces under that id, and that decision is not the
    /// change's. A version applied for and decided before <paramref name="changedNoEarlierThan"/> is therefore never
    /// taken; the window before the call is the one that tells a call's own change from an earlier one elsewhere.
    /// </summary>
    internal static CoverApplicationOperation ForChange(CoverClientCore core, long coverId, long buyerId, long? customerId, string? policyId, CoverDecision? latest, DateTimeOffset changedNoEarlierThan, CoverRequestOptions? call) =>
        new(core, coverId, buyerId, customerId, policyId, latest, changedNoEarlierThan, call);

    private string Subject =>
        (_changedNoEarlierThan is null ? "The application " : "The change referred under cover ") + Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the cover is, for a change, the version the change replaces: applied for and decided before the change.</summary>
    private bool IsReplacedVersion(CoverDecision cover) =>
        _changedNoEarlierThan is { } changed && DecisionsClient.IsFromBefore(cover, changed);

    private void Observe(CoverDecision? cover)
    {
        // Once decided or ended, the application stays so: a list read later that still shows it referred lags behind
        // the one that showed the end, and taking it would report a decided application undecided again.
        var today = CoverDate.FromDateTime((_core?.Time ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        if (cover is null || IsReplacedVersion(cover))
        {
            return;
        }

        var ends = ShowsEnd(cover, today);
        lock (_gate)
        {
            if (!_status.Completed || ends)
            {
                Volatile.Write(ref _status, new Status(cover, ends));
            }
        }
    }

    /// <summary>
    /// Whether the cover proves the application no longer waits: finally decided (its status, or a decision code under
    /// a status this version does not know), or historic. A cover with no status and no code proves nothing. A current
    /// cover with a preliminary decision (DC06, DC07) is listed decided, yet its application waits for the final one,
    /// as the reports count it: ended there, a wait would give a refusal or an amount the underwriter may still change.
    /// Whether a final decision always follows is not known: a preliminary decision past its expiry date (the day after
    /// it, UTC, as the reports count it) is the last word the lists will give, and ends the wait.
    /// </summary>
    private static bool ShowsEnd(CoverDecision cover, CoverDate today) =>
        cover.IsHistoric
        || ((!IsPreliminary(cover) || cover.TotalDecision?.ExpiryDate < today) && (cover.IsDecided || (!cover.IsReferred && cover.Code is not null)));

    private static bool IsPreliminary(CoverDecision cover) => cover.Code?.IsPreliminary ?? false;

    /// <summary>The cover last read and whether it showed the application's end, as one value.</summary>
    private sealed class Status(CoverDecision? latest, bool completed)
    {
        public static readonly Status Unknown = new(null, false);

        public CoverDecision? Latest { get; } = latest;

        public bool Completed { get; } = completed;

        /// <summary>The completed operation's cover; null while it waits.</summary>
        public CoverDecision? Value => Completed ? Latest : null;
    }

    /// <summary>
    /// Whether a cover read back still waits for an underwriter: referred, or a current cover decided only preliminarily
    /// (see <see cref="ShowsEnd"/>).
    /// </summary>
    internal static bool AwaitsFinalDecision(CoverDecision cover, DateTimeOffset now) =>
        cover.IsReferred || (IsPreliminary(cover) && !ShowsEnd(cover, CoverDate.FromDateTime(now.UtcDateTime)));
}
