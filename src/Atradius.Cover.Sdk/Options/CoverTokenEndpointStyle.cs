namespace Atradius.Cover.Sdk;

/// <summary>
/// The shape of the token endpoint the SDK talks to when it obtains an access token.
/// </summary>
public enum CoverTokenEndpointStyle
{
    /// <summary>
    /// A standard OAuth 2.0 token endpoint (RFC 6749): <c>POST</c> with a form-encoded
    /// <c>grant_type=client_credentials</c> and <c>scope</c> (only when configured), client credentials in an HTTP Basic header.
    /// </summary>
    OAuth2 = 1,

    /// <summary>
    /// The Atradius style (<c>POST /authenticate/v2/tokens</c>): HTTP Basic with the client id and secret,
    /// the <c>Atradius-App-Key</c> header and an empty JSON body; the token is wrapped in a <c>data</c> object.
    /// </summary>
    Atradius = 0,
}
