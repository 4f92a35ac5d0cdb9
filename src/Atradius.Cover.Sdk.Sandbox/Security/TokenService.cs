using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Atradius.Cover.Sdk.Sandbox.Security;

/// <summary>
/// Issues and checks self-contained tokens: client id, scopes and expiry, signed with HMAC-SHA256
/// under a key drawn per sandbox. Nothing is stored, yet a forged or altered token is detected.
/// </summary>
internal sealed class TokenService
{
    private const string Prefix = "sbx1";
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _clock;

    public TokenService(TimeProvider clock, TimeSpan lifetime)
    {
        _clock = clock;
        Lifetime = lifetime;
    }

    public TimeSpan Lifetime { get; }

    public string Issue(string clientId, IReadOnlyList<string> scopes)
    {
        var expires = _clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{clientId}\n{string.Join(' ', scopes)}\n{expires.ToString(CultureInfo.InvariantCulture)}"));
        var signed = $"{Prefix}.{payload}";
        return $"{signed}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary>Checks a token; answers the reason it is refused, or null when it is good.</summary>
    public string? Validate(string token, out string clientId, out IReadOnlyList<string> scopes)
    {
        clientId = "";
        scopes = [];
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix)
        {
            return "The access token is malformed.";
        }

        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return "The access token is malformed.";
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return "The access token signature is invalid.";
        }

        var fields = Encoding.UTF8.GetString(payload).Split('\n');
        if (fields.Length != 3 || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return "The access token is malformed.";
        }

        if (_clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return "The access token has expired.";
        }

        clientId = fields[0];
        scopes = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return null;
    }
}
