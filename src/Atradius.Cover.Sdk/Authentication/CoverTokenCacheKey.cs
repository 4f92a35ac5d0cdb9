using System.Security.Cryptography;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Names a token by everything that makes it differ: endpoint style, token endpoint, client id and scopes.
/// Two registrations with the same credentials share a token; different customers never do.
/// </summary>
internal static class CoverTokenCacheKey
{
    public static string For(CoverClientOptions options)
    {
        var scopes = string.Join(" ", options.EffectiveScopes.OrderBy(s => s, StringComparer.Ordinal));
        return $"{options.TokenEndpointStyle}|{options.EffectiveTokenEndpoint!.AbsoluteUri}|{options.ClientId}|{scopes}";
    }

    /// <summary>A key for a shared cache that does not reveal the client id or the endpoint.</summary>
    public static string Hashed(string key)
    {
#if NET8_0_OR_GREATER
        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
#else
        using var sha = SHA256.Create();
        var hex = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(key))).Replace("-", string.Empty);
#endif
        return "Atradius.Cover.Sdk:token:" + hex;
    }
}
