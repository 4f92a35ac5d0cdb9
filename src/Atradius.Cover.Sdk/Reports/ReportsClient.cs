namespace Atradius.Cover.Sdk;

/// <summary>
/// Builds portfolio reports from the Cover API. Reports stream: covers are aggregated as they are read, and only the
/// bounded listed sections, one small entry per distinct buyer and a few figures per cover (to count a referred increase
/// with its cover) are kept, so a portfolio of 100,000 covers is never held in memory.
/// </summary>
public class ReportsClient
{
    private readonly ICoverClient? _client;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a reports client over a Cover client.</summary>
    /// <param name="client">The client covers and buyers are read through.</param>
    /// <param name="timeProvider">The clock for ages and the default period; the system clock when null.</param>
    public ReportsClient(ICoverClient client, TimeProvider? timeProvider = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>For mocking.</summary>
    protected ReportsClient()
    {
        _timeProvider = TimeProvider.System;
    }

    /// <summary>
    /// Builds a report over the current portfolio: GET /covers and the referred applications of GET /covers/applications,
    /// with the definition's policy, customer and cover type filters; a cover in both lists counts once, and an application
    /// listed under a decided cover's id, made after that cover's application and not answered by its decision, counts
    /// with it as its increase.
    /// </summary>
    /// <param name="definition">Sections, filters and period; the whole portfolio with every section when null.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A setting of <paramref name="definition"/> is invalid (<see cref="CoverReportDefinition.Validate"/>), or its <see cref="CoverReportDefinition.PeriodStart"/> is after the period's end (now when no <see cref="CoverReportDefinition.PeriodEnd"/> is set); nothing was read.</exception>
    public virtual Task<CoverPortfolioReport> CreatePortfolioReportAsync(CoverReportDefinition? definition = null, CancellationToken cancellationToken = default) =>
        CreatePortfolioReportAsync(definition, options: null, cancellationToken);

    /// <summary>
    /// Builds a report over the current portfolio, as <see cref="CreatePortfolioReportAsync(CoverReportDefinition, CancellationToken)"/>,
    /// reading every list under one correlation id and with the extra headers of <paramref name="options"/>.
    /// </summary>
    /// <param name="definition">Sections, filters and period; the whole portfolio with every section when null.</param>
    /// <param name="options">Correlation id and extra headers sent with every read of the report (one new id for all of them when it names none).</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A setting of <paramref name="definition"/> is invalid (<see cref="CoverReportDefinition.Validate"/>), or its <see cref="CoverReportDefinition.PeriodStart"/> is after the period's end (now when no <see cref="CoverReportDefinition.PeriodEnd"/> is set), or <paramref name="options"/> holds a correlation id or header that cannot be sent; nothing was read.</exception>
    public virtual Task<CoverPortfolioReport> CreatePortfolioReportAsync(CoverReportDefinition? definition, CoverRequestOptions? options, CancellationToken cancellationToken = default)
    {
        var client = _client ?? throw new InvalidOperationException("This instance was created for mocking.");
        definition ??= new CoverReportDefinition();
        definition.Validate();
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);
        var query = new CoverQuery { CustomerId = definition.CustomerId, PolicyId = definition.PolicyId, CoverType = definition.CoverType };
        var laterApplications = new Dictionary<long, CoverDecision>();
        return CreateAsync(CurrentAndPendingAsync(client, query, call, laterApplications, cancellationToken), definition, call, cancellationToken, laterApplications);
    }

