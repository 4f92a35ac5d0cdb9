using System.Collections.Concurrent;
using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Persistence;
using Atradius.Cover.Sdk.Sandbox.Underwriting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>Which list a read asks for.</summary>
internal enum CoverList
{
    Portfolio,
    Decisions,
    Applications,
    Historic,
}

/// <summary>
/// All covers of one sandbox, behind a single lock: every operation is short (no I/O, no
/// serialization inside), so one lock stays fast and makes each change atomic. Scheduled events
/// (referral decisions, notices taking effect, expiries, rating changes) are applied lazily at the
/// start of every operation, once the clock has passed them, so no background timer exists.
/// </summary>
internal sealed partial class CoverStore
{
    private readonly object _gate = new();
    private readonly SandboxWorld _world;
    private readonly TimeProvider _clock;
    private readonly SandboxStatistics _statistics;
    private readonly TimeSpan _referralDelay;
    private readonly TimeSpan _noticePeriod;
    private readonly TimeSpan _conversionDelay;
    private readonly TimeSpan _cancellationDelay;

    // The pending process of an indication whose conversion was taken and is still to be made.
    private const string PendingConversion = "V";

    // The pending process of a cover whose cancellation was taken and is still to be made.
    private const string PendingCancellation = "C";

    // The pending processes of an insurer's notice still to take effect: a withdrawal, and a reduction ("future withdrawal").
    private const string PendingWithdrawal = "W";
    private const string PendingReduction = "F";
    private readonly SortedDictionary<long, CoverRecord> _current = [];
    private readonly List<CoverRecord> _historic = [];
    private readonly PriorityQueue<ScheduledEvent, DateTimeOffset> _due = new();
    private long _nextCoverId = SandboxFixtures.FirstGeneratedCoverId;
    private long _revision;
    private DateTimeOffset _lastStamp;

    public CoverStore(SandboxWorld world, TimeProvider clock, SandboxStatistics statistics, TimeSpan referralDelay, TimeSpan noticePeriod, TimeSpan conversionDelay = default, TimeSpan cancellationDelay = default)
    {
        _conversionDelay = conversionDelay;
        _cancellationDelay = cancellationDelay;
        _world = world;
        _clock = clock;
        _statistics = statistics;
        _referralDelay = referralDelay;
        _noticePeriod = noticePeriod;
        foreach (var buyer in world.Buyers)
        {
            Ratings[buyer.BuyerId] = new RatingState(buyer.Rating, null, null);
        }
    }

    /// <summary>Ratings are read while lists are written outside the lock, hence a concurrent map; only the store changes them.</summary>
    public ConcurrentDictionary<long, RatingState> Ratings { get; } = new();

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public WriteResult Submit(ApplicationRequest request)
    {
        lock (_gate)
        {
            ApplyDue();
            var policy = request.Policy;
            var existing = OnKey(policy.PolicyId, request.Buyer.BuyerId, request.CoverType);

            // A refused cover with an application on it waiting for an underwriter holds the key like any other application,
            // and so does a preliminary refusal (DC07): its final decision is still to come.
            if (existing.Any(c => c.HoldsKey))
            {
                return WriteResult.Fail(new ApiError(400, ApiError.AlreadyExists));
            }

            // A final refusal does not block a new application; it becomes history.
            foreach (var refused in existing)
            {
                ToHistoric(refused, "RCLA", Stamp());
            }

            var now = Stamp();
            var rating = RatingOf(request.Buyer.BuyerId);
            var cover = new CoverRecord
            {
                CoverId = _nextCoverId++,
                CustomerId = policy.CustomerId,
                PolicyId = policy.PolicyId,
                BuyerId = request.Buyer.BuyerId,
                BuyerName = request.Buyer.BuyerName,
                CoverType = request.CoverType,
                PolicyCurrencyCode = policy.CurrencyCode,
                ApplicationAmount = request.CoverType == CoverTypes.CreditCheck ? policy.CreditCheckAmount : request.Amount,
                ApplicationDate = now,
                EffectFromDate = request.EffectFromDate ?? Today,
                CustomerRefNumber = request.CustomerRefNumber,
            };
            _statistics.CountApplicationCreated();

            var amount = cover.ApplicationAmount!.Value;
            var outcome = request.CoverType switch
            {
                CoverTypes.CreditCheck => Underwriter.CreditCheck(rating, amount),
                CoverTypes.Indication => Underwriter.Indication(rating, amount),
                _ when Underwriter.IsInstant(rating, amount) => Underwriter.Decide(rating, amount, Today),
                _ => null,
            };

            if (outcome is not null)
            {
                Put(WithOutcome(cover, outcome, now), now);
                return new WriteResult(201, cover.CoverId, WriteResult.Successful);
            }

            Refer(cover with { CoverStatus = CoverStatuses.Referred }, now);
            return new WriteResult(202, cover.CoverId, WriteResult.Successful);
        }
    }

