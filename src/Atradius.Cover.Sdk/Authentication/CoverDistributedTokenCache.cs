using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Shares tokens across a fleet of hosts through <see cref="IDistributedCache"/>. Tokens are stored
/// protected by <see cref="IDataProtector"/> (never in clear text), under a hashed key, and expire from the
/// cache when the token does.
/// </summary>
internal sealed class CoverDistributedTokenCache
{
    /// <summary>Purpose string of the protector; bump the version if the stored shape changes.</summary>
    public const string Purpose = "Atradius.Cover.Sdk.AccessToken.v2";

    private readonly IDistributedCache _cache;
    private readonly IDataProtector _protector;

    public CoverDistributedTokenCache(IDistributedCache cache, IDataProtectionProvider protectionProvider)
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _protector = (protectionProvider ?? throw new ArgumentNullException(nameof(protectionProvider))).CreateProtector(Purpose);
    }

    /// <summary>Returns the stored token and its expiry, or null when absent or unreadable.</summary>
    public async Task<(string Value, DateTimeOffset ExpiresAt)?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var hashed = CoverTokenCacheKey.Hashed(key);
        var stored = await _cache.GetAsync(hashed, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Length == 0)
        {
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize(_protector.Unprotect(stored), CoverTokenCacheJsonContext.Default.CoverTokenCacheEntry);
            // Anyone who can write to the cache could copy one customer's entry under another's key: the entry names
            // the key it was written under, inside the protection, and is that key's token only then.
            return entry?.Token is { Length: > 0 } token && string.Equals(entry.Key, hashed, StringComparison.Ordinal)
                ? (token, DateTimeOffset.FromUnixTimeSeconds(entry.ExpiresAtUnix))
                : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            // Written with a key this host no longer has, or by another version: fetch a new token instead.
            return null;
        }
    }

    public Task SetAsync(string key, CoverAccessToken token, CancellationToken cancellationToken = default)
    {
        var hashed = CoverTokenCacheKey.Hashed(key);
        var entry = new CoverTokenCacheEntry { Key = hashed, Token = token.Value, ExpiresAtUnix = token.ExpiresAt.ToUnixTimeSeconds() };
        var protectedBytes = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(entry, CoverTokenCacheJsonContext.Default.CoverTokenCacheEntry));
        return _cache.SetAsync(
            hashed,
            protectedBytes,
            new DistributedCacheEntryOptions { AbsoluteExpiration = token.ExpiresAt },
            cancellationToken);
    }
}