    /// <summary>
    /// The current portfolio, then the referred applications it did not list. Whether GET /covers lists an application
    /// waiting for an underwriter is not known: read from both lists, the report holds it either way, and once. The
    /// waiting applications are read first and kept (a handful beside the portfolio), so the portfolio itself streams.
    /// An application listed under a cover's id and made after GET /covers' copy of it, not answered by the copy's
    /// decision, is a new one, as the sync takes it (whether a change keeps the cover's id is not known): beside a
    /// decided copy it is kept too, and noted in <paramref name="laterApplications"/> so that it counts with that copy
    /// as its increase rather than as the same entry listed twice; a copy that is an older application still waiting
    /// gives way to it. Listed in both lists (GET /covers may list it beside the decided copy), the application is
    /// one: GET /covers' entry of it takes the place of the other and is read with the waiting applications, so it
    /// counts once, with the decided copy whichever of the two GET /covers lists first.
    /// </summary>
    private static async IAsyncEnumerable<CoverDecision> CurrentAndPendingAsync(ICoverClient client, CoverQuery query, CoverRequestOptions call, Dictionary<long, CoverDecision> laterApplications, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new Dictionary<long, CoverDecision>();
        await foreach (var application in client.Applications.ListPendingAsync(query, call, cancellationToken).ConfigureAwait(false))
        {
            // A cover listed twice is one cover: the first entry counts, as everywhere else, except that of several
            // referred copies under one id (an answered application the service keeps, and a new one) the latest
            // application counts, as the sync takes it.
            if (!pending.TryGetValue(application.CoverId, out var known) || IsLaterReferredCopy(application, known))
            {
                pending[application.CoverId] = application;
            }
        }

        await foreach (var cover in client.Decisions.ListAsync(query, call, cancellationToken).ConfigureAwait(false))
        {
            // The portfolio's own entry wins: it may hold the decision a copy in the applications list does not show
            // yet. A later application is another one (see the summary).
            if (pending.TryGetValue(cover.CoverId, out var application))
            {
                if (IsSameApplication(cover, application))
                {
                    pending[cover.CoverId] = cover;
                    if (laterApplications.ContainsKey(cover.CoverId))
                    {
                        laterApplications[cover.CoverId] = cover;
                    }

                    continue;
                }

                var later = application.IsReferred && application.ApplicationDate is { } applied && DecisionTiming.IsLaterApplication(cover, applied);
                if (later && !cover.IsReferred)
                {
                    laterApplications[cover.CoverId] = application;
                }
                else
                {
                    pending.Remove(cover.CoverId);
                    if (later)
                    {
                        yield return application;
                        continue;
                    }
                }
            }

            yield return cover;
        }

        foreach (var application in pending.Values)
        {
            yield return application;
        }
    }

    // Whether an entry of GET /covers is the referred application GET /covers/applications lists under its id.
    private static bool IsSameApplication(CoverDecision cover, CoverDecision application) =>
        cover.IsReferred && application.IsReferred && application.ApplicationDate is { } applied && cover.ApplicationDate == applied;

    // Whether a referred copy was applied for after the one kept for its id: a copy that is no referred application
    // with a date gives way to one that is.
    private static bool IsLaterReferredCopy(CoverDecision copy, CoverDecision known) =>
        copy.IsReferred && copy.ApplicationDate is { } applied
        && !(known.IsReferred && known.ApplicationDate is { } kept && kept >= applied);

    /// <summary>
    /// Builds a report over covers you already have (for example a local copy of the portfolio),
    /// read once, as a stream. Ended versions (<see cref="CoverDecision.IsHistoric"/>) are counted and listed as the
    /// current portfolio's lists would count them: not at all, except a withdrawal that took effect (WCLD) among the notices.
    /// A total decision whose expiry date was before the report's day (UTC) is no cover any more, as the service would
    /// have ended it: the cover counts with no cover in force and its amount applied for as uncovered exposure, and a
    /// listed cover shows none in force (<see cref="CoverReportListedCover.DecidedAmount"/>) beside the amount that expired.
    /// </summary>
    /// <param name="covers">The covers; filtered again by the definition.</param>
    /// <param name="definition">Sections, filters and period; every section when null.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A setting of <paramref name="definition"/> is invalid (<see cref="CoverReportDefinition.Validate"/>), or its <see cref="CoverReportDefinition.PeriodStart"/> is after the period's end (now when no <see cref="CoverReportDefinition.PeriodEnd"/> is set); nothing was read. Also when <paramref name="covers"/> holds a null cover, once the report reaches it.</exception>
    public virtual Task<CoverPortfolioReport> CreatePortfolioReportAsync(IAsyncEnumerable<CoverDecision> covers, CoverReportDefinition? definition = null, CancellationToken cancellationToken = default) =>
        CreateAsync(covers ?? throw new ArgumentNullException(nameof(covers)), definition, call: null, cancellationToken);

