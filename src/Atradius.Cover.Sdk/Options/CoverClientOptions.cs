namespace Atradius.Cover.Sdk;

/// <summary>
/// Settings of a <see cref="CoverClient"/>: where the API and the token endpoint live, the client
/// credentials, and how the HTTP pipeline behaves. Bindable from configuration.
/// </summary>
public sealed class CoverClientOptions
{
    /// <summary>The scope that allows reading buyers, applications and decisions.</summary>
    public const string ReadScope = "cover:read";

    /// <summary>The scope that allows applying for and changing cover.</summary>
    public const string WriteScope = "cover:write";

    /// <summary>
    /// Gets or sets the root address of the Cover API. Required; must use https, except for loopback hosts
    /// (127.0.0.0/8, ::1, localhost) where http is allowed for local testing.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Gets or sets the token endpoint, e.g. <c>https://.../oauth2/token</c> or <c>https://.../authenticate/v2/tokens</c>.
    /// Required; https only, except for loopback hosts.
    /// </summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the shape of the token endpoint. Default: <see cref="CoverTokenEndpointStyle.OAuth2"/>.</summary>
    public CoverTokenEndpointStyle TokenEndpointStyle { get; set; } = CoverTokenEndpointStyle.OAuth2;

    /// <summary>Gets or sets the OAuth 2.0 client id. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 client secret. Required; never logged and never shown by <see cref="ToString"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Gets or sets the Atradius application key, sent as <c>Atradius-App-Key</c> on every API call (and to an
    /// Atradius-style token endpoint). Optional; never logged and never shown by <see cref="ToString"/>.
    /// </summary>
    public string? AppKey { get; set; }

    /// <summary>
    /// Gets the scopes to request. When left empty, both <see cref="ReadScope"/> and <see cref="WriteScope"/>
    /// are requested, so that a client configured with only credentials can use every operation.
    /// </summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>Gets the retry, timeout and circuit-breaker settings.</summary>
    public CoverResilienceOptions Resilience { get; } = new();

    /// <summary>
    /// Gets or sets how long before its expiry an access token is renewed (a small random amount is added so
    /// that hosts sharing a token do not all renew at once). Default: 60 seconds.
    /// </summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets text appended to the <c>User-Agent</c> header, e.g. your product and version. Optional.</summary>
    public string? UserAgentSuffix { get; set; }

    /// <summary>
    /// Gets or sets whether request and response bodies are logged at <c>Trace</c> level. Default: false,
    /// because bodies hold business data about your customers.
    /// </summary>
    public bool LogBodies { get; set; }

    /// <summary>Gets or sets how often a referred application is polled while waiting for a decision. Default: 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long to wait for an underwriter's decision before giving up. Default: 10 minutes.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets the scopes actually requested: <see cref="Scopes"/>, or both Cover scopes when it is empty.
    /// </summary>
    internal IReadOnlyList<string> EffectiveScopes
    {
        get
        {
            var scopes = Scopes.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
            return scopes.Count == 0 ? [ReadScope, WriteScope] : scopes;
        }
    }

    /// <summary>Describes the settings without the client secret or the application key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString()
    {
        return "CoverClientOptions { "
            + $"BaseAddress = {BaseAddress}, TokenEndpoint = {TokenEndpoint}, TokenEndpointStyle = {TokenEndpointStyle}, "
            + $"ClientId = {ClientId}, ClientSecret = {Redacted(ClientSecret)}, AppKey = {Redacted(AppKey)}, "
            + $"Scopes = [{string.Join(" ", EffectiveScopes)}] }}";
    }

    private static string Redacted(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "***";
}
