using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>The Atradius token route and the optional standard OAuth 2.0 one (not an Atradius route; kept for gateways that speak it).</summary>
internal static class TokenEndpoints
{
    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        app.MapPost(Http.AtradiusTokenPath, context => AtradiusAsync(context, runtime));
        app.MapPost(Http.OAuth2TokenPath, context => OAuth2Async(context, runtime));
    }

    private static async Task AtradiusAsync(HttpContext context, SandboxRuntime runtime)
    {
        context.Response.Headers.CacheControl = "no-store";
        var (clientId, secret) = Basic(context, formEncoded: false);
        if (Authenticate(runtime, clientId, secret) is not { } client)
        {
            await Http.WriteFaultAsync(context, 401, "Invalid client identifier", "oauth.v2.InvalidClientIdentifier").ConfigureAwait(false);
            return;
        }

        if (client.AppKey is not null && context.Request.Headers[Http.AppKeyHeader].ToString() != client.AppKey)
        {
            await Http.WriteFaultAsync(context, 401, "Invalid ApiKey", "oauth.v2.InvalidApiKey").ConfigureAwait(false);
            return;
        }

        var body = Http.Body(context);
        if (body.Length > 0)
        {
            using var document = JsonFields.Parse(body, out var error);
            if (document is null)
            {
                await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
                return;
            }
        }

        var token = runtime.Tokens.Issue(client.ClientId);
        await Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteString("access_token", token);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", runtime.Tokens.ExpiresInSeconds);
            w.WriteEndObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task OAuth2Async(HttpContext context, SandboxRuntime runtime)
    {
        context.Response.Headers.CacheControl = "no-store";
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        try
        {
            form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(Http.Body(context)));
        }
        catch (ArgumentException)
        {
            await OAuth2ErrorAsync(context, 400, "invalid_request", "The form is not valid.").ConfigureAwait(false);
            return;
        }

        var (clientId, secret) = Basic(context, formEncoded: true);
        clientId ??= form.GetValueOrDefault("client_id").ToString();
        secret ??= form.GetValueOrDefault("client_secret").ToString();
        var grantType = form.GetValueOrDefault("grant_type").ToString();
        if (grantType.Length == 0)
        {
            await OAuth2ErrorAsync(context, 400, "invalid_request", "grant_type is required.").ConfigureAwait(false);
            return;
        }

        if (grantType != "client_credentials")
        {
            await OAuth2ErrorAsync(context, 400, "unsupported_grant_type", "Only client_credentials is supported.").ConfigureAwait(false);
            return;
        }

        if (Authenticate(runtime, clientId, secret) is not { } client)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"atradius-cover\"";
            await OAuth2ErrorAsync(context, 401, "invalid_client", "Client authentication failed.").ConfigureAwait(false);
            return;
        }

        // No scopes exist: a scope asked for is ignored, not refused, and none is granted.
        var token = runtime.Tokens.Issue(client.ClientId);
        await Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", runtime.Tokens.ExpiresInSeconds);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static SandboxClient? Authenticate(SandboxRuntime runtime, string? clientId, string? secret) =>
        string.IsNullOrEmpty(clientId) || runtime.FindClient(clientId) is not { } client
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.ClientSecret), Encoding.UTF8.GetBytes(secret ?? ""))
            ? null
            : client;

    /// <summary>
    /// The credentials of an HTTP Basic header. The Atradius route takes them as plain HTTP Basic
    /// (<c>base64(client_id:client_secret)</c>), as the real service's clients send them; only the OAuth 2.0
    /// route form-encodes them first (RFC 6749, section 2.3.1), so only there are they decoded again.
    /// </summary>
    private static (string? ClientId, string? Secret) Basic(HttpContext context, bool formEncoded)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return (decoded, "");
            }

            var (id, secret) = (decoded[..colon], decoded[(colon + 1)..]);
            return formEncoded ? (Uri.UnescapeDataString(id.Replace('+', ' ')), Uri.UnescapeDataString(secret.Replace('+', ' '))) : (id, secret);
        }
        catch (FormatException)
        {
            return ("", "");
        }
    }

    private static Task OAuth2ErrorAsync(HttpContext context, int status, string error, string description) =>
        Http.WriteAsync(context, status, (Utf8JsonWriter w) =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });
}