    public WriteResult Modify(ModificationRequest request)
    {
        lock (_gate)
        {
            ApplyDue();
            var policyId = request.Policy.PolicyId;
            var matches = OnKey(policyId, request.BuyerId, request.CoverType);
            if (matches.Count == 0)
            {
                return WriteResult.Fail(ApiError.NotFound("No cover found for this buyer and cover type.", "buyerId"));
            }

            // While an application on the key waits for an underwriter, the key names that application.
            var cover = matches.FirstOrDefault(c => c.IsReferred) ?? matches[0];
            if (cover.PendingProcessIndicator == PendingCancellation)
            {
                return WriteResult.Fail(ApiError.Bad("buyerId", "The cover is pending cancellation."));
            }

            return request.Action switch
            {
                "cancel" => Cancel(cover),
                "reduce" => Reduce(cover, request),
                _ => Supersede(cover, request),
            };
        }
    }

    /// <summary>Converts an indication named by its id alone, so whose it is decides whether the caller may see it.</summary>
    public (CoverRecord? Cover, ApiError? Error) Convert(Func<long, bool> mayActFor, long coverId)
    {
        lock (_gate)
        {
            ApplyDue();
            if (!_current.TryGetValue(coverId, out var cover) || !mayActFor(cover.CustomerId))
            {
                return (null, ApiError.NotFound("No cover found.", "coverId"));
            }

            if (cover.CoverType != CoverTypes.Indication)
            {
                return (null, ApiError.Bad("coverId", "Only an indication can be converted into a credit limit."));
            }

            if (cover.IsReferred || cover.DecidedAmount <= 0)
            {
                return (null, ApiError.Bad("coverId", "The indication has no positive decision to convert."));
            }

            if (cover.PendingProcessIndicator == PendingConversion)
            {
                return (null, ApiError.Bad("coverId", "The indication's conversion is already pending."));
            }

            // The cancellation was accepted: converted meanwhile, the credit limit would never end.
            if (cover.PendingProcessIndicator == PendingCancellation)
            {
                return (null, ApiError.Bad("coverId", "The cover is pending cancellation."));
            }

            // A conversion makes a credit limit, which only a live policy takes, as a new application or a supersede.
            if (_world.FindPolicy(cover.PolicyId) is not { } policy || !policy.IsLiveOn(Today))
            {
                return (null, ApiError.Bad("policyId", "The policy is not live."));
            }

            // As for a new application, only a credit limit that holds cover or waits for an underwriter (a preliminary
            // refusal included) blocks the key; a finally refused one becomes history.
            var creditLimits = OnKey(cover.PolicyId, cover.BuyerId, CoverTypes.CreditLimit);
            if (creditLimits.Any(c => c.HoldsKey))
            {
                return (null, new ApiError(400, ApiError.AlreadyExists));
            }

            var now = Stamp();
            if (_conversionDelay > TimeSpan.Zero && cover.PendingProcessIndicator is null)
            {
                // Taken, to be made later: the indication shows the conversion as its pending process meanwhile.
                var pending = Put(cover with { PendingProcessIndicator = PendingConversion, PendingProcessStatus = "Pending Indication Conversion" }, now);
                Schedule(new ScheduledEvent(ScheduledKind.Conversion, now + _conversionDelay, pending.CoverId, pending.Revision));
                return (pending, null);
            }

            return (ConvertNow(cover, now), null);
        }
    }

    /// <summary>
    /// Makes the credit limit, without underwriting: it holds the indication's own decision, its code included. A partly
    /// approved indication (DC04) is a partly approved credit limit, not a fully approved one (DC01), and one under an
    /// insurer's notice (DC21) still shows the notice. A refused credit limit on the key becomes history.
    /// </summary>
    private CoverRecord ConvertNow(CoverRecord indication, DateTimeOffset now)
    {
        foreach (var refused in OnKey(indication.PolicyId, indication.BuyerId, CoverTypes.CreditLimit))
        {
            ToHistoric(refused, "RCLA", now);
        }

        var cover = indication.PendingProcessIndicator == PendingConversion ? indication with { PendingProcessIndicator = null, PendingProcessStatus = null } : indication;
        return PutKeepingNotice(indication, cover with { CoverType = CoverTypes.CreditLimit, DecisionDate = now, Notes = "Converted from an indication." }, now);
    }

