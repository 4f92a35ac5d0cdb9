namespace Atradius.Cover.Sdk;

/// <summary>
/// Settings of a <see cref="CoverClient"/>: where the API and the token endpoint live, the client
/// credentials, and how the HTTP pipeline behaves. Bindable from configuration.
/// </summary>
/// <remarks>
/// <see cref="CoverClient(CoverClientOptions)"/> validates and keeps a copy of these settings: changing this
/// object after the client is built has no effect on that client (build a new client to use new settings).
/// Through <c>AddAtradiusCover</c> each registration's settings are read and validated once, at its first use, and
/// the client and its HTTP pipeline keep that copy: a configuration reload takes effect when the application restarts.
/// </remarks>
public sealed class CoverClientOptions
{
    /// <summary>
    /// Gets or sets the host root of the Cover API: <c>https://api.atradius.com/</c> (production) or
    /// <c>https://api-uat.atradius.com/</c> (UAT); the SDK adds the route paths. Required; https only, except for
    /// loopback hosts (127.0.0.0/8, ::1, localhost). A path is allowed only when it ends in '/' (a gateway
    /// mounted under a prefix); a wrong path is answered 403 by the gateway, which the SDK reports as a probably
    /// wrong BaseAddress.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Gets or sets the token endpoint. Optional: by default <see cref="BaseAddress"/> + <c>authenticate/v2/tokens</c>.
    /// https only, except for loopback hosts.
    /// </summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the shape of the token endpoint. Default: <see cref="CoverTokenEndpointStyle.Atradius"/>. <see cref="CoverTokenEndpointStyle.OAuth2"/> needs a <see cref="TokenEndpoint"/>.</summary>
    public CoverTokenEndpointStyle TokenEndpointStyle { get; set; } = CoverTokenEndpointStyle.Atradius;

    /// <summary>Gets or sets the customer (policy holder) id that every call is made for. Required.</summary>
    public long? CustomerId { get; set; }

    /// <summary>
    /// Gets or sets the policy every call is made under. Optional: when null the SDK reads the policy details
    /// (again after an hour, so that a long-running host follows a renewal) and uses the live policy (and refuses, with a message saying so, when there is none or several). When the
    /// service refuses the policy details without a policy id (400 or 422), the SDK reads the policies the customer's
    /// covers name instead, and uses the live one. Blanks around it are left out: the client sends
    /// <c>" 5012345 "</c> as <c>5012345</c>.
    /// </summary>
    public string? PolicyId { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 client id. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 client secret. Required; never logged and never shown by <see cref="ToString"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Gets or sets the Atradius application key, sent as <c>Atradius-App-Key</c> on every API call (and to an
    /// Atradius-style token endpoint). Required when <see cref="BaseAddress"/> is an Atradius host (<c>*.atradius.com</c>),
    /// which reads it on every call; another host (a sandbox, or a gateway of your own that adds the key itself) may go
    /// without. Never logged and never shown by <see cref="ToString"/>.
    /// </summary>
    public string? AppKey { get; set; }

    /// <summary>
    /// Gets the scopes to request from an OAuth 2.0 token endpoint. Empty by default, and then no scope is sent:
    /// the Atradius service neither requests nor grants scopes.
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
    /// A copy that shares nothing mutable with this instance (the scopes and the resilience settings are copied
    /// too), so that a client built from it is unaffected by later changes to the caller's object. Every settable
    /// property must be copied here; a test sets each one by reflection and checks the copy.
    /// </summary>
    /// <returns>The copy.</returns>
    internal CoverClientOptions Clone()
    {
        var copy = new CoverClientOptions
        {
            BaseAddress = BaseAddress,
            TokenEndpoint = TokenEndpoint,
            TokenEndpointStyle = TokenEndpointStyle,
            CustomerId = CustomerId,
            // Sent as the policy of every call that names none, and the service does not accept blanks around an identifier.
            PolicyId = PolicyId?.Trim(),
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            AppKey = AppKey,
            TokenRefreshSkew = TokenRefreshSkew,
            UserAgentSuffix = UserAgentSuffix,
            LogBodies = LogBodies,
            PollInterval = PollInterval,
            WaitTimeout = WaitTimeout,
        };
        foreach (var scope in Scopes)
        {
            copy.Scopes.Add(scope);
        }

        Resilience.CopyTo(copy.Resilience);
        return copy;
    }

    /// <summary>Gets the scopes actually requested: <see cref="Scopes"/> without blanks and duplicates.</summary>
    internal IReadOnlyList<string> EffectiveScopes =>
        Scopes.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Gets the token endpoint actually used: <see cref="TokenEndpoint"/>, else the Atradius route under <see cref="BaseAddress"/>.</summary>
    internal Uri? EffectiveTokenEndpoint =>
        TokenEndpoint ?? (BaseAddress is { IsAbsoluteUri: true } root ? new Uri(CoverHttpClientFactory.WithTrailingSlash(root), CoverRoutes.Token) : null);

    /// <summary>
    /// Describes the settings without the client secret, the application key, credentials in an address, or the values of
    /// an address's query (a gateway's subscription key may be one: the names are kept, each value shows as <c>REDACTED</c>).
    /// </summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString()
    {
        return "CoverClientOptions { "
            + $"BaseAddress = {Describe(BaseAddress)}, TokenEndpoint = {Describe(EffectiveTokenEndpoint)}, TokenEndpointStyle = {TokenEndpointStyle}, CustomerId = {CustomerId}, PolicyId = {PolicyId}, "
            + $"ClientId = {ClientId}, ClientSecret = {Redacted(ClientSecret)}, AppKey = {Redacted(AppKey)}, "
            + $"Scopes = [{string.Join(" ", EffectiveScopes)}] }}";
    }

    private static string Redacted(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "***";

    // An address as traces show it: no user information, no query values, no fragment. A relative one (refused by the
    // validation, but described all the same) loses everything from its query on.
    private static string? Describe(Uri? address)
    {
        if (address is null || address.IsAbsoluteUri)
        {
            return CoverDiagnostics.RedactedUrl(address);
        }

        var text = address.OriginalString;
        var end = text.IndexOfAny(['?', '#']);
        return end < 0 ? text : text.Substring(0, end);
    }
}
