namespace Atradius.Cover.Sdk;

/// <summary>An access token with the moments it expires and is due for renewal.</summary>
internal sealed class CoverAccessToken
{
    public CoverAccessToken(string value, DateTimeOffset expiresAt, DateTimeOffset renewAt)
    {
        Value = value;
        ExpiresAt = expiresAt;
        RenewAt = renewAt;
    }

    public string Value { get; }

    public DateTimeOffset ExpiresAt { get; }

    public DateTimeOffset RenewAt { get; }

    public bool IsFresh(DateTimeOffset now) => now < RenewAt;

    // The value must never reach a log line through string formatting.
    public override string ToString() => $"CoverAccessToken {{ Value = ***, ExpiresAt = {ExpiresAt:O} }}";
}