    /// <summary>
    /// A conversion whose time has come. What blocked a conversion when it was asked for (a policy no longer live, a
    /// credit limit that holds cover on the key) may have come since: the conversion is then not made, and the indication
    /// stays as it was before it was asked for.
    /// </summary>
    private void CompleteConversion(CoverRecord indication, DateTimeOffset now)
    {
        var blocked = _world.FindPolicy(indication.PolicyId) is not { } policy || !policy.IsLiveOn(Today)
            || OnKey(indication.PolicyId, indication.BuyerId, CoverTypes.CreditLimit).Any(c => c.HoldsKey);
        if (blocked)
        {
            Put(indication with { PendingProcessIndicator = null, PendingProcessStatus = null }, now);
            return;
        }

        ConvertNow(indication, now);
    }

    public List<CoverRecord> List(CoverList list, CoverFilter filter)
    {
        lock (_gate)
        {
            ApplyDue();
            IEnumerable<CoverRecord> source = list switch
            {
                CoverList.Historic => _historic,
                CoverList.Decisions => _current.Values.Where(c => !c.IsReferred),
                CoverList.Applications => _current.Values.Where(c => c.IsReferred),
                _ => _current.Values,
            };
            return source.Where(filter.Matches).ToList();
        }
    }

    /// <summary>The buyers a customer (or one of its policies) has or had cover on, in buyer id order.</summary>
    public List<long> BuyersOf(long customerId, string? policyId)
    {
        lock (_gate)
        {
            ApplyDue();
            return _current.Values.Concat(_historic)
                .Where(c => c.CustomerId == customerId && (policyId is null || c.PolicyId == policyId))
                .Select(c => c.BuyerId)
                .Distinct()
                .Order()
                .ToList();
        }
    }

    public CoverRecord NotifyReduction(long coverId, decimal newAmount) => Notify(coverId, ScheduledKind.Reduction, newAmount);

    public CoverRecord NotifyWithdrawal(long coverId) => Notify(coverId, ScheduledKind.Withdrawal, 0m);

    /// <summary>Applies what the clock has reached, for a read that does not go through the covers (a buyer's rating).</summary>
    public void CatchUp()
    {
        lock (_gate)
        {
            ApplyDue();
        }
    }

    public void ChangeRating(long buyerId, int rating)
    {
        lock (_gate)
        {
            ApplyDue();
            SetRating(buyerId, rating, Stamp());
        }
    }

    /// <summary>Has the underwriters take the next step on every waiting application now: decide a referral, or make a preliminary decision final.</summary>
    public int DecideAllReferred()
    {
        lock (_gate)
        {
            // Taken before the clock's due events: an application whose step came due meanwhile takes that step, and
            // not the one it schedules too (a preliminary decision and its final one in one call).
            var waiting = _due.UnorderedItems.Select(i => i.Element).Where(e => e.Kind is ScheduledKind.Referral or ScheduledKind.FinalDecision && IsStillDue(e)).ToList();
            ApplyDue();
            foreach (var item in waiting.OrderBy(e => e.CoverId))
            {
                if (IsStillDue(item))
                {
                    var now = Stamp();
                    Apply(item, now, now);
                }
            }

            return waiting.Count;
        }
    }

    /// <summary>Every cover version, current and historic, in cover id order.</summary>
    public List<CoverRecord> Snapshot()
    {
        lock (_gate)
        {
            ApplyDue();
            return _current.Values.Select(c => c).Concat(_historic).OrderBy(c => c.CoverId).ThenBy(c => c.HistoricCode is null).ToList();
        }
    }

    public PersistedState Export(int seed, int buyerCount, DateOnly worldDate, TimeSpan clockOffset)
    {
        lock (_gate)
        {
            ApplyDue();
            return new PersistedState
            {
                Seed = seed,
                WorldDate = worldDate,
                BuyerCount = buyerCount,
                ClockOffset = clockOffset,
                NextCoverId = _nextCoverId,
                Revision = _revision,
                LastStamp = _lastStamp,
                Current = [.. _current.Values],
                Historic = [.. _historic],
                Events = [.. _due.UnorderedItems.Select(i => i.Element).OrderBy(e => e.DueAt)],
                Ratings = [.. Ratings.OrderBy(r => r.Key).Select(r => new PersistedRating(r.Key, r.Value.Current, r.Value.Previous, r.Value.ChangedAt))],
            };
        }
    }

