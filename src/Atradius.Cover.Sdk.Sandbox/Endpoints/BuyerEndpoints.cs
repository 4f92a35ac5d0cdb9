using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>Buyer search, buyer by id and my-buyers. Buyers are reference data every customer may read; covers are not.</summary>
internal static class BuyerEndpoints
{
    private static readonly string[] SearchParameters = ["country", "uid", "uidType"];
    private static readonly string[] MyBuyersParameters = ["policyId", "customerId", "healthChange", "buyerRatingUpdatedAfter", "buyerRatingUpdatedBefore"];

    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        app.MapGet(Http.BuyersPath, context => SearchAsync(context, runtime));
        app.MapGet(Http.BuyersPath + "/my-buyers", context => MyBuyersAsync(context, runtime));
        app.MapGet(Http.BuyersPath + "/{buyerId}", context => GetAsync(context, runtime));
    }

    private static async Task SearchAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (ValidateSearch(context) is { } error)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var country = QueryParameters.Value(context, "country")!;
        var uid = Normalize(QueryParameters.Value(context, "uid")!);
        var uidType = QueryParameters.Value(context, "uidType")!;
        var matches = runtime.World.Buyers
            .Where(b => b.CountryCode == country && b.Identifiers.Any(i => i.Key == uidType && Normalize(i.Value) == uid))
            .ToList();
        if (matches.Count == 0)
        {
            // The real service's status for this detail is not known; the sandbox answers 404.
            await Http.WriteErrorAsync(context, ApiError.NotFound(ApiError.NoBuyerMatch)).ConfigureAwait(false);
            return;
        }

        // A rating change the clock has reached shows on every route, not only after the next cover operation.
        runtime.Store.CatchUp();
        await Http.WriteListAsync(context, matches, (w, b) => CoverJsonWriter.WriteBuyer(w, b, runtime.Wire, found: true)).ConfigureAwait(false);
    }

    private static ApiError? ValidateSearch(HttpContext context)
    {
        if (QueryParameters.Check(context, SearchParameters) is { } unknown)
        {
            return unknown;
        }

        foreach (var name in SearchParameters)
        {
            if (string.IsNullOrEmpty(QueryParameters.Value(context, name)))
            {
                return ApiError.Bad(name, $"{name} is required: search by country, uid and uidType together.");
            }
        }

        var country = QueryParameters.Value(context, "country")!;
        if (country.Length != 3 || !country.All(char.IsAsciiLetterUpper))
        {
            return ApiError.Bad("country", "country must be an ISO 3166-1 alpha-3 code such as FRA.");
        }

        if (!CodeDescriptions.IsUidType(QueryParameters.Value(context, "uidType")))
        {
            return ApiError.Bad("uidType", "uidType must be one of VAT, NRN, CR, DB, FC, SN, TK.");
        }

        return QueryParameters.Value(context, "uid")!.Length > 50 ? ApiError.Bad("uid", "uid must be at most 50 characters long.") : null;
    }

    private static string Normalize(string uid) => new(uid.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static async Task GetAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (QueryParameters.Check(context, []) is { } unknown)
        {
            await Http.WriteErrorAsync(context, unknown).ConfigureAwait(false);
            return;
        }

        var text = context.Request.RouteValues["buyerId"] as string;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var buyerId) || buyerId < 1)
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("buyerId", "buyerId must be a positive whole number.")).ConfigureAwait(false);
            return;
        }

        if (runtime.World.FindBuyer(buyerId) is not { } buyer)
        {
            await Http.WriteErrorAsync(context, ApiError.NotFound(ApiError.NoBuyerMatch, "buyerId")).ConfigureAwait(false);
            return;
        }

        // An array even for one buyer, as the real service sends it.
        runtime.Store.CatchUp();
        await Http.WriteListAsync(context, [buyer], (w, b) => CoverJsonWriter.WriteBuyer(w, b, runtime.Wire)).ConfigureAwait(false);
    }

    private static async Task MyBuyersAsync(HttpContext context, SandboxRuntime runtime)
    {
        var client = (SandboxClient)context.Items[Http.ClientItem]!;
        var error = QueryParameters.Check(context, MyBuyersParameters);
        long? customerId = null;
        string? policyId = null;
        if (error is null && QueryParameters.TryId(context, "customerId", out customerId, out error))
        {
            QueryParameters.TryPolicyId(context, out policyId, out error);
        }

        var health = QueryParameters.Value(context, "healthChange");
        if (error is null && health is not (null or "up" or "down"))
        {
            error = ApiError.Bad("healthChange", "healthChange must be up or down.");
        }

        DateOnly? after = null, before = null;
        error ??= Date(context, "buyerRatingUpdatedAfter", out after) ?? Date(context, "buyerRatingUpdatedBefore", out before);
        if (error is not null)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var customer = QueryParameters.ListedCustomer(client, customerId);
        var ids = customer < 0 ? [] : runtime.Store.BuyersOf(customer, policyId);
        var buyers = ids
            .Select(runtime.World.FindBuyer)
            .OfType<World.SandboxBuyer>()
            .Where(b =>
            {
                var rating = runtime.Wire.Rating(b.BuyerId);
                var changed = rating.ChangedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
                return (health is null || rating.Change == health)
                    && (after is null || (changed is { } c1 && c1 >= after))
                    && (before is null || (changed is { } c2 && c2 <= before));
            })
            .ToList();
        await Http.WriteListAsync(context, buyers, (w, b) => CoverJsonWriter.WriteBuyer(w, b, runtime.Wire)).ConfigureAwait(false);
    }

    private static ApiError? Date(HttpContext context, string name, out DateOnly? value)
    {
        value = null;
        if (QueryParameters.Value(context, name) is not { } text)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ApiError.Bad(name, $"{name} must be a date written yyyy-MM-dd.");
        }

        value = date;
        return null;
    }
}
