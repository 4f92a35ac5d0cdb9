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
    /// chooses it; when the service needs a policy id there, the live one of the policies the customer's covers name.
    /// </param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks, or longer than 20 characters without the blanks around it, or <paramref name="options"/> holds a correlation id or header that cannot be sent; nothing was sent.</exception>
    /// <exception cref="CoverNotFoundException">The service answered no policy.</exception>
    /// <exception cref="InvalidOperationException">No policy id was given or configured, the service needs one, and the customer's covers name no live policy or several.</exception>
    /// <exception cref="CoverApiException">The service refused the call or could not be reached.</exception>
    public virtual async Task<CoverResponse<Policy>> GetAsync(string? policyId = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var core = _core ?? throw new InvalidOperationException("This instance was created for mocking.");
        policyId = CoverArgument.PolicyId(policyId, nameof(policyId));
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);
        policyId ??= core.Options.PolicyId;
        (Policy? Policy, CoverResponseInfo Info) answer;
        try
        {
            answer = await core.Transport.GetFirstAsync(CoverRoutes.WithQuery(CoverRoutes.PolicyDetails, ("policyId", policyId)), CoverJsonContext.Default.PolicyDetails, CoverMapper.ToPolicy, call, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverApiException refusal) when (policyId is null && LivePolicyFinder.NeedsPolicyId(refusal))
        {
            var found = await core.PolicyIdAsync(null, call, cancellationToken).ConfigureAwait(false);
            answer = await core.Transport.GetFirstAsync(CoverRoutes.WithQuery(CoverRoutes.PolicyDetails, ("policyId", found)), CoverJsonContext.Default.PolicyDetails, CoverMapper.ToPolicy, call, cancellationToken).ConfigureAwait(false);
        }

        var (policy, info) = answer;
        if (policy is null)
        {
            throw new CoverNotFoundException("The Cover API answered no policy details.", info.Status, correlationId: info.CorrelationId, headers: info.Headers);
        }

        return new CoverResponse<Policy>(policy, info);
    }
}
