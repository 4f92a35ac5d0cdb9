using System.Net;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Decides where credentials may travel: only to the configured API origin, and never in clear text
/// except to this machine.
/// </summary>
internal static class CoverEndpointPolicy
{
    /// <summary>True for localhost, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(Uri uri)
    {
        var host = uri.DnsSafeHost;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>True when both URIs share scheme, host and port.</summary>
    public static bool IsSameOrigin(Uri a, Uri b) =>
        a.IsAbsoluteUri && b.IsAbsoluteUri
        && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.DnsSafeHost, b.DnsSafeHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>
    /// True when a request to <paramref name="requestUri"/> may carry the bearer token and the app key.
    /// </summary>
    public static bool MayCarryCredentials(Uri? requestUri, Uri baseAddress) =>
        requestUri is not null
        && IsSameOrigin(requestUri, baseAddress)
        && (requestUri.Scheme == Uri.UriSchemeHttps || (requestUri.Scheme == Uri.UriSchemeHttp && IsLoopback(requestUri)));
}
