using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Underwriting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>
/// All covers of one sandbox, behind a single lock: every operation is short (no I/O, no
/// serialization inside), so one lock stays fast and makes each change atomic. Scheduled events
/// (referral decisions, notices taking effect) are applied lazily at the start of every operation,
/// once the clock has passed them, so no background timer exists.
/// </summary>
internal sealed class CoverStore
{
    private readonly Lock _gate = new();
    private readonly SandboxWorld _world;
    private readonly TimeProvider _clock;
    private readonly SandboxStatistics _statistics;
    private readonly TimeSpan _referralDelay;
    private readonly TimeSpan _noticePeriod;

    // Covers in id order; ids only grow, so a binary search finds where a cursor resumes.
    private readonly List<CoverState> _ordered = [];
    private readonly Dictionary<long, CoverState> _byId = [];
    private readonly Dictionary<(string PolicyId, long BuyerId), long> _byPolicyBuyer = [];

    // (updatedAt, coverId) of every cover: the order of the decisions feed.
    private readonly SortedSet<(DateTimeOffset UpdatedAt, long CoverId)> _changes = [];
    private readonly SortedSet<long> _referred = [];
    private readonly List<CoverDto> _historic = [];
    private readonly PriorityQueue<long, DateTimeOffset> _due = new();
    private long _nextCoverId = SandboxFixtures.FirstGeneratedCoverId;
    private DateTimeOffset _lastStamp;

    public CoverStore(SandboxWorld world, TimeProvider clock, SandboxStatistics statistics, TimeSpan referralDelay, TimeSpan noticePeriod)
    {
        _world = world;
        _clock = clock;
        _statistics = statistics;
        _referralDelay = referralDelay;
        _noticePeriod = noticePeriod;
    }

    public TimeSpan ReferralDelay => _referralDelay;

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public static bool IsLive(CoverDto cover) => cover.HistoricCode is null && cover.DecisionCode != "DC03";

    public StoreResult Submit(ApplicationRequest request)
    {
        lock (_gate)
        {
            ApplyDue();
            var key = (request.Policy.PolicyId, request.Buyer.BuyerId);
            if (_byPolicyBuyer.TryGetValue(key, out var existingId) && IsLive(_byId[existingId].Current))
            {
                return StoreResult.Fail(new ApiError(
                    409,
                    "COVER_EXISTS",
                    $"Buyer {request.Buyer.BuyerId} already has cover {existingId} under policy {request.Policy.PolicyId}; modify that cover instead.",
                    Pointer: "/buyerId",
                    Meta: new() { ["existingCoverId"] = existingId }));
            }

            var now = Stamp();
            var currency = request.Policy.CurrencyCode;
            var cover = new CoverDto
            {
                CoverId = _nextCoverId++,
                CustomerId = request.Policy.CustomerId,
                PolicyId = request.Policy.PolicyId,
                BuyerId = request.Buyer.BuyerId,
                BuyerName = request.Buyer.BuyerName,
                CoverType = request.CoverType,
                CreditLimitApplicationAmount = request.Amount,
                CurrencyCode = currency,
                ApplicationDate = now,
                EffectFromDate = request.EffectFromDate ?? DateOnly.FromDateTime(now.UtcDateTime),
                CustomerRefNumber = request.CustomerRefNumber,
            };

            UnderwritingOutcome? outcome = null;
            if (request.CoverType == CoverTypes.CreditCheck)
            {
                outcome = Underwriter.CreditCheck(request.Buyer.Rating, request.Policy.CreditCheckAmount, currency);
            }
            else if (Underwriter.IsInstant(request.Buyer.Rating, request.Amount!.Value))
            {
                outcome = Underwriter.Decide(request.Buyer.Rating, request.Amount.Value, currency, DateOnly.FromDateTime(now.UtcDateTime));
            }

            var state = new CoverState { Current = cover };
            _statistics.CountApplicationCreated();
            if (outcome is not null)
            {
                Insert(state, WithOutcome(cover, outcome, now), now, HistoryEvents.Decided);
                _byPolicyBuyer[key] = cover.CoverId;
                return new StoreResult(201, state.Current);
            }

            Insert(state, cover with { CoverStatus = CoverStatuses.Referred }, now, HistoryEvents.ApplicationSubmitted);
            _byPolicyBuyer[key] = cover.CoverId;
            Schedule(state, PendingKind.Referral, now + _referralDelay);
            return new StoreResult(202, state.Current, RetryAfterSeconds: RetryAfter(state, now));
        }
    }

