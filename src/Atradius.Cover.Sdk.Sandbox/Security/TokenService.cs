using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Atradius.Cover.Sdk.Sandbox.Security;

/// <summary>
/// Issues and checks self-contained tokens: client id and expiry, signed with HMAC-SHA256 under a
/// key drawn per sandbox. Nothing is stored, yet a forged or altered token is detected. No scopes:
/// the real service grants none.
/// </summary>
internal sealed class TokenService(TimeProvider clock, TimeSpan lifetime)
{
    // sbx3 holds the expiry in Unix milliseconds, sbx2 held whole seconds. No token outlives its sandbox (the key is
    // drawn per sandbox and never saved), so no sbx2 token is left to read.
    private const string Prefix = "sbx3";
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The <c>expires_in</c> answered: the whole seconds of the lifetime, never more than the token lives.</summary>
    public long ExpiresInSeconds => Lifetime.Ticks / TimeSpan.TicksPerSecond;

    public string Issue(string clientId)
    {
        // Rounded up to the millisecond: cut to whole seconds, a token issued late in a second died up to a second
        // before the expires_in it was answered with.
        var expiresAt = clock.GetUtcNow().Add(Lifetime);
        var expires = expiresAt.ToUnixTimeMilliseconds();
        if (DateTimeOffset.FromUnixTimeMilliseconds(expires) < expiresAt)
        {
            expires++;
        }

        var payload = Encode(Encoding.UTF8.GetBytes($"{clientId}\n{expires.ToString(CultureInfo.InvariantCulture)}"));
        var signed = $"{Prefix}.{payload}";
        return $"{signed}.{Encode(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary>Checks a token; answers the reason it is refused, or null when it is good.</summary>
    public string? Validate(string token, out string clientId)
    {
        clientId = "";
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix || Decode(parts[1]) is not { } payload || Decode(parts[2]) is not { } signature)
        {
            return "Invalid access token";
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return "Invalid access token";
        }

        var fields = Encoding.UTF8.GetString(payload).Split('\n');
        if (fields.Length != 2 || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return "Invalid access token";
        }

        if (clock.GetUtcNow().ToUnixTimeMilliseconds() >= expires)
        {
            return "Access Token expired";
        }

        clientId = fields[0];
        return null;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
