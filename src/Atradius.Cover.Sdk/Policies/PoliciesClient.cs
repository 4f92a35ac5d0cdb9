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
    /// <param name="policyId">The policy; the customer's policy (as the service chooses) when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="CoverNotFoundException">The service answered no policy.</exception>
    /// <exception cref="CoverApiException">The service refused the call or could not be reached.</exception>
    public virtual async Task<CoverResponse<Policy>> GetAsync(string? policyId = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var core = _core ?? throw new InvalidOperationException("This instance was created for mocking.");
        policyId = CoverArgument.PolicyId(policyId, nameof(policyId));
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);
        var (policy, info) = await core.Transport.GetFirstAsync(CoverRoutes.WithQuery(CoverRoutes.PolicyDetails, ("policyId", policyId)), CoverJsonContext.Default.PolicyDetails, call, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            throw new CoverNotFoundException("The Cover API answered no policy details.", info.Status, correlationId: info.CorrelationId, headers: info.Headers);
        }

        return new CoverResponse<Policy>(CoverMapper.ToPolicy(policy), info);
    }
}