    private async Task<CoverPortfolioReport> CreateAsync(IAsyncEnumerable<CoverDecision> covers, CoverReportDefinition? definition, CoverRequestOptions? call, CancellationToken cancellationToken, Dictionary<long, CoverDecision>? laterApplications = null)
    {
        definition ??= new CoverReportDefinition();
        definition.Validate();

        var now = _timeProvider.GetUtcNow();
        var periodEnd = definition.PeriodEnd ?? now;
        var periodStart = definition.PeriodStart ?? periodEnd.AddDays(-7);
        if (periodStart > periodEnd)
        {
            // A start after the period's end (now, when no end is set) leaves the period empty: its section would say
            // nothing changed.
            throw new ArgumentException("definition.PeriodStart must not be after the end of the period (" + periodEnd.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "); it is " + periodStart.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ".", nameof(definition) + "." + nameof(CoverReportDefinition.PeriodStart));
        }

        var report = new CoverPortfolioReport(definition, now, periodStart, periodEnd);
        var sections = definition.Sections;
        var needBuyers = (sections & (CoverReportSections.ByCountry | CoverReportSections.ByRatingClass)) != 0;
        // Buyer data comes from one my-buyers read (a handful of requests for the whole portfolio), never from one
        // look-up per buyer: 40,000 buyers at 50 ms each would take half an hour. It is read for the rating classes
        // only: my-buyers shows no country, so a report by country alone would read every buyer for nothing.
        var buyers = !needBuyers ? null
            : definition.BuyerLookup is { } lookup ? new BuyerCache(lookup)
            : (sections & CoverReportSections.ByRatingClass) == 0 ? new BuyerCache(null)
            : await BuyerCache.FromMyBuyersAsync(_client ?? throw new InvalidOperationException("A buyer lookup is needed for the rating-class section."), definition, call, cancellationToken).ConfigureAwait(false);

        var byCurrency = new Dictionary<(string, string), CoverReportRow>();
        var byCountry = new Dictionary<(string, string), CoverReportRow>();
        var byRating = new Dictionary<(string, string), CoverReportRow>();
        var byCode = new Dictionary<(string, string), CoverReportRow>();
        var countedCovers = new Dictionary<(long, string, long, string), CountedCover>();
        var seenCovers = new HashSet<(long, long)>();
        var seenEnded = new HashSet<(long, long)>();
        var readFor = ReadFor(definition);

        await foreach (var cover in covers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // Only covers handed in can hold a null: the lists leave null items out.
            if (cover is null)
            {
                throw new ArgumentException("covers must not hold a null cover.", nameof(covers));
            }

            if (!Matches(cover, definition))
            {
                continue;
            }

            // A cover that states no customer is the one the lists were read for, as Matches takes it.
            var customer = cover.CustomerId != 0 ? cover.CustomerId : readFor.CustomerId;

            // An ended version is history, not portfolio: GET /covers lists none, and covers handed in (a local copy
            // that keeps each cover's history) must add up as the lists do. Only a withdrawal that took effect is
            // still a notice.
            if (cover.IsHistoric)
            {
                // A withdrawal repeated in a copy is one notice, as a current cover listed twice is one cover.
                if ((sections & CoverReportSections.Notices) != 0 && IsNotice(cover) && seenEnded.Add((customer, cover.CoverId)))
                {
                    report.Notices.Add(cover, now);
                }

                continue;
            }

            // A cover listed twice (the service repeating an entry, or a copy holding two current versions of it) is
            // one cover: the first entry counts, as the sync and the history take it. A later application under its id
            // is its increase, paired with it below, and counts once.
            if (!seenCovers.Add((customer, cover.CoverId)) && !IsLaterApplicationOf(cover, laterApplications))
            {
                continue;
            }

            // Exposure is counted in policy currency: decided and applied amounts are both "in policy currency".
            var currency = CurrencyOf(cover);

            // An indication is what Atradius would be prepared to cover, not cover in force: counted, but its amounts
            // add up only in a report of indications alone.
            var amounts = cover.CoverType != CoverType.Indication || definition.CoverType == CoverType.Indication;
            var rows = new List<CoverReportRow>(4);
            if ((sections & CoverReportSections.ByCurrency) != 0)
            {
                rows.Add(Row(byCurrency, currency, currency));
            }

            if ((sections & CoverReportSections.ByDecisionCode) != 0)
            {
                // One code is one row however the service writes it, as DecisionCode compares codes.
                rows.Add(Row(byCode, cover.Code?.Value.Trim().ToUpperInvariant() ?? (cover.IsReferred ? "(referred)" : "(none)"), currency));
            }

            if (buyers is not null)
            {
                var buyer = await buyers.GetAsync(cover.BuyerId, cancellationToken).ConfigureAwait(false);
                if ((sections & CoverReportSections.ByCountry) != 0)
                {
                    rows.Add(Row(byCountry, buyer.Country, currency));
                }

                if ((sections & CoverReportSections.ByRatingClass) != 0)
                {
                    rows.Add(Row(byRating, buyer.RatingClass, currency));
                }
            }

            // A preliminary partial approval (DC06) counts at its amount: it is the cover in force until the final
            // decision replaces it.
            var counted = new CountedCover(rows.ToArray(), CoverApplicationOperation.AwaitsFinalDecision(cover, now), amounts, CoverAmountInForce.On(cover, now).Amount ?? 0m, cover.ApplicationAmount?.Amount)
            {
                IsPreliminaryApproval = !cover.IsReferred && cover.Code == DecisionCode.PartiallyApprovedPreliminary,
            };
            var key = (customer, PolicyOf(cover, readFor.PolicyId), cover.BuyerId, cover.CoverType.Value.Trim().ToUpperInvariant());
            if (countedCovers.TryGetValue(key, out var other) && !other.IsPair && other.AwaitsFinalDecision != counted.AwaitsFinalDecision)
            {
                // An increase waiting for its final decision (referred, or decided only preliminarily: DC06, DC07) is
                // listed beside the cover it would supersede, under an id of its own, whichever comes first: one cover,
                // whose exposure is the amount now applied for, and whose cover in force is the decided cover's amount,
                // or a preliminary approval's (DC06), which is the cover in force until the final decision (as it is for
                // a cover alone, and as its listed row shows it); a preliminary refusal (DC07) leaves the cover as it is. Counted as two, it doubled the count, the requested exposure
                // and, decided preliminarily, the cover in force. Each amount is the one counted for its cover alone, so
                // an expired decision adds no cover to the pair either.
                var decided = counted.AwaitsFinalDecision ? other : counted;
                var increase = counted.AwaitsFinalDecision ? counted : other;
                other.AddTo(-1);
                // An increase whose amount the service left out still applies for more than the cover in force, by
                // an amount not known: the cover's own request stands rather than none at all.
                var inForce = increase.IsPreliminaryApproval && increase.Decided > 0m ? increase.Decided : decided.Decided;
                var pair = new CountedCover(decided.Rows, awaitsFinalDecision: false, decided.Amounts, inForce, increase.RequestedIfStated ?? decided.Requested) { IsPair = true };
                pair.AddTo(1);
                countedCovers[key] = pair;
            }
            else
            {
                report.CoverCount++;
                counted.AddTo(1);
                if (other is null)
                {
                    countedCovers[key] = counted;
                }
            }

            // A preliminary decision (DC06, DC07) is decided, yet its application still waits for the final one.
            if ((sections & CoverReportSections.PendingApplications) != 0 && (cover.IsReferred || (cover.Code?.IsPreliminary ?? false)))
            {
                report.PendingApplications.Add(cover, now);
            }

            if ((sections & CoverReportSections.Notices) != 0 && IsNotice(cover))
            {
                report.Notices.Add(cover, now);
            }

            if ((sections & CoverReportSections.ChangedInPeriod) != 0 && IsChangedInPeriod(cover, periodStart, periodEnd))
            {
                report.ChangedInPeriod.Add(cover, now);
            }
        }

        report.ByCurrency = Sorted(byCurrency);
        report.ByCountry = Sorted(byCountry);
        report.ByRatingClass = Sorted(byRating);
        report.ByDecisionCode = Sorted(byCode);
        return report;
    }