    public StoreResult Get(long coverId)
    {
        lock (_gate)
        {
            ApplyDue();
            if (!_byId.TryGetValue(coverId, out var state))
            {
                return StoreResult.Fail(CoverNotFound(coverId));
            }

            var retryAfter = state.Current.CoverStatus == CoverStatuses.Referred && state.Current.HistoricCode is null
                ? RetryAfter(state, _clock.GetUtcNow())
                : (int?)null;
            return new StoreResult(200, state.Current, RetryAfterSeconds: retryAfter);
        }
    }

    public StoreResult Modify(long coverId, ModificationRequest request, string? ifMatch)
    {
        lock (_gate)
        {
            if (FindChangeable(coverId, ifMatch, "changed", out var state) is { } refused)
            {
                return refused;
            }

            return request.Action switch
            {
                "supersede" => Supersede(state, request),
                "reduce" => Reduce(state, request),
                "cancel" => Cancel(state),
                _ => UpdateReference(state, request),
            };
        }
    }

    /// <summary>
    /// Finds a cover that may still change: it exists, matches <c>If-Match</c> and is not historic.
    /// Returns the refusal to answer otherwise. Call under the lock.
    /// </summary>
    private StoreResult? FindChangeable(long coverId, string? ifMatch, string verb, out CoverState state)
    {
        ApplyDue();
        if (!_byId.TryGetValue(coverId, out state!))
        {
            return StoreResult.Fail(CoverNotFound(coverId));
        }

        var cover = state.Current;
        if (PreconditionFailed(cover, ifMatch) is { } failed)
        {
            return failed;
        }

        return cover.HistoricCode is null
            ? null
            : StoreResult.Fail(new ApiError(409, "COVER_NOT_CURRENT", $"Cover {coverId} is historic ({cover.HistoricCode}) and can no longer be {verb}.", Parameter: "coverId"));
    }

    public StoreResult Convert(long coverId, string? ifMatch)
    {
        lock (_gate)
        {
            if (FindChangeable(coverId, ifMatch, "converted", out var state) is { } refused)
            {
                return refused;
            }

            var cover = state.Current;
            if (cover.CoverType != CoverTypes.Indication)
            {
                return StoreResult.Fail(new ApiError(409, "NOT_AN_INDICATION", $"Cover {coverId} is a {cover.CoverType}, not an indication.", Parameter: "coverId"));
            }

            if (cover.CoverStatus != CoverStatuses.Decision || cover.TotalDecision is not { DecisionAmount: > 0 })
            {
                return StoreResult.Fail(new ApiError(409, "INDICATION_NOT_DECIDED", $"Indication {coverId} has no positive decision to convert.", Parameter: "coverId"));
            }

            var now = Stamp();
            Commit(state, cover with { CoverType = CoverTypes.CreditLimit }, now, HistoryEvents.Converted);
            return new StoreResult(200, state.Current);
        }
    }

    public (IReadOnlyList<HistoryEntryDto> Items, bool More)? History(long coverId, int afterVersion, int pageSize)
    {
        lock (_gate)
        {
            ApplyDue();
            if (!_byId.TryGetValue(coverId, out var state))
            {
                return null;
            }

            var items = state.History.Where(h => h.Version > afterVersion).Take(pageSize + 1).ToList();
            var more = items.Count > pageSize;
            return (more ? items[..pageSize] : items, more);
        }
    }

    public (List<CoverDto> Items, bool More) ListPortfolio(CoverFilter filter, long? afterCoverId, int pageSize) =>
        ScanById(filter, afterCoverId, pageSize, c => c.HistoricCode is null);

    public (List<CoverDto> Items, bool More) ListApplications(CoverFilter filter, long? afterCoverId, int pageSize)
    {
        lock (_gate)
        {
            ApplyDue();
            var items = new List<CoverDto>(Math.Min(pageSize + 1, 1024));
            var view = afterCoverId is { } after ? _referred.GetViewBetween(after + 1, long.MaxValue) : _referred;
            foreach (var id in view)
            {
                var cover = _byId[id].Current;
                if (filter.Matches(cover) && items.Count <= pageSize)
                {
                    items.Add(cover);
                    if (items.Count > pageSize)
                    {
                        break;
                    }
                }
            }

            return Trim(items, pageSize);
        }
    }

