namespace Atradius.Cover.Sdk;

/// <summary>Per-registration choice of token cache, set by <see cref="CoverClientBuilder.UseDistributedTokenCache"/>.</summary>
internal sealed class CoverTokenCacheSettings
{
    public bool UseDistributedCache { get; set; }
}
