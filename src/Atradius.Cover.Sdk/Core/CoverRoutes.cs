using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Every route the SDK calls, in one place, relative to the host root (the contract's paths without their
/// leading '/', so that a BaseAddress ending in '/' keeps its own path).
/// </summary>
internal static class CoverRoutes
{
    public const string Token = "authenticate/v2/tokens";
    public const string PolicyDetails = "credit-insurance/policy-management/v1/policies/details";
    public const string Buyers = "credit-insurance/organisation-management/v1/buyers";
    public const string MyBuyers = "credit-insurance/organisation-management/v1/buyers/my-buyers";
    public const string Covers = "credit-insurance/cover-management/v1/covers";
    public const string CoverDecisions = "credit-insurance/cover-management/v1/covers/decisions";
    public const string CoverApplications = "credit-insurance/cover-management/v1/covers/applications";
    public const string HistoricCovers = "credit-insurance/cover-management/v1/covers/historic";

    public static string Buyer(long buyerId) => Buyers + "/" + buyerId.ToString(CultureInfo.InvariantCulture);

    public static string CoverType(long coverId) => Covers + "/" + coverId.ToString(CultureInfo.InvariantCulture) + "/cover-type";

    /// <summary>A route with its query; null and empty values are left out.</summary>
    public static string WithQuery(string route, params (string Name, string? Value)[] parameters)
    {
        // Two passes over the parameters instead of a StringBuilder: this runs on every call, and the
        // values seldom need escaping, so the route is usually one string.Concat of what is already there.
        var parts = new string[1 + (parameters.Length * 4)];
        parts[0] = route;
        var count = 1;
        var separator = "?";
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            parts[count++] = separator;
            parts[count++] = name;
            parts[count++] = "=";
            parts[count++] = Uri.EscapeDataString(value!);
            separator = "&";
        }

        return count == 1 ? route : string.Concat(parts);
    }

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