    public (List<CoverDto> Items, bool More) ListDecisions(CoverFilter filter, (DateTimeOffset UpdatedAt, long CoverId)? after, int pageSize)
    {
        lock (_gate)
        {
            ApplyDue();
            var lower = (DateTimeOffset.MinValue, long.MinValue);
            if (filter.UpdatedSince is { } since)
            {
                lower = (since, long.MinValue);
            }

            if (after is { } a && (a.UpdatedAt, a.CoverId + 1).CompareTo(lower) > 0)
            {
                lower = (a.UpdatedAt, a.CoverId + 1);
            }

            var items = new List<CoverDto>(Math.Min(pageSize + 1, 1024));
            if (_changes.Count == 0 || lower.CompareTo(_changes.Max) > 0)
            {
                return (items, false);
            }

            foreach (var (_, coverId) in _changes.GetViewBetween(lower, _changes.Max))
            {
                var cover = _byId[coverId].Current;
                if (cover.TotalDecision is not null && filter.Matches(cover))
                {
                    items.Add(cover);
                    if (items.Count > pageSize)
                    {
                        break;
                    }
                }
            }

            return Trim(items, pageSize);
        }
    }

    public (List<CoverDto> Items, long LastIndex, bool More) ListHistoric(CoverFilter filter, long? beforeIndex, int pageSize)
    {
        lock (_gate)
        {
            ApplyDue();
            var items = new List<CoverDto>(Math.Min(pageSize, 1024));
            var start = beforeIndex is { } b ? (int)Math.Min(b, _historic.Count) - 1 : _historic.Count - 1;
            long last = -1;
            for (var i = start; i >= 0; i--)
            {
                if (!filter.Matches(_historic[i]))
                {
                    continue;
                }

                if (items.Count == pageSize)
                {
                    return (items, last, true);
                }

                items.Add(_historic[i]);
                last = i;
            }

            return (items, last, false);
        }
    }

    public StoreResult NotifyReduction(long coverId, decimal newAmount) => Notify(coverId, PendingKind.Reduction, newAmount);

    public StoreResult NotifyWithdrawal(long coverId) => Notify(coverId, PendingKind.Withdrawal, 0m);

    public int DecideAllReferred()
    {
        lock (_gate)
        {
            ApplyDue();
            var ids = _referred.ToList();
            foreach (var id in ids)
            {
                var state = _byId[id];
                if (state.Pending == PendingKind.Referral)
                {
                    DecideReferral(state, Stamp());
                }
            }

            return ids.Count;
        }
    }

    public List<CoverDto> Snapshot()
    {
        lock (_gate)
        {
            ApplyDue();
            return _ordered.Select(s => s.Current).ToList();
        }
    }