    public void Import(PersistedState persisted)
    {
        lock (_gate)
        {
            foreach (var cover in persisted.Current)
            {
                _current[cover.CoverId] = cover;
            }

            _historic.AddRange(persisted.Historic);
            foreach (var item in persisted.Events)
            {
                _due.Enqueue(item, item.DueAt);
            }

            foreach (var rating in persisted.Ratings)
            {
                Ratings[rating.BuyerId] = new RatingState(rating.Current, rating.Previous, rating.ChangedAt);
            }

            _nextCoverId = persisted.NextCoverId;
            _revision = persisted.Revision;
            _lastStamp = persisted.LastStamp;
        }
    }

    private WriteResult Supersede(CoverRecord cover, ModificationRequest request)
    {
        if (cover.IsReferred || cover.CoverType == CoverTypes.CreditCheck)
        {
            return WriteResult.Fail(new ApiError(400, ApiError.CannotSupersede));
        }

        if (request.Amount is not { } amount)
        {
            return WriteResult.Fail(ApiError.Amount());
        }

        var now = Stamp();
        if (amount == cover.DecidedAmount)
        {
            // The cover's own amount with a new reference: the sandbox's guess for "update the customer reference",
            // which no integration shows. It changes the reference in place, without underwriting. The cover's
            // amount is the one decided: on a partly approved or reduced cover, the amount once applied for is
            // more than the cover holds, so asking for it again is an increase to underwrite.
            if (request.CustomerRefNumber is { } reference && reference != cover.CustomerRefNumber)
            {
                PutKeepingNotice(cover, cover with { CustomerRefNumber = reference }, now);
            }

            return new WriteResult(201, cover.CoverId, WriteResult.Successful);
        }

        // Decided only preliminarily (DC06, DC07), the application still waits for its final decision, which a new
        // application under a new id would end unmade.
        if (cover.IsPending)
        {
            return WriteResult.Fail(new ApiError(400, ApiError.CannotSupersede));
        }

        if (cover.PendingProcessIndicator == PendingConversion)
        {
            return WriteResult.Fail(AmountChangePendingConversion());
        }

        var rating = RatingOf(cover.BuyerId);
        if (cover.CoverType == CoverTypes.CreditLimit && amount > cover.DecidedAmount && rating > Underwriter.PartialWorstRating)
        {
            // The increase is refused at once and the cover stays as it was: DC05, answered in a success body.
            PutKeepingNotice(cover, cover with { DecisionCode = "DC05", DecisionDate = now, Notes = "Increase refused; the current cover is unchanged." }, now);
            return new WriteResult(201, cover.CoverId, ApiError.ActionRefused);
        }

        // A supersede is a new cover version under a new cover id; the version it replaces becomes history (SCLD).
        var application = cover with
        {
            CoverId = _nextCoverId++,
            CoverStatus = CoverStatuses.Decision,
            DecisionCode = null,
            TotalDecision = null,
            FirstAmtDecision = null,
            SecondAmtDecision = null,
            DecisionDate = null,
            PendingProcessIndicator = null,
            PendingProcessStatus = null,
            WithdrawalDate = null,
            EffectiveToDate = null,
            Notes = null,
            ApplicationAmount = amount,
            ApplicationDate = now,
            EffectFromDate = Today,
            CustomerRefNumber = request.CustomerRefNumber ?? cover.CustomerRefNumber,
            Supersedes = cover.CoverId,
        };

        var instant = cover.CoverType == CoverTypes.Indication
            ? Underwriter.Indication(rating, amount)
            : Underwriter.IsInstant(rating, amount) ? Underwriter.Decide(rating, amount, Today) : null;
        if (instant is not null)
        {
            ToHistoric(cover, "SCLD", now);
            PutReplacement(cover, WithOutcome(application with { Supersedes = null }, instant, now), now);
            return new WriteResult(201, application.CoverId, WriteResult.Successful);
        }

        Refer(application with { CoverStatus = CoverStatuses.Referred }, now);
        return new WriteResult(202, application.CoverId, WriteResult.Successful);
    }

    // A new version of an indication pending conversion would drop the conversion already accepted.
    private static ApiError AmountChangePendingConversion() =>
        ApiError.Bad("creditLimitAmount", "The indication's conversion is pending; its amount cannot be changed meanwhile.");

