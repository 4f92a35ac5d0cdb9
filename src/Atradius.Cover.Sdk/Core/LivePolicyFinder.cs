using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Finds the client's live policy when none is configured. The policy details are read without a policy id first, as
/// one integration of the service reads them. Another records that the service requires the id there: when the
/// details refuse the read as asked (400 or 422), the policy ids the customer's covers name are read one by one, and
/// the live one among them is the policy.
/// </summary>
internal static class LivePolicyFinder
{
    public static async Task<string> FindAsync(CoverClientCore core, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        List<Policy> policies;
        try
        {
            policies = await ReadDetailsAsync(core, CoverRoutes.PolicyDetails, call, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverApiException refusal) when (NeedsPolicyId(refusal))
        {
            return await FindThroughCoversAsync(core, refusal, call, cancellationToken).ConfigureAwait(false);
        }

        return Choose(policies).PolicyId;
    }

    /// <summary>
    /// The policy applications go under, of the policy details read without a policy id: the one live policy among them
    /// (one listed twice is one).
    /// </summary>
    /// <exception cref="InvalidOperationException">None of them is live, or several are.</exception>
    public static Policy Choose(IReadOnlyList<Policy> policies)
    {
        var live = LiveIds(policies);
        if (live.Count == 1)
        {
            return policies.First(p => p.IsLive);
        }

        throw new InvalidOperationException(live.Count == 0
            ? "CoverClientOptions.PolicyId is not set and the policy details show no live policy; set PolicyId."
            : "CoverClientOptions.PolicyId is not set and the policy details show several live policies (" + string.Join(", ", live) + "); set PolicyId to the one to use.");
    }

    /// <summary>
    /// Whether the policy details refused a read without a policy id for its shape: a 400 or 422. A 404 says the customer
    /// has no policy, and any other status is no answer about the read.
    /// </summary>
    public static bool NeedsPolicyId(CoverApiException refusal) => refusal.Status is 400 or 422;

    private static async Task<string> FindThroughCoversAsync(CoverClientCore core, CoverApiException refusal, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        // The covers of the client's own customer: a customer id alone is enough to list them, and each names its policy.
        var named = new SortedSet<string>(StringComparer.Ordinal);
        var covers = new CoverQuery { CustomerId = core.CustomerId };
        await foreach (var cover in DecisionsClient.List(core, CoverRoutes.Covers, covers, call, nameof(covers), cancellationToken).ConfigureAwait(false))
        {
            if (cover.PolicyId.Trim() is { Length: > 0 } policyId)
            {
                named.Add(policyId);
            }
        }

        var why = "CoverClientOptions.PolicyId is not set and the policy details need a policy id (the Cover API answered " + refusal.Status.ToString(CultureInfo.InvariantCulture) + ": " + refusal.Message + ")";
        if (named.Count == 0)
        {
            throw new InvalidOperationException(why + ", but the customer's covers name no policy to read them for; set PolicyId.");
        }

        var live = new List<string>();
        var refused = new List<string>();
        foreach (var policyId in named)
        {
            try
            {
                var details = await ReadDetailsAsync(core, CoverRoutes.WithQuery(CoverRoutes.PolicyDetails, ("policyId", policyId)), call, cancellationToken).ConfigureAwait(false);
                live.AddRange(LiveIds(details).Where(id => !live.Contains(id, StringComparer.Ordinal)));
            }
            catch (CoverApiException unread) when (unread.Status is 400 or 403 or 404 or 422)
            {
                // A policy a cover still names may be gone from the details, or no longer the client's to read: it is
                // no live policy of the client's, and the others still decide.
                refused.Add(policyId + " (" + unread.Status.ToString(CultureInfo.InvariantCulture) + ")");
            }
        }

        if (live.Count == 1)
        {
            return live[0];
        }

        throw new InvalidOperationException(why + " and, of the policies the customer's covers name (" + string.Join(", ", named) + "), "
            + (live.Count == 0 ? "none is live" + (refused.Count == 0 ? string.Empty : " (the details refused " + string.Join(", ", refused) + ")") + "; set PolicyId." : "several are live (" + string.Join(", ", live) + "); set PolicyId to the one to use."));
    }

    /// <summary>The ids of the live policies, read as the policy details read them (<see cref="CoverMapper.ToPolicy"/>): blanks around an id or status are no part of it, and details without an id are unreadable.</summary>
    private static List<string> LiveIds(IEnumerable<Policy> policies) =>
        policies.Where(p => p.IsLive).Select(p => p.PolicyId).Distinct(StringComparer.Ordinal).ToList();

    private static async Task<List<Policy>> ReadDetailsAsync(CoverClientCore core, string route, CoverRequestOptions call, CancellationToken cancellationToken) =>
        (await core.Transport.GetAllAsync(route, CoverJsonContext.Default.PolicyDetails, CoverMapper.ToPolicy, call, cancellationToken).ConfigureAwait(false)).Items;
}
