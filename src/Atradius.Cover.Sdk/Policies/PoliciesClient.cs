namespace Atradius.Cover.Sdk;

/// <summary>Reads the customer's policy details.</summary>
public class PoliciesClient
{
    private readonly CoverClientCore? _core;

    internal PoliciesClient(CoverClientCore core) => _core = core;

    /// <summary>For mocking.</summary>
    protected PoliciesClient()
    {
    }

    /// <summary>Reads a policy's details: status, dates and currency.</summary>
    /// <param name="policyId">
    /// The policy. When null: <see cref="CoverClientOptions.PolicyId"/>, else the customer's policy as the service
    /// chooses it (of several, the live one, which applications go under); when the service needs a policy id there,
    /// the live one of the policies the customer's covers name.
    /// </param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy: the one asked for, never another the answer names.</returns>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks, or longer than 20 characters without the blanks around it, or <paramref name="options"/> holds a correlation id or header that cannot be sent; nothing was sent.</exception>
    /// <exception cref="CoverNotFoundException">The service answered no policy.</exception>
    /// <exception cref="InvalidOperationException">No policy id was given or configured, and the service answered several policies none or more than one of which is live; or it needs a policy id, and the customer's covers name no live policy or several.</exception>
    /// <exception cref="CoverApiException">The service refused the call or could not be reached; or it answered the details of another policy than the one asked for.</exception>
    public virtual async Task<CoverResponse<Policy>> GetAsync(string? policyId = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var core = _core ?? throw new InvalidOperationException("This instance was created for mocking.");
        policyId = CoverArgument.PolicyId(policyId, nameof(policyId));
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);
        policyId = (policyId ?? core.Options.PolicyId)?.Trim();
        (List<Policy> Policies, CoverResponseInfo Info) answer;
        try
        {
            answer = await ReadAsync(core, policyId, call, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverApiException refusal) when (policyId is null && LivePolicyFinder.NeedsPolicyId(refusal))
        {
            policyId = await core.PolicyIdAsync(null, call, cancellationToken).ConfigureAwait(false);
            answer = await ReadAsync(core, policyId, call, cancellationToken).ConfigureAwait(false);
        }

        var (policies, info) = answer;
        if (policies.Count == 0)
        {
            throw new CoverNotFoundException("The Cover API answered no policy details.", info.Status, correlationId: info.CorrelationId, headers: info.Headers);
        }

        if (policyId is null)
        {
            // The service chose: its one policy as it stands (live or not), or, of several, the live one applications go under.
            return new CoverResponse<Policy>(policies.Count == 1 ? policies[0] : LivePolicyFinder.Choose(policies), info);
        }

        // Ids compare as the details read them, without blanks around them. The service may write the id asked for in
        // another case or with leading zeros (no format is known): the one policy of its answer is then that policy;
        // of several, only the one written as asked for is.
        var asked = policies.FirstOrDefault(p => string.Equals(p.PolicyId, policyId, StringComparison.Ordinal))
            ?? (policies.Count == 1 && IsSamePolicyId(policies[0].PolicyId, policyId) ? policies[0] : null);
        if (asked is null)
        {
            throw CoverApiExceptionFactory.AnsweredAnother(("policy", "policies"), policies.Select(p => p.PolicyId), policyId, info);
        }

        return new CoverResponse<Policy>(asked, info);
    }

    private static bool IsSamePolicyId(string answered, string asked) =>
        string.Equals(answered.TrimStart('0'), asked.TrimStart('0'), StringComparison.OrdinalIgnoreCase);

    private static Task<(List<Policy> Items, CoverResponseInfo Info)> ReadAsync(CoverClientCore core, string? policyId, CoverRequestOptions call, CancellationToken cancellationToken) =>
        core.Transport.GetAllAsync(CoverRoutes.WithQuery(CoverRoutes.PolicyDetails, ("policyId", policyId)), CoverJsonContext.Default.PolicyDetails, CoverMapper.ToPolicy, call, cancellationToken);
}