    // Whether an entry under an id already counted is the later application noted for that id (by its application
    // date: the same application, whichever list's copy of it is read), taken once.
    private static bool IsLaterApplicationOf(CoverDecision cover, Dictionary<long, CoverDecision>? laterApplications)
    {
        if (laterApplications is null || !cover.IsReferred || !laterApplications.TryGetValue(cover.CoverId, out var later) || later.ApplicationDate != cover.ApplicationDate)
        {
            return false;
        }

        laterApplications.Remove(cover.CoverId);
        return true;
    }

    /// <summary>
    /// Whether a cover changed in the period: its last activity falls in it, or, for a decided cover whose decision is
    /// dated by its day alone on the UTC day of the timed application it decided, the period touches that day. Such a
    /// decision came after the application at a time not given: in a period's own time it may fall on the application's
    /// day or the next.
    /// </summary>
    private static bool IsChangedInPeriod(CoverDecision cover, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        if (CoverReportListedCover.LatestDate(cover) is not { } latest)
        {
            return false;
        }

        return IsInPeriod(latest, periodStart, periodEnd)
            || (!cover.IsReferred && cover.DecisionDate is { } decided && cover.ApplicationDate is { } applied
                && DecisionTiming.IsDayAlone(decided) && !DecisionTiming.IsDayAlone(applied)
                && decided.UtcDateTime.Date == applied.UtcDateTime.Date && IsInPeriod(decided, periodStart, periodEnd));
    }