    /// <summary>Seeds the fixture covers and <paramref name="generatedCount"/> generated ones, dated in the recent past.</summary>
    public void Seed(int generatedCount)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-30);
            var step = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, TimeSpan.FromDays(20).Ticks / Math.Max(1, generatedCount + 16)));
            var t = start;
            DateTimeOffset Next() => t = t + step;
            var euro = _world.FindPolicy(SandboxFixtures.EuroPolicyId)!;

            SeedDecided(SandboxFixtures.ExistingCreditLimitCoverId, euro, SandboxFixtures.ExistingCoverBuyerId, CoverTypes.CreditLimit, 75_000m, Next(), "ERP-000101");
            SeedDecided(SandboxFixtures.ConvertibleIndicationCoverId, euro, SandboxFixtures.IndicationBuyerId, CoverTypes.Indication, 30_000m, Next(), "ERP-000102");

            var superseded = SeedDecided(SandboxFixtures.SupersededCreditLimitCoverId, euro, SandboxFixtures.SupersededCoverBuyerId, CoverTypes.CreditLimit, 40_000m, Next(), "ERP-000103");
            var raisedAt = Next();
            _historic.Add(superseded.Current with { HistoricCode = "SCLD", UpdatedAt = raisedAt });
            Commit(superseded, WithOutcome(superseded.Current with { CreditLimitApplicationAmount = 80_000m, ApplicationDate = raisedAt }, Underwriter.Decide(25, 80_000m, "EUR", DateOnly.FromDateTime(raisedAt.UtcDateTime)), raisedAt), raisedAt, HistoryEvents.Superseded);

            var cancelled = SeedDecided(SandboxFixtures.CancelledCreditLimitCoverId, euro, SandboxFixtures.CancelledCoverBuyerId, CoverTypes.CreditLimit, 50_000m, Next(), "ERP-000104");
            var cancelledAt = Next();
            Commit(cancelled, cancelled.Current with { HistoricCode = "CCLD" }, cancelledAt, HistoryEvents.Cancelled);
            _historic.Add(cancelled.Current);

            SeedDecided(SandboxFixtures.DeterioratedBuyerCoverId, euro, SandboxFixtures.DeterioratedBuyerId, CoverTypes.CreditLimit, 60_000m, Next(), "ERP-000105");

            var pendingAt = Next();
            var pending = new CoverState { Current = NewCover(SandboxFixtures.PendingApplicationCoverId, euro, _world.FindBuyer(SandboxFixtures.PendingApplicationBuyerId)!, CoverTypes.CreditLimit, 250_000m, pendingAt, "ERP-000106") };
            Insert(pending, pending.Current with { CoverStatus = CoverStatuses.Referred }, pendingAt, HistoryEvents.ApplicationSubmitted);
            _byPolicyBuyer[(euro.PolicyId, SandboxFixtures.PendingApplicationBuyerId)] = SandboxFixtures.PendingApplicationCoverId;
            Schedule(pending, PendingKind.Referral, now + TimeSpan.FromDays(1));

            var fixtureIds = new HashSet<long>([
                SandboxFixtures.DeterioratedBuyerId, SandboxFixtures.PendingApplicationBuyerId,
                SandboxFixtures.WellRatedDutchBuyerId, SandboxFixtures.VeryGoodBritishBuyerId, SandboxFixtures.SatisfactoryGermanBuyerId,
                SandboxFixtures.FairSpanishBuyerId, SandboxFixtures.WeakSwedishBuyerId, SandboxFixtures.IndicationBuyerId,
                SandboxFixtures.ExistingCoverBuyerId, SandboxFixtures.SupersededCoverBuyerId, SandboxFixtures.CancelledCoverBuyerId,
            ]);
            var buyers = _world.Buyers.Where(b => !fixtureIds.Contains(b.BuyerId)).ToList();
            var random = new Random(_world.Seed);
            var count = Math.Min(generatedCount, buyers.Count * _world.Policies.Count);
            _nextCoverId = SandboxFixtures.FirstGeneratedCoverId;
            for (var i = 0; i < count; i++)
            {
                var buyer = buyers[i % buyers.Count];
                var policy = _world.Policies[i / buyers.Count % _world.Policies.Count];
                var type = i % 10 == 9 ? CoverTypes.CreditCheck : i % 15 == 14 ? CoverTypes.Indication : CoverTypes.CreditLimit;
                var amount = type == CoverTypes.CreditCheck ? (decimal?)null : random.Next(1, 41) * 5000m;
                var at = Next();
                var cover = NewCover(_nextCoverId++, policy, buyer, type, amount, at, $"ERP-{i + 1:D6}");
                var outcome = type == CoverTypes.CreditCheck
                    ? Underwriter.CreditCheck(buyer.Rating, policy.CreditCheckAmount, policy.CurrencyCode)
                    : Underwriter.Decide(buyer.Rating, amount!.Value, policy.CurrencyCode, DateOnly.FromDateTime(at.UtcDateTime));
                var state = new CoverState { Current = cover };
                Insert(state, WithOutcome(cover, outcome, at), at, HistoryEvents.Decided);
                _byPolicyBuyer[(policy.PolicyId, buyer.BuyerId)] = cover.CoverId;
            }

            _lastStamp = t;
        }
    }

    internal Persistence.PersistedState Export(int seed, int buyerCount)
    {
        lock (_gate)
        {
            ApplyDue();
            return new Persistence.PersistedState
            {
                Seed = seed,
                BuyerCount = buyerCount,
                NextCoverId = _nextCoverId,
                LastStamp = _lastStamp,
                Covers = _ordered.Select(s => new Persistence.PersistedCover
                {
                    Cover = s.Current,
                    History = s.History,
                    Pending = s.Pending,
                    DueAt = s.DueAt,
                    PendingAmount = s.PendingAmount,
                    SupersededFrom = s.SupersededFrom,
                }).ToList(),
                Historic = _historic.ToList(),
            };
        }
    }

    internal void Import(Persistence.PersistedState persisted)
    {
        lock (_gate)
        {
            foreach (var item in persisted.Covers.OrderBy(c => c.Cover.CoverId))
            {
                var state = new CoverState
                {
                    Current = item.Cover,
                    History = item.History,
                    PendingAmount = item.PendingAmount,
                    SupersededFrom = item.SupersededFrom,
                };
                Index(state);
                _byPolicyBuyer[(state.Current.PolicyId, state.Current.BuyerId)] = state.Current.CoverId;
                if (item.Pending != PendingKind.None)
                {
                    Schedule(state, item.Pending, item.DueAt);
                }
            }

            _historic.AddRange(persisted.Historic);
            _nextCoverId = persisted.NextCoverId;
            _lastStamp = persisted.LastStamp;
        }
    }

    private StoreResult Supersede(CoverState state, ModificationRequest request)
    {
        var cover = state.Current;
        if (Unchangeable(cover, "supersede") is { } refused)
        {
            return refused;
        }

        if (CheckAmount(cover, request) is { } invalid)
        {
            return invalid;
        }

        var buyer = _world.FindBuyer(cover.BuyerId)!;
        var amount = request.Amount!.Value;
        var now = Stamp();
        var applied = cover with
        {
            CreditLimitApplicationAmount = amount,
            ApplicationDate = now,
            EffectFromDate = request.EffectFromDate ?? DateOnly.FromDateTime(now.UtcDateTime),
        };

        if (Underwriter.IsInstant(buyer.Rating, amount))
        {
            _historic.Add(cover with { HistoricCode = "SCLD", UpdatedAt = now });
            ClearPending(state);
            var decided = WithOutcome(applied, Underwriter.Decide(buyer.Rating, amount, cover.CurrencyCode!, DateOnly.FromDateTime(now.UtcDateTime)), now)
                with { PendingProcessIndicator = null, WithdrawalDate = null };
            Commit(state, decided, now, HistoryEvents.Superseded);
            return new StoreResult(200, state.Current);
        }

        ClearPending(state);
        state.SupersededFrom = cover;
        Commit(state, applied with { CoverStatus = CoverStatuses.Referred }, now, HistoryEvents.Superseded);
        Schedule(state, PendingKind.Referral, now + _referralDelay);
        return new StoreResult(202, state.Current, RetryAfterSeconds: RetryAfter(state, now));
    }

    private StoreResult Reduce(CoverState state, ModificationRequest request)
    {
        var cover = state.Current;
        if (Unchangeable(cover, "reduce") is { } refused)
        {
            return refused;
        }

        if (CheckAmount(cover, request) is { } invalid)
        {
            return invalid;
        }

        var current = cover.TotalDecision?.DecisionAmount ?? 0m;
        if (request.Amount >= current)
        {
            return StoreResult.Fail(new ApiError(422, "INVALID_AMOUNT", $"creditLimitAmount must be below the current decision amount {current.ToString(CultureInfo.InvariantCulture)}; use supersede to increase.", Pointer: "/creditLimitAmount"));
        }

        var now = Stamp();
        _historic.Add(cover with { HistoricCode = "SCLD", UpdatedAt = now });
        var reduced = cover with
        {
            CreditLimitApplicationAmount = request.Amount,
            TotalDecision = cover.TotalDecision! with { DecisionAmount = request.Amount!.Value },
            FirstAmtDecision = null,
            SecondAmtDecision = null,
            DecisionDate = now,
        };
        Commit(state, reduced, now, HistoryEvents.Reduced);
        return new StoreResult(200, state.Current);
    }

    private StoreResult Cancel(CoverState state)
    {
        var cover = state.Current;
        var code = cover.TotalDecision is null ? "CCLA" : cover.CoverType == CoverTypes.Indication ? "CIND" : "CCLD";
        var now = Stamp();
        ClearPending(state);
        var cancelled = cover.TotalDecision is not null && cover.CoverStatus == CoverStatuses.Referred
            ? cover with { CoverStatus = CoverStatuses.Decision, HistoricCode = code, PendingProcessIndicator = null }
            : cover with { HistoricCode = code, PendingProcessIndicator = null };
        Commit(state, cancelled, now, HistoryEvents.Cancelled);
        _historic.Add(state.Current);
        return new StoreResult(200, state.Current);
    }

    private StoreResult UpdateReference(CoverState state, ModificationRequest request)
    {
        var now = Stamp();
        Commit(state, state.Current with { CustomerRefNumber = request.CustomerRefNumber }, now, HistoryEvents.ReferenceUpdated);
        return new StoreResult(200, state.Current);
    }

    private static StoreResult? Unchangeable(CoverDto cover, string action)
    {
        if (cover.CoverStatus == CoverStatuses.Referred)
        {
            return StoreResult.Fail(new ApiError(409, "APPLICATION_PENDING", $"Cover {cover.CoverId} is waiting for an underwriter's decision; {action} it once decided.", Parameter: "coverId"));
        }

        if (cover.CoverType == CoverTypes.CreditCheck)
        {
            return StoreResult.Fail(new ApiError(422, "INVALID_ACTION", $"A credit check has the amount its policy fixes; it cannot {action}. Apply for a credit limit instead.", Pointer: "/action"));
        }

        if (cover.TotalDecision is not { DecisionAmount: > 0 } && action == "reduce")
        {
            return StoreResult.Fail(new ApiError(422, "INVALID_ACTION", $"Cover {cover.CoverId} has no positive decision to reduce.", Pointer: "/action"));
        }

        return null;
    }

    private static StoreResult? CheckAmount(CoverDto cover, ModificationRequest request)
    {
        if (request.Amount is null)
        {
            return StoreResult.Fail(new ApiError(422, "INVALID_AMOUNT", $"creditLimitAmount is required to {request.Action}.", Pointer: "/creditLimitAmount"));
        }

        if (request.CurrencyCode is not null && request.CurrencyCode != cover.CurrencyCode)
        {
            return StoreResult.Fail(new ApiError(422, "INVALID_CURRENCY", $"currencyCode must be {cover.CurrencyCode}, the currency of cover {cover.CoverId}.", Pointer: "/currencyCode"));
        }

        return null;
    }

    private StoreResult Notify(long coverId, PendingKind kind, decimal newAmount)
    {
        lock (_gate)
        {
            ApplyDue();
            if (!_byId.TryGetValue(coverId, out var state))
            {
                return StoreResult.Fail(CoverNotFound(coverId));
            }

            var cover = state.Current;
            if (cover.HistoricCode is not null || cover.CoverStatus != CoverStatuses.Decision || cover.TotalDecision is not { DecisionAmount: > 0 } decision)
            {
                return StoreResult.Fail(new ApiError(409, "COVER_NOT_CURRENT", $"Cover {coverId} has no current positive decision to reduce or withdraw.", Parameter: "coverId"));
            }

            if (kind == PendingKind.Reduction && (newAmount <= 0 || newAmount >= decision.DecisionAmount || newAmount % 1000 != 0))
            {
                return StoreResult.Fail(new ApiError(422, "INVALID_AMOUNT", $"The new amount must be a positive multiple of 1000 below {decision.DecisionAmount.ToString(CultureInfo.InvariantCulture)}.", Pointer: "/newAmount"));
            }

            var now = Stamp();
            var due = now + _noticePeriod;
            var date = DateOnly.FromDateTime(due.UtcDateTime);
            var notes = kind == PendingKind.Reduction
                ? $"Cover will be reduced to {cover.CurrencyCode} {newAmount.ToString(CultureInfo.InvariantCulture)} on {date:yyyy-MM-dd}."
                : $"Cover will be withdrawn on {date:yyyy-MM-dd}.";
            ClearPending(state);
            state.PendingAmount = newAmount;
            Commit(state, cover with { DecisionCode = "DC21", PendingProcessIndicator = "F", WithdrawalDate = date, DecisionDate = now, Notes = notes }, now,
                kind == PendingKind.Reduction ? HistoryEvents.ReductionNotified : HistoryEvents.WithdrawalNotified);
            Schedule(state, kind, due);
            return new StoreResult(200, state.Current);
        }
    }

    private void ApplyDue()
    {
        var now = _clock.GetUtcNow();
        while (_due.TryPeek(out var coverId, out var due) && due <= now)
        {
            _due.Dequeue();
            var state = _byId[coverId];
            if (state.Pending == PendingKind.None || state.DueAt != due)
            {
                continue; // superseded by a later change to the same cover
            }

            var stamp = Stamp();
            switch (state.Pending)
            {
                case PendingKind.Referral:
                    DecideReferral(state, stamp);
                    break;
                case PendingKind.Reduction:
                    {
                        var cover = state.Current;
                        var amount = state.PendingAmount;
                        _historic.Add(cover with { HistoricCode = "ACLD", UpdatedAt = stamp });
                        ClearPending(state);
                        Commit(state, cover with
                        {
                            DecisionCode = "DC09",
                            PendingProcessIndicator = null,
                            TotalDecision = cover.TotalDecision! with { DecisionAmount = amount },
                            FirstAmtDecision = null,
                            SecondAmtDecision = null,
                            DecisionDate = stamp,
                            Notes = $"Cover reduced by the insurer to {cover.CurrencyCode} {amount.ToString(CultureInfo.InvariantCulture)}.",
                        }, stamp, HistoryEvents.ReductionEffective);
                        break;
                    }

                case PendingKind.Withdrawal:
                    {
                        var cover = state.Current;
                        ClearPending(state);
                        Commit(state, cover with
                        {
                            DecisionCode = "DC08",
                            HistoricCode = "WCLD",
                            PendingProcessIndicator = null,
                            TotalDecision = cover.TotalDecision! with { DecisionAmount = 0m },
                            FirstAmtDecision = null,
                            SecondAmtDecision = null,
                            DecisionDate = stamp,
                            EffectiveToDate = cover.WithdrawalDate,
                            Notes = "Cover withdrawn by the insurer.",
                        }, stamp, HistoryEvents.WithdrawalEffective);
                        _historic.Add(state.Current);
                        break;
                    }
            }
        }
    }

    private void DecideReferral(CoverState state, DateTimeOffset now)
    {
        var cover = state.Current;
        var buyer = _world.FindBuyer(cover.BuyerId)!;
        var outcome = Underwriter.Decide(buyer.Rating, cover.CreditLimitApplicationAmount ?? 0m, cover.CurrencyCode!, DateOnly.FromDateTime(now.UtcDateTime));
        var previous = state.SupersededFrom;
        ClearPending(state);
        CoverDto decided;
        if (previous is not null && outcome.IsRefusal)
        {
            // A refused increase leaves the cover as it was: DC05 with the current decision.
            decided = cover with { CoverStatus = CoverStatuses.Decision, DecisionCode = "DC05", DecisionDate = now, Notes = "Increase refused; the current cover is unchanged." };
        }
        else
        {
            if (previous is not null)
            {
                _historic.Add(previous with { HistoricCode = "SCLD", UpdatedAt = now });
            }

            decided = WithOutcome(cover, outcome, now);
        }

        Commit(state, decided, now, HistoryEvents.Decided);
    }

    private static CoverDto WithOutcome(CoverDto cover, UnderwritingOutcome outcome, DateTimeOffset now) => cover with
    {
        CoverStatus = CoverStatuses.Decision,
        DecisionCode = outcome.DecisionCode,
        TotalDecision = outcome.Total,
        FirstAmtDecision = outcome.First,
        SecondAmtDecision = outcome.Second,
        DecisionDate = now,
        EffectiveToDate = outcome.Total.DecisionExpiryDate,
        Notes = outcome.Notes,
    };

    private CoverState SeedDecided(long coverId, SandboxPolicy policy, long buyerId, string type, decimal amount, DateTimeOffset at, string reference)
    {
        var buyer = _world.FindBuyer(buyerId)!;
        var cover = NewCover(coverId, policy, buyer, type, amount, at, reference);
        var state = new CoverState { Current = cover };
        Insert(state, WithOutcome(cover, Underwriter.Decide(Math.Min(buyer.Rating, Underwriter.InstantWorstRating), amount, policy.CurrencyCode, DateOnly.FromDateTime(at.UtcDateTime)), at), at, HistoryEvents.Decided);
        _byPolicyBuyer[(policy.PolicyId, buyerId)] = coverId;
        return state;
    }

    private static CoverDto NewCover(long coverId, SandboxPolicy policy, SandboxBuyer buyer, string type, decimal? amount, DateTimeOffset at, string reference) => new()
    {
        CoverId = coverId,
        CustomerId = policy.CustomerId,
        PolicyId = policy.PolicyId,
        BuyerId = buyer.BuyerId,
        BuyerName = buyer.BuyerName,
        CoverType = type,
        CreditLimitApplicationAmount = amount,
        CurrencyCode = policy.CurrencyCode,
        ApplicationDate = at,
        EffectFromDate = DateOnly.FromDateTime(at.UtcDateTime),
        CustomerRefNumber = reference,
    };

    private void Insert(CoverState state, CoverDto cover, DateTimeOffset now, string historyEvent)
    {
        state.Current = cover with { Version = 1, UpdatedAt = now };
        state.History.Add(new HistoryEntryDto(1, now, historyEvent, state.Current));
        Index(state);
    }

    private void Index(CoverState state)
    {
        var cover = state.Current;
        _ordered.Add(state);
        if (_ordered.Count > 1 && _ordered[^2].Current.CoverId > cover.CoverId)
        {
            _ordered.Sort((a, b) => a.Current.CoverId.CompareTo(b.Current.CoverId));
        }

        _byId[cover.CoverId] = state;
        _changes.Add((cover.UpdatedAt, cover.CoverId));
        if (cover.CoverStatus == CoverStatuses.Referred && cover.HistoricCode is null)
        {
            _referred.Add(cover.CoverId);
        }
    }

    private void Commit(CoverState state, CoverDto next, DateTimeOffset now, string historyEvent)
    {
        var previous = state.Current;
        _changes.Remove((previous.UpdatedAt, previous.CoverId));
        state.Current = next with { Version = previous.Version + 1, UpdatedAt = now };
        state.History.Add(new HistoryEntryDto(state.Current.Version, now, historyEvent, state.Current));
        _changes.Add((now, previous.CoverId));
        if (state.Current.CoverStatus == CoverStatuses.Referred && state.Current.HistoricCode is null)
        {
            _referred.Add(previous.CoverId);
        }
        else
        {
            _referred.Remove(previous.CoverId);
        }
    }

    private void Schedule(CoverState state, PendingKind kind, DateTimeOffset due)
    {
        state.Pending = kind;
        state.DueAt = due;
        _due.Enqueue(state.Current.CoverId, due);
    }

    private static void ClearPending(CoverState state)
    {
        state.Pending = PendingKind.None;
        state.SupersededFrom = null;
        state.PendingAmount = 0;
    }

    private int RetryAfter(CoverState state, DateTimeOffset now) =>
        state.Pending == PendingKind.Referral ? Math.Max(1, (int)Math.Ceiling((state.DueAt - now).TotalSeconds)) : Math.Max(1, (int)Math.Ceiling(_referralDelay.TotalSeconds));

    private static StoreResult? PreconditionFailed(CoverDto cover, string? ifMatch)
    {
        if (ifMatch is null || ifMatch.Trim() == "*")
        {
            return null;
        }

        var tags = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (tags.Any(t => t == cover.ETag || t == "W/" + cover.ETag))
        {
            return null;
        }

        return StoreResult.Fail(new ApiError(412, "PRECONDITION_FAILED", $"Cover {cover.CoverId} is at version {cover.ETag}, not {ifMatch}.", Parameter: "If-Match"), cover);
    }

    private static ApiError CoverNotFound(long coverId) => ApiError.NotFound("coverId", $"Cover {coverId} was not found.");

    /// <summary>A change time strictly after every earlier one, so (updatedAt, coverId) cursors never skip a change.</summary>
    private DateTimeOffset Stamp()
    {
        var now = _clock.GetUtcNow();
        _lastStamp = now > _lastStamp ? now : _lastStamp.AddTicks(1);
        return _lastStamp;
    }

    private (List<CoverDto> Items, bool More) ScanById(CoverFilter filter, long? afterCoverId, int pageSize, Func<CoverDto, bool> include)
    {
        lock (_gate)
        {
            ApplyDue();
            var index = 0;
            if (afterCoverId is { } after)
            {
                int lo = 0, hi = _ordered.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (_ordered[mid].Current.CoverId <= after)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                index = lo;
            }

            var items = new List<CoverDto>(Math.Min(pageSize + 1, 1024));
            for (; index < _ordered.Count && items.Count <= pageSize; index++)
            {
                var cover = _ordered[index].Current;
                if (include(cover) && filter.Matches(cover))
                {
                    items.Add(cover);
                }
            }

            return Trim(items, pageSize);
        }
    }

    private static (List<CoverDto> Items, bool More) Trim(List<CoverDto> items, int pageSize)
    {
        if (items.Count > pageSize)
        {
            items.RemoveAt(items.Count - 1);
            return (items, true);
        }

        return (items, false);
    }
}
