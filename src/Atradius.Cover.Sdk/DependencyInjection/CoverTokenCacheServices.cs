namespace Atradius.Cover.Sdk;

/// <summary>
/// Options of nothing: what <see cref="CoverClientBuilder.UseDistributedTokenCache"/> validates at host start, the
/// services a shared token cache needs. Kept apart from <see cref="CoverTokenCacheSettings"/>, which the token
/// provider reads, so that a service provider never started as a host still meets the provider's own check.
/// </summary>
internal sealed class CoverTokenCacheServices
{
}
