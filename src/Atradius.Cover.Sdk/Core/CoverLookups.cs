namespace Atradius.Cover.Sdk;

/// <summary>Reads a buyer's covers from the lists: the real service has no cover by id.</summary>
internal static class CoverLookups
{
    /// <summary>The decided covers alone, read after an unanswered attempt once the current lists showed nothing.</summary>
    public static readonly string[] DecisionList = [CoverRoutes.CoverDecisions];

    /// <summary>The historic list alone, for <see cref="FindAsync"/>: read last, after the current lists showed nothing.</summary>
    public static readonly string[] HistoricList = [CoverRoutes.HistoricCovers];

    // The longest wait a Retry-After makes before a write is sent again, as long as the back-off's own longest.
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The route of a list for one buyer (and cover type) of a customer: the client's when none is given. The client's
    /// policy is sent only for the client's own customer.
    /// </summary>
    public static string BuyerRoute(CoverClientCore core, string list, long buyerId, CoverType? coverType, string? policyId, long? customerId) =>
        CoverRoutes.WithQuery(
            list,
            ("policyId", core.ReadPolicyId(policyId, customerId)),
            ("customerId", CoverRoutes.Number(customerId ?? core.CustomerId)),
            ("buyerId", CoverRoutes.Number(buyerId)),
            ("coverType", coverType?.QueryValue));

    /// <summary>Reads one list for one buyer whole (a buyer has few covers).</summary>
    public static async Task<(List<CoverDecision> Covers, CoverResponseInfo? Info)> ReadAsync(CoverClientCore core, string list, long buyerId, CoverType? coverType, string? policyId, long? customerId, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        var covers = new List<CoverDecision>();
        var items = core.Transport.Covers(BuyerRoute(core, list, buyerId, coverType, policyId, customerId), call, cancellationToken);
        await foreach (var cover in items.ConfigureAwait(false))
        {
            if (cover.BuyerId == buyerId)
            {
                covers.Add(cover);
            }
        }

        return (covers, items.Response);
    }

    /// <summary>The first cover of the lists, read in order, that matches; null when none does.</summary>
    public static async Task<(CoverDecision? Cover, CoverResponseInfo? Info)> FindAsync(CoverClientCore core, IEnumerable<string> lists, long buyerId, CoverType? coverType, string? policyId, long? customerId, Func<CoverDecision, bool> match, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        CoverResponseInfo? info = null;
        foreach (var list in lists)
        {
            var (covers, listInfo) = await ReadAsync(core, list, buyerId, coverType, policyId, customerId, call, cancellationToken).ConfigureAwait(false);
            info = listInfo ?? info;

            // The newest match: after a change the service may keep older versions in the same list, under older ids or
            // under the same one (a copy of each version changed under its id, and then the cover's own end), so a copy
            // of a version that goes on comes after the version or end that followed it, and an older decision after a
            // newer one.
            var found = covers.Where(match)
                .OrderByDescending(c => c.CoverId)
                .ThenBy(c => c.HistoricCode?.EndsVersionOnly ?? false)
                .ThenByDescending(c => c.DecisionDate ?? c.ApplicationDate)
                .FirstOrDefault();
            if (found is not null)
            {
                return (found, info);
            }
        }

        return (null, info);
    }

    /// <summary>
    /// Waits before a write is sent again (exponential from the base delay, or what a 429's Retry-After asks for when
    /// longer, up to a minute, on the client's clock), and records that
    /// retry as the pipeline records its own: the <c>Retrying</c> warning and <c>atradius.cover.client.retries</c>.
    /// </summary>
    /// <param name="core">The client's shared parts.</param>
    /// <param name="method">The write's method.</param>
    /// <param name="route">The write's route (relative to the base address).</param>
    /// <param name="attempt">The attempt that failed: 1 for the first.</param>
    /// <param name="failure">What it got.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task RetryAsync(CoverClientCore core, HttpMethod method, string route, int attempt, CoverApiException failure, CancellationToken cancellationToken)
    {
        var delay = CoverResilience.BackOff(core.Options.Resilience.BaseDelay, attempt);
        if (failure is CoverRateLimitedException && RetryAfterHeader.Read(failure.Headers, core.Time.GetUtcNow()) is { } asked && asked > delay)
        {
            // Sent sooner than the service asked, it would only meet another 429; no longer than the back-off's own
            // longest wait, so that a call is not held for what may be a gateway's default.
            delay = asked < LongestRetryAfter ? asked : LongestRetryAfter;
        }

        var address = core.Options.BaseAddress is { IsAbsoluteUri: true } root ? new Uri(CoverHttpClientFactory.WithTrailingSlash(root), route) : new Uri(route, UriKind.Relative);
        CoverResilience.Retrying(core.Logger, method.Method, address, attempt, delay, CoverResilience.Outcome(failure));
        if (delay == TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

#if NET8_0_OR_GREATER
        return Task.Delay(delay, core.Time, cancellationToken);
#else
        return core.Time.Delay(delay, cancellationToken);
#endif
    }
}
