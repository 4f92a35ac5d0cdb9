using Atradius.Cover.Sdk.Benchmarks.Wire;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>Where the contenders send their calls, and with which credentials and customer.</summary>
/// <param name="BaseAddress">The host root, ending in '/'.</param>
/// <param name="ClientId">Client id.</param>
/// <param name="ClientSecret">Client secret.</param>
/// <param name="AppKey">App key sent with the token request and every API call.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="PolicyId">The policy.</param>
public sealed record BenchEndpoint(Uri BaseAddress, string ClientId, string ClientSecret, string AppKey, long CustomerId, string PolicyId)
{
    /// <summary>The canned API: no network, any credentials accepted.</summary>
    public static BenchEndpoint Canned { get; } = new(
        new Uri("https://api.cover.bench/"), "bench-client", "bench-secret", "bench-app-key", CannedBodies.CustomerId, CannedBodies.PolicyId);

    /// <summary>The route of the token, under the host root as the SDK's default.</summary>
    public Uri TokenEndpoint => new(BaseAddress, "authenticate/v2/tokens");
}
