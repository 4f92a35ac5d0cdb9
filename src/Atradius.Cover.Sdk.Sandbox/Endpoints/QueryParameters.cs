using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>Query parameters: only those the route knows are accepted, each at most once.</summary>
internal static class QueryParameters
{
    public static readonly string[] ListFilters = ["policyId", "customerId", "buyerId", "coverType"];
    public static readonly string[] PortfolioFilters = [.. ListFilters, "fromDate"];

    /// <summary>The first parameter the route does not know, or given twice, as the real service's 400.</summary>
    public static ApiError? Check(HttpContext context, IReadOnlyCollection<string> known)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!known.Contains(name))
            {
                return ApiError.Bad(name, ApiError.UnknownQueryParameter);
            }

            if (values.Count != 1)
            {
                return ApiError.Bad(name, $"{name} must be given once.");
            }
        }

        return null;
    }

    public static string? Value(HttpContext context, string name) => context.Request.Query.TryGetValue(name, out var values) ? values[0] : null;

    public static bool TryId(HttpContext context, string name, out long? value, out ApiError? error)
    {
        value = null;
        error = null;
        if (Value(context, name) is not { } text)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            error = ApiError.Bad(name, $"{name} must be a positive whole number.");
            return false;
        }

        value = id;
        return true;
    }

    /// <summary>The <c>policyId</c> filter of a list: absent, or 1 to 20 characters (an empty one is malformed, not "every policy").</summary>
    public static bool TryPolicyId(HttpContext context, out string? value, out ApiError? error)
    {
        value = Value(context, "policyId");
        error = value is { Length: 0 or > 20 } ? ApiError.Bad("policyId", "policyId must be 1 to 20 characters long.") : null;
        return error is null;
    }

    /// <summary>
    /// The customer whose covers or buyers a list shows: the one named when the caller may act for it, the
    /// caller's own when none is named, and none (-1) for a customer the caller may not act for, so that
    /// its covers look as if they did not exist. A policy alone does not pick the customer: without a
    /// <c>customerId</c> a broker's list is its own customer's, which keeps a client that forgets to name
    /// the customer from passing here and failing at the real service.
    /// </summary>
    public static long ListedCustomer(SandboxClient client, long? customerId) =>
        customerId switch
        {
            null => client.CustomerId,
            { } asked when client.MayActFor(asked) => asked,
            _ => -1,
        };

    /// <summary>
    /// Reads the cover list filters. A <c>customerId</c> the caller may not act for, or another customer's
    /// <c>policyId</c>, matches nothing: the caller sees an empty list, as if those covers did not exist.
    /// </summary>
    public static CoverFilter? Filter(HttpContext context, SandboxClient client, bool portfolio, out ApiError? error)
    {
        error = Check(context, portfolio ? PortfolioFilters : ListFilters);
        if (error is not null || !TryId(context, "customerId", out var customerId, out error) || !TryId(context, "buyerId", out var buyerId, out error))
        {
            return null;
        }

        if (!TryPolicyId(context, out var policyId, out error))
        {
            return null;
        }

        var coverType = Value(context, "coverType");
        if (coverType is not null && !CoverTypes.IsKnown(coverType))
        {
            error = ApiError.Bad("coverType", "coverType must be credit-limit, credit-check or indication.");
            return null;
        }

        DateTimeOffset? since = null;
        if (Value(context, "fromDate") is { } fromDate)
        {
            if (!DateTime.TryParseExact(fromDate, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                error = ApiError.Bad("fromDate", "fromDate must be written YYYY-MM-DDTHH:mm:ss.");
                return null;
            }

            since = new DateTimeOffset(parsed, TimeSpan.Zero);
        }

        var customer = ListedCustomer(client, customerId);
        return new CoverFilter(customer, policyId, buyerId, coverType, since);
    }
}