    private WriteResult Reduce(CoverRecord cover, ModificationRequest request)
    {
        // A preliminary decision waits for its final one like a referred application: reduced under a new id, the
        // final decision would never come.
        if (cover.IsPending)
        {
            return WriteResult.Fail(new ApiError(400, ApiError.CannotSupersede));
        }

        if (cover.CoverType == CoverTypes.CreditCheck)
        {
            return WriteResult.Fail(ApiError.Bad("action", "A credit check has the amount its policy fixes and cannot be reduced."));
        }

        if (request.Amount is not { } amount)
        {
            return WriteResult.Fail(ApiError.Amount());
        }

        if (amount >= cover.DecidedAmount)
        {
            return WriteResult.Fail(ApiError.Bad("creditLimitAmount", "The reduced amount must be lower than the current decision amount."));
        }

        if (cover.PendingProcessIndicator == PendingConversion)
        {
            return WriteResult.Fail(AmountChangePendingConversion());
        }

        // Like a supersede, a reduction is a new version under a new cover id; the old one is amended history (ACLD).
        var now = Stamp();
        ToHistoric(cover, "ACLD", now);
        var reduced = cover with
        {
            CoverId = _nextCoverId++,
            DecisionCode = "DC10",
            ApplicationAmount = amount,
            ApplicationDate = now,
            TotalDecision = new DecisionRecord(amount, cover.TotalDecision?.ExpiryDate, cover.TotalDecision?.Conditions ?? []),
            FirstAmtDecision = null,
            SecondAmtDecision = null,
            DecisionDate = now,
            CustomerRefNumber = request.CustomerRefNumber ?? cover.CustomerRefNumber,
            Notes = "Reduced at the customer's request.",
        };
        PutReplacement(cover, reduced, now);
        return new WriteResult(201, reduced.CoverId, WriteResult.Successful);
    }

    /// <summary>
    /// Stores the version that replaces a cover under a new id (a supersede or a customer's reduction). An insurer's
    /// notice on the cover outlives the customer's change: a withdrawal still comes on the date notified, and a
    /// notified reduction still comes unless the new version is already at its amount or below.
    /// </summary>
    private CoverRecord PutReplacement(CoverRecord replaced, CoverRecord replacement, DateTimeOffset now)
    {
        var notice = PendingNotice(replaced);
        var noticeStands = notice is not null && replacement.DecidedAmount > 0
            && (notice.Kind == ScheduledKind.Withdrawal || notice.Amount < replacement.DecidedAmount);
        var stored = Put(replacement with
        {
            PendingProcessIndicator = noticeStands ? replaced.PendingProcessIndicator : null,
            PendingProcessStatus = noticeStands ? replaced.PendingProcessStatus : null,
            WithdrawalDate = noticeStands ? replaced.WithdrawalDate : null,
        }, now);
        if (noticeStands)
        {
            Schedule(notice! with { CoverId = stored.CoverId, Revision = stored.Revision });
        }

        return stored;
    }

    /// <summary>The insurer's reduction or withdrawal still to take effect on this version of a cover, if any.</summary>
    private ScheduledEvent? PendingNotice(CoverRecord cover) =>
        cover.PendingProcessIndicator is null
            ? null
            : _due.UnorderedItems.Select(i => i.Element).FirstOrDefault(e =>
                e.Kind is ScheduledKind.Reduction or ScheduledKind.Withdrawal && e.CoverId == cover.CoverId && e.Revision == cover.Revision);

    private WriteResult Cancel(CoverRecord cover)
    {
        var code = cover.IsReferred ? "CCLA" : cover.CoverType == CoverTypes.Indication ? "CIND" : "CCLD";
        var now = Stamp();
        if (_cancellationDelay > TimeSpan.Zero && !cover.IsReferred && cover.PendingProcessIndicator is null)
        {
            // Taken, to be made later: the cover stays in the portfolio under the pending process meanwhile.
            var pending = Put(cover with { PendingProcessIndicator = PendingCancellation, PendingProcessStatus = "Pending Cancellation" }, now);
            Schedule(new ScheduledEvent(ScheduledKind.Cancellation, now + _cancellationDelay, pending.CoverId, pending.Revision));
            return new WriteResult(201, cover.CoverId, WriteResult.Successful);
        }

        // The cover ends today: an insurer's reduction or withdrawal notified on it will not come, so neither its
        // pending process nor the date it would have taken effect stays on the ended cover.
        ToHistoric(cover with { EffectiveToDate = Today, PendingProcessIndicator = null, PendingProcessStatus = null, WithdrawalDate = null }, code, now);
        return new WriteResult(201, cover.CoverId, WriteResult.Successful);
    }

