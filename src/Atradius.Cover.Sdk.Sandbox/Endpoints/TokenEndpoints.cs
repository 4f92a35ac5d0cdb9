using System.Text;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>The two token endpoints: OAuth 2.0 (RFC 6749 4.4) and the Atradius style.</summary>
internal static class TokenEndpoints
{
    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        app.MapPost(SandboxPipeline.OAuth2TokenPath, context => OAuth2Async(context, runtime));
        app.MapPost(SandboxPipeline.AtradiusTokenPath, context => AtradiusAsync(context, runtime));
    }

    private static async Task OAuth2Async(HttpContext context, SandboxRuntime runtime)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            await OAuth2ErrorAsync(context, 400, "invalid_request", "The body must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var (clientId, secret) = Basic(context);
        clientId ??= form["client_id"].ToString();
        secret ??= form["client_secret"].ToString();

        var grantType = form["grant_type"].ToString();
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

        var client = Authenticate(runtime, clientId, secret);
        if (client is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"atradius-cover\"";
            await OAuth2ErrorAsync(context, 401, "invalid_client", "Client authentication failed.").ConfigureAwait(false);
            return;
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requested.FirstOrDefault(s => !client.Scopes.Contains(s)) is { } refused)
        {
            await OAuth2ErrorAsync(context, 400, "invalid_scope", $"The client may not be granted the scope {refused}.").ConfigureAwait(false);
            return;
        }

        // No scope asked: grant all the client has (RFC 6749 3.3 lets the server pick a default).
        IReadOnlyList<string> granted = requested.Length == 0 ? client.Scopes : requested.Distinct().ToList();
        var token = runtime.Tokens.Issue(client.ClientId, granted);
        var answer = new OAuth2TokenResponseDto(token, "Bearer", (int)runtime.Tokens.Lifetime.TotalSeconds, string.Join(' ', granted));
        await Http.WriteJsonAsync(context, 200, answer, SandboxJsonContext.Default.OAuth2TokenResponseDto).ConfigureAwait(false);
    }

    private static async Task AtradiusAsync(HttpContext context, SandboxRuntime runtime)
    {
        context.Response.Headers.CacheControl = "no-store";
        var (clientId, secret) = Basic(context);
        var client = Authenticate(runtime, clientId, secret);
        if (client is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"atradius-cover\"";
            await Http.WriteErrorAsync(context, new ApiError(401, "INVALID_CLIENT", "Client authentication failed.")).ConfigureAwait(false);
            return;
        }

        if (client.AppKey is not null && context.Request.Headers[Http.AppKeyHeader].ToString() != client.AppKey)
        {
            await Http.WriteErrorAsync(context, new ApiError(401, "INVALID_APP_KEY", $"The {Http.AppKeyHeader} header is missing or does not belong to this client.", Parameter: Http.AppKeyHeader)).ConfigureAwait(false);
            return;
        }

        using var document = JsonFields.Parse(Http.Body(context), out var error);
        if (document is null)
        {
            await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var token = runtime.Tokens.Issue(client.ClientId, client.Scopes);
        var answer = new AtradiusTokenResponseDto(new AccessTokenDto(token, "Bearer", (int)runtime.Tokens.Lifetime.TotalSeconds));
        await Http.WriteJsonAsync(context, 200, answer, SandboxJsonContext.Default.AtradiusTokenResponseDto).ConfigureAwait(false);
    }

    private static SandboxClient? Authenticate(SandboxRuntime runtime, string? clientId, string? secret) =>
        string.IsNullOrEmpty(clientId) || runtime.FindClient(clientId) is not { } client
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.ClientSecret), Encoding.UTF8.GetBytes(secret ?? ""))
            ? null
            : client;

    private static (string? ClientId, string? Secret) Basic(HttpContext context)
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
            return colon < 0
                ? (decoded, "")
                : (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
        }
        catch (FormatException)
        {
            return ("", "");
        }
    }

    private static Task OAuth2ErrorAsync(HttpContext context, int status, string error, string description) =>
        Http.WriteJsonAsync(context, status, new OAuth2ErrorDto(error, description), SandboxJsonContext.Default.OAuth2ErrorDto);
}