    /// <summary>
    /// Whether a cover's last activity falls in the period. A date the service gives as a day alone (read as midnight UTC)
    /// falls in it when the period touches that day in the period's own time: a host behind UTC asking for its
    /// 1 March (its midnight to midnight) would otherwise get the covers dated 2 March and miss those dated 1 March.
    /// </summary>
    private static bool IsInPeriod(DateTimeOffset changed, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        if (!DecisionTiming.IsDayAlone(changed))
        {
            return changed >= periodStart && changed < periodEnd;
        }

        if (periodStart >= periodEnd)
        {
            return false;
        }

        // The end is exclusive: a period ending at midnight does not touch the day that starts then.
        var day = changed.UtcDateTime.Date;
        var lastDay = periodEnd.DateTime.TimeOfDay == TimeSpan.Zero ? periodEnd.DateTime.Date.AddDays(-1) : periodEnd.DateTime.Date;
        return day >= periodStart.DateTime.Date && day <= lastDay;
    }

    // One currency is one row however it is written, and covers that state none are counted apart from every other.
    private static string CurrencyOf(CoverDecision cover) => StatedCurrency(cover) ?? "(none)";

    /// <summary>The currency of a cover's amounts, the policy currency, in upper case; null when the cover states none.</summary>
    internal static string? StatedCurrency(CoverDecision cover)
    {
        var currency = Stated(cover.PolicyCurrency) ?? Stated(cover.DecidedAmount?.Currency) ?? Stated(cover.ApplicationAmount?.Currency);
        return currency?.Trim().ToUpperInvariant();

        static string? Stated(string? code) => string.IsNullOrWhiteSpace(code) ? null : code;
    }

    // The policy a cover is counted under: as Matches compares it, without the blanks around it, and the one the lists
    // were read for when the cover states none.
    private static string PolicyOf(CoverDecision cover, string readFor) =>
        cover.PolicyId.Trim() is { Length: > 0 } stated ? stated : readFor;

    // The customer and policy the lists are read for: the definition's, else the client's own, as the lists' query
    // takes them (the client's policy with its own customer only). A cover that states neither is theirs: in a report
    // that names neither, a referred increase stating none is the same cover as its decided cover, which states both.
    // None is known of a client created for mocking: such a cover is then counted apart (customer 0, no policy).
    private (long CustomerId, string PolicyId) ReadFor(CoverReportDefinition definition)
    {
        var client = _client?.Decisions?.ReadDefaults;
        var policy = client is null ? definition.PolicyId : client.ReadPolicyId(definition.PolicyId, definition.CustomerId);
        return (definition.CustomerId ?? client?.CustomerId ?? 0, policy?.Trim() ?? string.Empty);
    }

