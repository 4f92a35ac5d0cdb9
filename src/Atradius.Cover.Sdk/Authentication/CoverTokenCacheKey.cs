using System.Security.Cryptography;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Names a token by everything that makes it differ: endpoint style, token endpoint, client id, scopes, and the
/// secret and app key it was asked for with. Two registrations with the same credentials share a token; different
/// customers, or one client id registered with another secret or app key, never do.
/// </summary>
internal static class CoverTokenCacheKey
{
    public static string For(CoverClientOptions options)
    {
        var scopes = string.Join(" ", options.EffectiveScopes.OrderBy(s => s, StringComparer.Ordinal));

        // The secret and app key enter the key only as a hash, so the key can sit in memory without holding them.
        var credentials = Hex(options.ClientSecret + "\n" + options.AppKey);
        return $"{options.TokenEndpointStyle}|{options.EffectiveTokenEndpoint!.AbsoluteUri}|{options.ClientId}|{scopes}|{credentials}";
    }

    /// <summary>A key for a shared cache that does not reveal the client id or the endpoint.</summary>
    public static string Hashed(string key) => "Atradius.Cover.Sdk:token:" + Hex(key);

    private static string Hex(string text)
    {
#if NET8_0_OR_GREATER
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
#else
        using var sha = SHA256.Create();
        return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty);
#endif
    }
}
