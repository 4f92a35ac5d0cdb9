using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>
/// The routes the gateway knows, as the contract lists them. A path or method not listed here is
/// refused with 403 before anything else, as the real gateway does; a method outside HTTP's usual
/// set is refused with 405 even before that, whatever the content type.
/// </summary>
internal static class RouteTable
{
    private static readonly string[] UsualMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public static bool IsUsualMethod(string method) => UsualMethods.Contains(method, StringComparer.OrdinalIgnoreCase);

    public static bool IsToken(PathString path) => path.Equals(Http.AtradiusTokenPath, StringComparison.Ordinal) || path.Equals(Http.OAuth2TokenPath, StringComparison.Ordinal);

    public static bool IsAdmin(PathString path) => path.StartsWithSegments(Http.AdminPrefix, StringComparison.Ordinal);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/credit-insurance", StringComparison.Ordinal);

    public static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);

    /// <summary>
    /// True when some request matching <paramref name="method"/> and <paramref name="path"/> (either one any when null)
    /// is a route the sandbox serves.
    /// </summary>
    public static bool AnyKnown(string? method, string? path, bool oauth2TokenRoute)
    {
        string[] methods = method is null ? ["GET", "POST", "PUT", "PATCH"] : [method];
        return path is null
            ? methods.Any(m => HttpMethods.IsGet(m) || HttpMethods.IsPost(m) || HttpMethods.IsPut(m) || HttpMethods.IsPatch(m))
            : methods.Any(m => IsKnown(m, path, oauth2TokenRoute));
    }

    /// <summary>
    /// True when the sandbox serves this method on this path: the contract's routes, the OAuth 2.0 token route only
    /// when <paramref name="oauth2TokenRoute"/> (a gateway's in front of the API, not the Atradius gateway's).
    /// </summary>
    public static bool IsKnown(string method, string path, bool oauth2TokenRoute)
    {
        var get = HttpMethods.IsGet(method);
        switch (path)
        {
            case Http.AtradiusTokenPath:
                return HttpMethods.IsPost(method);
            case Http.OAuth2TokenPath:
                return oauth2TokenRoute && HttpMethods.IsPost(method);
            case Http.PolicyPath:
            case Http.BuyersPath:
            case Http.BuyersPath + "/my-buyers":
            case Http.CoversPath + "/decisions":
            case Http.CoversPath + "/applications":
            case Http.CoversPath + "/historic":
                return get;
            case Http.CoversPath:
                return get || HttpMethods.IsPost(method) || HttpMethods.IsPut(method);
        }

        if (path.StartsWith(Http.BuyersPath + "/", StringComparison.Ordinal))
        {
            return get && path.IndexOf('/', Http.BuyersPath.Length + 1) < 0;
        }

        if (path.StartsWith(Http.CoversPath + "/", StringComparison.Ordinal) && path.EndsWith("/cover-type", StringComparison.Ordinal))
        {
            var id = path[(Http.CoversPath.Length + 1)..^"/cover-type".Length];
            return HttpMethods.IsPatch(method) && id.Length > 0 && !id.Contains('/', StringComparison.Ordinal);
        }

        return false;
    }
}