    private CoverRecord Notify(long coverId, ScheduledKind kind, decimal newAmount)
    {
        lock (_gate)
        {
            ApplyDue();
            if (!_current.TryGetValue(coverId, out var cover))
            {
                throw new ArgumentOutOfRangeException(nameof(coverId), coverId, $"Cover {coverId} is not a current cover.");
            }

            if (cover.IsReferred || cover.DecidedAmount <= 0)
            {
                throw new InvalidOperationException($"Cover {coverId} has no positive decision to reduce or withdraw.");
            }

            // A notice would replace the preliminary decision, and the final one the customer waits for would never come.
            if (cover.IsPending)
            {
                throw new InvalidOperationException($"Cover {coverId} has a preliminary decision ({cover.DecisionCode}); notify it once its final decision is made.");
            }

            // The customer's accepted cancellation or conversion is still to come: a notice would replace its pending
            // process, and the cover would never end or convert.
            if (cover.PendingProcessIndicator is PendingCancellation or PendingConversion)
            {
                throw new InvalidOperationException($"Cover {coverId} is pending {(cover.PendingProcessIndicator == PendingCancellation ? "cancellation" : "conversion")}; notify it once that is done.");
            }

            // One notice at a time: a second one would replace the first, which would then never take effect.
            if (cover.PendingProcessIndicator is PendingWithdrawal or PendingReduction)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Cover {coverId} is already under an insurer's notice ({cover.PendingProcessStatus}, on {cover.WithdrawalDate:yyyy-MM-dd}); notify it again once that has taken effect."));
            }

            if (kind == ScheduledKind.Reduction && (newAmount <= 0 || newAmount >= cover.DecidedAmount || newAmount % 1000 != 0))
            {
                throw new ArgumentOutOfRangeException(nameof(newAmount), newAmount, $"The new amount must be a positive multiple of 1000 below {cover.DecidedAmount.ToString(CultureInfo.InvariantCulture)}.");
            }

            var now = Stamp();
            var due = now + _noticePeriod;
            var date = DateOnly.FromDateTime(due.UtcDateTime);
            var notice = Put(cover with
            {
                DecisionCode = "DC21",
                // The contract's codes name no reduction: F, "future withdrawal scheduled", is the notice of an insurer's
                // act on a later date (a reduction withdraws part of the cover), and its text is the contract's.
                PendingProcessIndicator = kind == ScheduledKind.Reduction ? PendingReduction : PendingWithdrawal,
                PendingProcessStatus = kind == ScheduledKind.Reduction ? "Future Withdrawal Scheduled" : "Pending Withdrawal",
                WithdrawalDate = date,
                DecisionDate = now,
                // The note names the date as withdrawalDate writes it, whatever the host's calendar and culture.
                Notes = kind == ScheduledKind.Reduction
                    ? string.Create(CultureInfo.InvariantCulture, $"Cover will be reduced to {newAmount} {cover.PolicyCurrencyCode} on {date:yyyy-MM-dd}.")
                    : string.Create(CultureInfo.InvariantCulture, $"Cover will be withdrawn on {date:yyyy-MM-dd}."),
            }, now);
            Schedule(new ScheduledEvent(kind, due, coverId, notice.Revision, newAmount));

            // The insurer acts because the buyer's risk grew: its rating worsens, which my-buyers shows.
            SetRating(cover.BuyerId, Math.Min(100, RatingOf(cover.BuyerId) + 15), now);
            return notice;
        }
    }

    private void ApplyDue()
    {
        var now = _clock.GetUtcNow();
        while (_due.TryPeek(out var item, out var due) && due <= now)
        {
            _due.Dequeue();
            if (IsStillDue(item))
            {
                // What an event schedules counts from when it was due, not from when a request came to apply it: a
                // clock moved a day on finds a preliminary decision's final one due as well, and applies it in this loop.
                Apply(item, Stamp(), due);
            }
        }
    }

    private bool IsStillDue(ScheduledEvent item) =>
        item.Kind == ScheduledKind.RatingChange || (_current.TryGetValue(item.CoverId, out var cover) && cover.Revision == item.Revision);

    private void Apply(ScheduledEvent item, DateTimeOffset now, DateTimeOffset due)
    {
        if (item.Kind == ScheduledKind.RatingChange)
        {
            SetRating(item.BuyerId, item.Rating, now);
            return;
        }

        var cover = _current[item.CoverId];
        switch (item.Kind)
        {
            case ScheduledKind.Referral:
                DecideReferral(cover, now, due);
                break;
            case ScheduledKind.FinalDecision:
                Put(WithOutcome(cover, Underwriter.Decide(RatingOf(cover.BuyerId), cover.ApplicationAmount ?? 0m, Today), now), now);
                break;
            case ScheduledKind.Reduction:
                ToHistoric(cover, "ACLD", now, keepCurrent: true);
                Put(cover with
                {
                    DecisionCode = "DC09",
                    PendingProcessIndicator = null,
                    PendingProcessStatus = null,
                    TotalDecision = cover.TotalDecision! with { Amount = item.Amount },
                    FirstAmtDecision = null,
                    SecondAmtDecision = null,
                    DecisionDate = now,
                    Notes = $"Cover reduced by the insurer to {item.Amount.ToString(CultureInfo.InvariantCulture)} {cover.PolicyCurrencyCode}.",
                }, now);
                break;
            case ScheduledKind.Withdrawal:
                ToHistoric(cover with
                {
                    DecisionCode = "DC08",
                    PendingProcessIndicator = null,
                    PendingProcessStatus = null,
                    TotalDecision = cover.TotalDecision! with { Amount = 0m },
                    FirstAmtDecision = null,
                    SecondAmtDecision = null,
                    DecisionDate = now,
                    EffectiveToDate = cover.WithdrawalDate,
                    Notes = "Cover withdrawn by the insurer.",
                }, "WCLD", now);
                RejectWaitingIncreases(cover.CoverId, now);
                break;
            case ScheduledKind.Expiry:
                Expire(cover, now);
                break;
            case ScheduledKind.Conversion:
                CompleteConversion(cover, now);
                break;
            case ScheduledKind.Cancellation:
                ToHistoric(cover with { EffectiveToDate = Today, PendingProcessIndicator = null, PendingProcessStatus = null }, cover.CoverType == CoverTypes.Indication ? "CIND" : "CCLD", now);
                break;
        }
    }

    /// <summary>
    /// An increase still waiting on a cover the insurer withdrew is rejected: decided before the withdrawal, the
    /// notice would have come to it too, so the buyer ends without cover whichever happens first.
    /// </summary>
    private void RejectWaitingIncreases(long withdrawnCoverId, DateTimeOffset now)
    {
        foreach (var application in _current.Values.Where(c => c.IsReferred && c.Supersedes == withdrawnCoverId).ToList())
        {
            ToHistoric(application with
            {
                CoverStatus = CoverStatuses.Decision,
                DecisionCode = "DC03",
                TotalDecision = new DecisionRecord(0m, null, []),
                DecisionDate = now,
                Notes = "Refused: the cover was withdrawn by the insurer.",
            }, "RCLA", now);
        }
    }

    private void DecideReferral(CoverRecord cover, DateTimeOffset now, DateTimeOffset due)
    {
        var rating = RatingOf(cover.BuyerId);
        var amount = cover.ApplicationAmount ?? 0m;
        if (cover.Supersedes is { } previousId && _current.TryGetValue(previousId, out var previous))
        {
            var outcome = Underwriter.Decide(rating, amount, Today);
            // An increase granted no higher than the cover already stands is refused; a supersede to a lower amount,
            // which the underwriter decides like any other, replaces the cover unless it is refused outright.
            var isIncrease = amount > previous.DecidedAmount;
            if (outcome.IsRefusal || (isIncrease && outcome.Total.Amount <= previous.DecidedAmount))
            {
                // A refused increase leaves the cover as it was (DC05); the application is rejected history.
                ToHistoric(cover with { CoverStatus = CoverStatuses.Decision, DecisionCode = "DC05", DecisionDate = now }, "RCLA", now);
                PutKeepingNotice(previous, previous with { DecisionCode = "DC05", DecisionDate = now, Notes = "Increase refused; the current cover is unchanged." }, now);
                return;
            }

            ToHistoric(previous, "SCLD", now);
            PutReplacement(previous, WithOutcome(cover with { Supersedes = null }, outcome, now), now);
            return;
        }

        if (Underwriter.NeedsPreliminary(rating, amount))
        {
            var preliminary = Put(WithOutcome(cover, Underwriter.Preliminary(rating, amount), now), now);
            Schedule(new ScheduledEvent(ScheduledKind.FinalDecision, due + _referralDelay, preliminary.CoverId, preliminary.Revision));
            return;
        }

        Put(WithOutcome(cover with { Supersedes = null }, Underwriter.Decide(rating, amount, Today), now), now);
    }

    private void Expire(CoverRecord cover, DateTimeOffset now)
    {
        if (cover.SecondAmtDecision is not null && cover.FirstAmtDecision is { } first)
        {
            // The second amount ran out: the cover falls back to the first (DC22).
            ToHistoric(cover, "ACLD", now, keepCurrent: true);
            Put(cover with
            {
                DecisionCode = "DC22",
                TotalDecision = first,
                SecondAmtDecision = null,
                DecisionDate = now,
                Notes = "Second amount expired.",
            }, now);
            return;
        }

        // A decision with an expiry date is re-issued for another year (DC11).
        ToHistoric(cover, "ICLD", now, keepCurrent: true);
        var expiry = Today.AddYears(1);
        Put(cover with
        {
            DecisionCode = "DC11",
            TotalDecision = cover.TotalDecision! with { ExpiryDate = expiry },
            FirstAmtDecision = cover.FirstAmtDecision is { } f ? f with { ExpiryDate = expiry } : null,
            DecisionDate = now,
            EffectiveToDate = null,
            Notes = "Limit re-issued.",
        }, now);
    }

    private static CoverRecord WithOutcome(CoverRecord cover, UnderwritingOutcome outcome, DateTimeOffset now) => cover with
    {
        CoverStatus = CoverStatuses.Decision,
        DecisionCode = outcome.DecisionCode,
        TotalDecision = outcome.Total,
        FirstAmtDecision = outcome.First,
        SecondAmtDecision = outcome.Second,
        DecisionDate = now,
        Notes = outcome.Notes,
    };

    private void Refer(CoverRecord cover, DateTimeOffset now)
    {
        var referred = Put(cover, now);
        Schedule(new ScheduledEvent(ScheduledKind.Referral, now + _referralDelay, referred.CoverId, referred.Revision));
    }

    /// <summary>Stores a cover as current and schedules its expiry when its decision has one.</summary>
    private CoverRecord Put(CoverRecord cover, DateTimeOffset now)
    {
        var stored = cover with { ChangedAt = now, Revision = ++_revision };
        _current[stored.CoverId] = stored;
        var expiry = stored.SecondAmtDecision?.ExpiryDate ?? stored.TotalDecision?.ExpiryDate;
        if (!stored.IsReferred && expiry is { } date && stored.DecidedAmount > 0 && stored.PendingProcessIndicator is null && stored.DecisionCode is not ("DC21" or "DC06" or "DC07"))
        {
            // In force through its expiry date, as a policy is through its own: it ends as the next day begins (UTC).
            Schedule(new ScheduledEvent(ScheduledKind.Expiry, new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), stored.CoverId, stored.Revision));
        }

        return stored;
    }

    /// <summary>
    /// Stores a change that keeps the cover's id (a new reference, a refused increase, a conversion). What was
    /// still to come on the cover still comes: an insurer's reduction or withdrawal on its date (the cover keeps
    /// showing it as pending), the final decision that follows a preliminary one, and a conversion or cancellation
    /// accepted and not yet made.
    /// </summary>
    private CoverRecord PutKeepingNotice(CoverRecord cover, CoverRecord changed, DateTimeOffset now)
    {
        var pending = _due.UnorderedItems.Select(i => i.Element)
            .Where(e => e.Kind is ScheduledKind.Reduction or ScheduledKind.Withdrawal or ScheduledKind.FinalDecision or ScheduledKind.Conversion or ScheduledKind.Cancellation
                && e.CoverId == cover.CoverId && e.Revision == cover.Revision)
            .ToList();
        var stored = Put(changed, now);
        foreach (var item in pending)
        {
            Schedule(item with { Revision = stored.Revision });
        }

        return stored;
    }

    /// <summary>Moves a cover version to the historic list; <paramref name="keepCurrent"/> when a newer version under the same id follows.</summary>
    private void ToHistoric(CoverRecord cover, string historicCode, DateTimeOffset now, bool keepCurrent = false)
    {
        if (!keepCurrent)
        {
            _current.Remove(cover.CoverId);
        }

        _historic.Add(cover with { HistoricCode = historicCode, ChangedAt = now, Revision = ++_revision, Supersedes = null });
    }

    /// <summary>The current covers on one key: a policy, a buyer and a cover type.</summary>
    private List<CoverRecord> OnKey(string policyId, long buyerId, string coverType) =>
        _current.Values.Where(c => c.PolicyId == policyId && c.BuyerId == buyerId && c.CoverType == coverType).ToList();

    private int RatingOf(long buyerId) => Ratings.TryGetValue(buyerId, out var rating) ? rating.Current : 50;

    private void SetRating(long buyerId, int rating, DateTimeOffset now)
    {
        var current = RatingOf(buyerId);
        if (current != rating)
        {
            Ratings[buyerId] = new RatingState(Math.Clamp(rating, 1, 100), current, now);
        }
    }

    private void Schedule(ScheduledEvent item) => _due.Enqueue(item, item.DueAt);

    /// <summary>A change time strictly after every earlier one, so <c>fromDate</c> never misses a change.</summary>
    private DateTimeOffset Stamp()
    {
        var now = _clock.GetUtcNow();
        _lastStamp = now > _lastStamp ? now : _lastStamp.AddTicks(1);
        return _lastStamp;
    }
}
