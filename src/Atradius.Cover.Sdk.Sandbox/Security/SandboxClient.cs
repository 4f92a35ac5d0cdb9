namespace Atradius.Cover.Sdk.Sandbox.Security;

/// <summary>Client credentials the sandbox accepts, and whose customer they act for.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ClientSecret">The client secret.</param>
/// <param name="AppKey">The application key every call must carry in <c>Atradius-App-Key</c>; null when the client has none.</param>
/// <param name="CustomerId">The customer the client acts for: it sees only this customer's policies and covers.</param>
/// <param name="PolicyId">The customer's policy the client is set up with (what an SDK's <c>PolicyId</c> option holds).</param>
/// <param name="CanWrite">False for a read-only client: its applications and changes answer 403.</param>
public sealed record SandboxClient(string ClientId, string ClientSecret, string? AppKey, long CustomerId, string PolicyId, bool CanWrite = true)
{
    /// <summary>Hides the secret, so credentials printed in a test log do not leak it.</summary>
    /// <returns>The client id, app key, customer and policy.</returns>
    public override string ToString() => $"SandboxClient {{ ClientId = {ClientId}, AppKey = {AppKey}, CustomerId = {CustomerId}, PolicyId = {PolicyId}, CanWrite = {CanWrite} }}";
}
