namespace Atradius.Cover.Sdk.Sandbox.Security;

/// <summary>Client credentials the sandbox accepts.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ClientSecret">The client secret.</param>
/// <param name="AppKey">The application key API calls must carry in <c>Atradius-App-Key</c>; null when the client has none.</param>
/// <param name="Scopes">The scopes the client may be granted (<c>cover:read</c>, <c>cover:write</c>).</param>
public sealed record SandboxClient(string ClientId, string ClientSecret, string? AppKey, IReadOnlyList<string> Scopes)
{
    /// <summary>The scope that grants every GET.</summary>
    public const string ReadScope = "cover:read";

    /// <summary>The scope that grants POST and PUT.</summary>
    public const string WriteScope = "cover:write";

    /// <summary>The scopes joined with spaces, as the OAuth 2.0 <c>scope</c> parameter wants them.</summary>
    public string Scope => string.Join(' ', Scopes);

    /// <summary>Hides the secret, so credentials printed in a test log do not leak it.</summary>
    /// <returns>The client id, app key and scopes.</returns>
    public override string ToString() => $"SandboxClient {{ ClientId = {ClientId}, AppKey = {AppKey}, Scopes = {Scope} }}";
}