    // The lists are read for the definition's policy and customer already; a cover that states neither (0 or empty) is
    // that policy's and customer's, and only one that states another is left out. A policy id is compared without the
    // blanks around it, as an application is matched to its cover: a padded id is the same policy, not another one.
    private static bool Matches(CoverDecision cover, CoverReportDefinition definition)
    {
        if (definition.PolicyId is { } policy && cover.PolicyId.Trim().Length != 0 && !string.Equals(cover.PolicyId.Trim(), policy.Trim(), StringComparison.Ordinal))
        {
            return false;
        }

        if (definition.CustomerId is { } customer && cover.CustomerId != 0 && cover.CustomerId != customer)
        {
            return false;
        }

        if (definition.CoverType is { } type && cover.CoverType != type)
        {
            return false;
        }

        if (definition.CurrencyCode is { } currency
            && !string.Equals(CurrencyOf(cover), currency.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return true;
    }

    // An ended version keeps the code it had: a notice superseded long ago is no notice any more.
    private static bool IsNotice(CoverDecision cover) =>
        cover.IsHistoric
            ? cover.HistoricCode == HistoricCode.WithdrawnDecision
            : cover.Code is { } code
                && (code == DecisionCode.WithdrawalOrReductionNotice || code == DecisionCode.Reduced
                    || code == DecisionCode.PartialExpiryReduction || code == DecisionCode.Withdrawn);

    private static CoverReportRow Row(Dictionary<(string, string), CoverReportRow> rows, string key, string currency)
    {
        if (!rows.TryGetValue((key, currency), out var row))
        {
            row = new CoverReportRow(key, currency);
            rows[(key, currency)] = row;
        }

        return row;
    }

    private static CoverReportRow[] Sorted(Dictionary<(string, string), CoverReportRow> rows)
    {
        // A row that held only a referred increase counted with its cover elsewhere is empty.
        var sorted = rows.Values.Where(r => r.CoverCount > 0).ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Currency, b.Currency);
        });
        return sorted;
    }

    /// <summary>What one cover added to the figures, to take it back when an increase waiting for its decision turns out to be part of it.</summary>
    private sealed class CountedCover
    {
        public CountedCover(CoverReportRow[] rows, bool awaitsFinalDecision, bool amounts, decimal decided, decimal? requested)
        {
            Rows = rows;
            AwaitsFinalDecision = awaitsFinalDecision;
            Amounts = amounts;
            Decided = decided;
            RequestedIfStated = requested;
        }

        public CoverReportRow[] Rows { get; }

        public bool AwaitsFinalDecision { get; }

        public bool Amounts { get; }

        /// <summary>The decided amount in force: none once the decision has expired.</summary>
        public decimal Decided { get; }

        /// <summary>The amount applied for; null when the service did not state it.</summary>
        public decimal? RequestedIfStated { get; }

        public decimal Requested => RequestedIfStated ?? 0m;

        /// <summary>Whether the cover is approved only preliminarily (DC06): its decided amount is in force until the final decision.</summary>
        public bool IsPreliminaryApproval { get; init; }

        /// <summary>Whether this is a cover and its waiting increase counted as one: a third reading is a cover of its own.</summary>
        public bool IsPair { get; init; }

        /// <summary>Adds this cover to its rows (1), or takes it back (-1).</summary>
        public void AddTo(int sign)
        {
            foreach (var row in Rows)
            {
                row.CoverCount += sign;
                if (!Amounts)
                {
                    continue;
                }

                if (Decided > 0m)
                {
                    row.CoveredCount += sign;
                }

                row.TotalCover += sign * Decided;
                row.RequestedExposure += sign * Requested;
                row.UncoveredExposure += sign * Math.Max(0m, Requested - Decided);
            }
        }
    }

    /// <summary>One lookup per distinct buyer per report; keeps only what the report needs of each buyer.</summary>
    private sealed class BuyerCache
    {
        private readonly Dictionary<long, (string Country, string RatingClass)> _known = new();
        private readonly Func<long, CancellationToken, Task<CoverReportBuyer?>>? _lookup;

        public BuyerCache(Func<long, CancellationToken, Task<CoverReportBuyer?>>? lookup) => _lookup = lookup;

        public static async Task<BuyerCache> FromMyBuyersAsync(ICoverClient client, CoverReportDefinition definition, CoverRequestOptions? call, CancellationToken cancellationToken)
        {
            // The buyers of the policy (or customer) the report is about, which need not be the client's own.
            var cache = new BuyerCache(null);
            var query = new MyBuyersQuery { PolicyId = definition.PolicyId, CustomerId = definition.CustomerId };
            await foreach (var buyer in client.Buyers.ListMyBuyersAsync(query, call, cancellationToken).ConfigureAwait(false))
            {
                // A buyer listed twice (once per policy, say) is one buyer: the first entry counts, as in the
                // portfolio sync, so a report and the synced portfolio never show it with different ratings.
                if (!cache._known.ContainsKey(buyer.BuyerId))
                {
                    cache._known[buyer.BuyerId] = Describe(CoverReportBuyer.From(buyer));
                }
            }

            return cache;
        }

        // A country is counted as one row however it is written ("nld" is "NLD"), as currencies are.
        private static (string Country, string RatingClass) Describe(CoverReportBuyer? buyer) =>
            (string.IsNullOrWhiteSpace(buyer?.Country) ? "(unknown)" : buyer!.Country!.Trim().ToUpperInvariant(),
             string.IsNullOrWhiteSpace(buyer?.RatingClass) ? "(unknown)" : buyer!.RatingClass!.Trim());

        public async ValueTask<(string Country, string RatingClass)> GetAsync(long buyerId, CancellationToken cancellationToken)
        {
            if (_known.TryGetValue(buyerId, out var known))
            {
                return known;
            }

            // A buyer missing from my-buyers stays unknown rather than costing a request of its own.
            known = Describe(_lookup is null ? null : await _lookup(buyerId, cancellationToken).ConfigureAwait(false));
            _known[buyerId] = known;
            return known;
        }
    }
}
