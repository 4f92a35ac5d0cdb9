using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Underwriting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>The seeded portfolio: the fixtures every world has, then generated covers, buyer rating changes and insurer events.</summary>
internal sealed partial class CoverStore
{
    private static readonly string[] Types = [CoverTypes.CreditLimit, CoverTypes.CreditCheck, CoverTypes.Indication];

    /// <summary>
    /// How many generated covers a world of <paramref name="buyerCount"/> buyers holds: one of each type for every buyer
    /// but the fixtures, whose covers are seeded apart.
    /// </summary>
    public static int GeneratedCoverCapacity(int buyerCount) =>
        (int)Math.Min(int.MaxValue, (long)Math.Max(0, buyerCount - WorldGenerator.FixedBuyerCount) * Types.Length);

    /// <summary>The fewest buyers a world needs to hold <paramref name="generatedCount"/> generated covers.</summary>
    public static int BuyersFor(int generatedCount) =>
        (int)(WorldGenerator.FixedBuyerCount + (((long)generatedCount + Types.Length - 1) / Types.Length));

    /// <summary>Seeds the fixture covers and <paramref name="generatedCount"/> generated ones, dated in the recent past.</summary>
    public void Seed(int generatedCount)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var t = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-30);
            var step = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, TimeSpan.FromDays(20).Ticks / Math.Max(1, generatedCount + 32)));
            DateTimeOffset Next() => t += step;
            var euro = _world.FindPolicy(SandboxFixtures.EuroPolicyId)!;
            var sterling = _world.FindPolicy(SandboxFixtures.SterlingPolicyId)!;

            SeedDecided(SandboxFixtures.ExistingCreditLimitCoverId, euro, SandboxFixtures.ExistingCoverBuyerId, CoverTypes.CreditLimit, 75_000m, Next(), "ERP-000101");
            SeedDecided(SandboxFixtures.ExistingCreditCheckCoverId, euro, SandboxFixtures.ExistingCoverBuyerId, CoverTypes.CreditCheck, euro.CreditCheckAmount, Next(), "ERP-000101");
            SeedDecided(SandboxFixtures.ConvertibleIndicationCoverId, euro, SandboxFixtures.IndicationBuyerId, CoverTypes.Indication, 30_000m, Next(), "ERP-000102");

            var superseded = SeedDecided(SandboxFixtures.SupersededCreditLimitCoverId, euro, SandboxFixtures.SupersededCoverBuyerId, CoverTypes.CreditLimit, 40_000m, Next(), "ERP-000103");
            var raisedAt = Next();
            ToHistoric(superseded, "SCLD", raisedAt);
            SeedDecided(SandboxFixtures.SupersedingCreditLimitCoverId, euro, SandboxFixtures.SupersededCoverBuyerId, CoverTypes.CreditLimit, 80_000m, raisedAt, "ERP-000103");

            var cancelled = SeedDecided(SandboxFixtures.CancelledCreditLimitCoverId, euro, SandboxFixtures.CancelledCoverBuyerId, CoverTypes.CreditLimit, 50_000m, Next(), "ERP-000104");
            var cancelledAt = Next();
            ToHistoric(cancelled with { EffectiveToDate = DateOnly.FromDateTime(cancelledAt.UtcDateTime) }, "CCLD", cancelledAt);

            SeedDecided(SandboxFixtures.DeterioratedBuyerCoverId, euro, SandboxFixtures.DeterioratedBuyerId, CoverTypes.CreditLimit, 60_000m, Next(), "ERP-000105");
            Ratings[SandboxFixtures.DeterioratedBuyerId] = new RatingState(90, 40, Next());

            var pendingAt = Next();
            var pending = Put(NewCover(SandboxFixtures.PendingApplicationCoverId, euro, _world.FindBuyer(SandboxFixtures.PendingApplicationBuyerId)!, CoverTypes.CreditLimit, 250_000m, pendingAt, "ERP-000106") with { CoverStatus = CoverStatuses.Referred }, pendingAt);
            Schedule(new ScheduledEvent(ScheduledKind.Referral, now + (_referralDelay > TimeSpan.FromDays(1) ? _referralDelay : TimeSpan.FromDays(1)), pending.CoverId, pending.Revision));

            SeedDecided(SandboxFixtures.OtherCustomerIndicationCoverId, sterling, SandboxFixtures.IndicationBuyerId, CoverTypes.Indication, 20_000m, Next(), "TW-77001");
            SeedDecided(SandboxFixtures.OtherCustomerCreditLimitCoverId, sterling, SandboxFixtures.WellRatedDutchBuyerId, CoverTypes.CreditLimit, 50_000m, Next(), "TW-77002");

            SeedGenerated(generatedCount, euro, now, Next);
            _lastStamp = t;
        }
    }

    private void SeedGenerated(int generatedCount, SandboxPolicy policy, DateTimeOffset now, Func<DateTimeOffset> next)
    {
        var fixtures = new HashSet<long>(_world.Buyers.Where(b => b.BuyerId < 10060000).Select(b => b.BuyerId));
        var buyers = _world.Buyers.Where(b => !fixtures.Contains(b.BuyerId)).ToList();
        if (buyers.Count == 0)
        {
            return;
        }

        // A customer's buyers came to it over the years, so their ids follow no order of its covers' ids.
        var spread = buyers.ToArray();
        new Random(_world.Seed + 1).Shuffle(spread);
        buyers = [.. spread];

        var random = new Random(_world.Seed);
        var used = new HashSet<(long, string)>();
        var count = Math.Min(generatedCount, buyers.Count * Types.Length);
        _nextCoverId = SandboxFixtures.FirstGeneratedCoverId;
        for (var i = 0; used.Count < count; i++)
        {
            var buyer = buyers[i % buyers.Count];
            var preferred = i % 10 == 9 ? 1 : i % 15 == 14 ? 2 : 0;
            var type = Enumerable.Range(0, Types.Length).Select(k => Types[(preferred + k + (i / buyers.Count)) % Types.Length]).First(x => !used.Contains((buyer.BuyerId, x)));
            used.Add((buyer.BuyerId, type));
            var amount = type == CoverTypes.CreditCheck ? policy.CreditCheckAmount : random.Next(1, 41) * 5000m;
            var at = next();
            var id = _nextCoverId++;

            // Every ninth cover was raised once: its first version is history (SCLD) under an id of its own.
            if (i % 9 == 4 && type == CoverTypes.CreditLimit)
            {
                var earlier = NewCover(id, policy, buyer, type, amount / 2 < 1000 ? 1000 : Math.Floor(amount / 2000) * 1000, at, string.Create(CultureInfo.InvariantCulture, $"ERP-{i + 1:D6}"));
                _historic.Add(WithOutcome(earlier, Underwriter.Decide(Math.Min(buyer.Rating, Underwriter.InstantWorstRating), earlier.ApplicationAmount!.Value, DateOnly.FromDateTime(at.UtcDateTime)), at) with { HistoricCode = "SCLD", ChangedAt = at, Revision = ++_revision });
                id = _nextCoverId++;
                at = next();
            }

            var cover = NewCover(id, policy, buyer, type, amount, at, string.Create(CultureInfo.InvariantCulture, $"ERP-{i + 1:D6}"));
            var outcome = type switch
            {
                CoverTypes.CreditCheck => Underwriter.CreditCheck(buyer.Rating, amount),
                CoverTypes.Indication => Underwriter.Indication(buyer.Rating, amount),
                _ => Underwriter.Decide(buyer.Rating, amount, DateOnly.FromDateTime(at.UtcDateTime)),
            };
            var stored = Put(WithOutcome(cover, outcome, at), at);

            // A few covers carry an insurer's withdrawal notice that takes effect within the next weeks.
            if (i % 50 == 7 && stored.DecidedAmount > 0)
            {
                var due = now + TimeSpan.FromDays(5 + (i % 20));
                var date = DateOnly.FromDateTime(due.UtcDateTime);
                var notice = Put(stored with
                {
                    DecisionCode = "DC21",
                    PendingProcessIndicator = "W",
                    PendingProcessStatus = "Pending Withdrawal",
                    WithdrawalDate = date,
                    DecisionDate = at,
                    Notes = string.Create(CultureInfo.InvariantCulture, $"Cover will be withdrawn on {date:yyyy-MM-dd}."),
                }, at);
                Schedule(new ScheduledEvent(ScheduledKind.Withdrawal, due, notice.CoverId, notice.Revision));
            }
        }

        // Ratings move: some changed in the past weeks, some will change on the sandbox clock.
        for (var i = 0; i < buyers.Count; i++)
        {
            var buyer = buyers[i];
            if (i % 7 == 3)
            {
                var previous = Math.Clamp(buyer.Rating + (i % 2 == 0 ? 15 : -15), 1, 100);
                Ratings[buyer.BuyerId] = new RatingState(buyer.Rating, previous, now - TimeSpan.FromDays(1 + (i % 20)));
            }
            else if (i % 11 == 5)
            {
                var rating = Math.Clamp(buyer.Rating + (i % 2 == 0 ? 20 : -20), 1, 100);
                Schedule(new ScheduledEvent(ScheduledKind.RatingChange, now + TimeSpan.FromDays(1 + (i % 45)), 0, 0, BuyerId: buyer.BuyerId, Rating: rating));
            }
        }
    }

    private CoverRecord SeedDecided(long coverId, SandboxPolicy policy, long buyerId, string type, decimal amount, DateTimeOffset at, string reference)
    {
        var buyer = _world.FindBuyer(buyerId)!;
        var cover = NewCover(coverId, policy, buyer, type, amount, at, reference);
        var rating = Math.Min(buyer.Rating, Underwriter.InstantWorstRating);
        var outcome = type == CoverTypes.CreditCheck ? Underwriter.CreditCheck(rating, amount) : Underwriter.Decide(rating, amount, DateOnly.FromDateTime(at.UtcDateTime));
        return Put(WithOutcome(cover, outcome, at), at);
    }

    private static CoverRecord NewCover(long coverId, SandboxPolicy policy, SandboxBuyer buyer, string type, decimal amount, DateTimeOffset at, string reference) => new()
    {
        CoverId = coverId,
        CustomerId = policy.CustomerId,
        PolicyId = policy.PolicyId,
        BuyerId = buyer.BuyerId,
        BuyerName = buyer.BuyerName,
        CoverType = type,
        PolicyCurrencyCode = policy.CurrencyCode,
        ApplicationAmount = amount,
        ApplicationDate = at,
        EffectFromDate = DateOnly.FromDateTime(at.UtcDateTime),
        CustomerRefNumber = reference,
    };
}
