using System.Globalization;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>The cover operations of the contract.</summary>
internal static class CoverEndpoints
{
    private static readonly string[] Actions = ["supersede", "reduce", "cancel", "update-reference"];

    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        var covers = Http.CoversPath;
        app.MapGet(covers, context => ListAsync(context, runtime, "p"));
        app.MapPost(covers, context => SubmitAsync(context, runtime));
        app.MapGet(covers + "/decisions", context => ListAsync(context, runtime, "d"));
        app.MapGet(covers + "/applications", context => ListAsync(context, runtime, "a"));
        app.MapGet(covers + "/historic", context => ListAsync(context, runtime, "h"));
        app.MapGet(covers + "/{coverId}", context => GetAsync(context, runtime));
        app.MapPut(covers + "/{coverId}", context => ModifyAsync(context, runtime));
        app.MapGet(covers + "/{coverId}/history", context => HistoryAsync(context, runtime));
        app.MapPut(covers + "/{coverId}/cover-type", context => ConvertAsync(context, runtime));
    }

    private static async Task ListAsync(HttpContext context, SandboxRuntime runtime, string kind)
    {
        var query = ListQuery.Parse(context, out var error);
        if (query is null)
        {
            await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
            return;
        }

        long[]? cursor = null;
        if (query.Cursor is not null
            && ((cursor = Http.DecodeCursor(query.Cursor, kind, kind == "d" ? 2 : 1)) is null || (kind == "d" && (cursor[0] < 0 || cursor[0] > DateTimeOffset.MaxValue.UtcTicks))))
        {
            await Http.WriteErrorAsync(context, ApiError.BadParameter("cursor", "cursor is not a cursor this list gave out.")).ConfigureAwait(false);
            return;
        }

        var store = runtime.Store;
        List<CoverDto> items;
        string? next = null;
        switch (kind)
        {
            case "p":
                {
                    (items, var more) = store.ListPortfolio(query.Filter, cursor?[0], query.PageSize);
                    next = more ? Http.EncodeCursor(kind, items[^1].CoverId) : null;
                    break;
                }

            case "a":
                {
                    (items, var more) = store.ListApplications(query.Filter with { CoverType = null, UpdatedSince = null }, cursor?[0], query.PageSize);
                    next = more ? Http.EncodeCursor(kind, items[^1].CoverId) : null;
                    break;
                }

            case "d":
                {
                    var after = cursor is null ? ((DateTimeOffset, long)?)null : (new DateTimeOffset(cursor[0], TimeSpan.Zero), cursor[1]);
                    (items, var more) = store.ListDecisions(query.Filter, after, query.PageSize);
                    next = more ? Http.EncodeCursor(kind, items[^1].UpdatedAt.UtcTicks, items[^1].CoverId) : null;
                    break;
                }

            default:
                {
                    (items, var last, var more) = store.ListHistoric(query.Filter with { CoverType = null }, cursor?[0], query.PageSize);
                    next = more ? Http.EncodeCursor(kind, last) : null;
                    break;
                }
        }

        await Http.WriteJsonAsync(context, 200, new CoverPageDto(items, new PageMetaDto(query.PageSize, next)), SandboxJsonContext.Default.CoverPageDto).ConfigureAwait(false);
    }

    private static async Task SubmitAsync(HttpContext context, SandboxRuntime runtime)
    {
        using var document = JsonFields.Parse(Http.Body(context), out var error);
        if (document is null)
        {
            await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var root = document.RootElement;
        JsonFields.TryLong(root, "customerId", true, out var customerId, ref error);
        JsonFields.TryString(root, "policyId", true, 20, out var policyId, ref error);
        JsonFields.TryLong(root, "buyerId", true, out var buyerId, ref error);
        JsonFields.TryString(root, "coverType", true, 20, out var coverType, ref error);
        if (error is null && !CoverTypes.IsKnown(coverType))
        {
            error = ApiError.BadField("/coverType", "coverType must be credit-limit, credit-check or indication.");
        }

        JsonFields.TryCurrency(root, true, out var currency, ref error);
        JsonFields.TryDate(root, "effectFromDate", out var effectFrom, ref error);
        JsonFields.TryString(root, "customerRefNumber", false, 35, out var reference, ref error);
        JsonFields.TryAmount(root, "creditLimitAmount", out var amount, ref error);
        error ??= Rules(runtime, customerId, policyId, buyerId, coverType, amount, currency);
        if (error is not null)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var request = new ApplicationRequest(runtime.World.FindPolicy(policyId!)!, runtime.World.FindBuyer(buyerId!.Value)!, coverType!, amount, effectFrom, reference);
        await Http.WriteCoverAsync(context, runtime.Store.Submit(request)).ConfigureAwait(false);
    }

    private static ApiError? Rules(SandboxRuntime runtime, long? customerId, string? policyId, long? buyerId, string? coverType, decimal? amount, string? currency)
    {
        if (runtime.World.FindCustomer(customerId!.Value) is null)
        {
            return new ApiError(422, "UNKNOWN_CUSTOMER", $"Customer {customerId} is not known.", Pointer: "/customerId");
        }

        if (runtime.World.FindPolicy(policyId!) is not { } policy)
        {
            return new ApiError(422, "UNKNOWN_POLICY", $"Policy {policyId} is not known.", Pointer: "/policyId");
        }

        if (policy.CustomerId != customerId)
        {
            return new ApiError(422, "UNKNOWN_POLICY", $"Policy {policyId} does not belong to customer {customerId}.", Pointer: "/policyId");
        }

        if (runtime.World.FindBuyer(buyerId!.Value) is null)
        {
            return new ApiError(422, "UNKNOWN_BUYER", $"Buyer {buyerId} is not known; find the Atradius Buyer ID with the buyer search.", Pointer: "/buyerId");
        }

        if (currency != policy.CurrencyCode)
        {
            return new ApiError(422, "INVALID_CURRENCY", $"currencyCode must be {policy.CurrencyCode}, the currency of policy {policy.PolicyId}.", Pointer: "/currencyCode");
        }

        if (coverType == CoverTypes.CreditCheck && amount is not null)
        {
            return new ApiError(422, "INVALID_AMOUNT", "A credit check has the amount its policy fixes; leave creditLimitAmount out.", Pointer: "/creditLimitAmount");
        }

        if (coverType != CoverTypes.CreditCheck && amount is null)
        {
            return new ApiError(422, "INVALID_AMOUNT", $"creditLimitAmount is required for a {coverType}.", Pointer: "/creditLimitAmount");
        }

        return null;
    }

    private static bool TryCoverId(HttpContext context, out long coverId) =>
        long.TryParse(context.Request.RouteValues["coverId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out coverId) && coverId >= 1;

    private static Task BadCoverIdAsync(HttpContext context) =>
        Http.WriteErrorAsync(context, ApiError.BadParameter("coverId", "coverId must be a positive integer."));

    /// <summary>
    /// Reads what every change carries, the cover id of the path and a JSON body; answers the error and returns
    /// null when either is bad.
    /// </summary>
    private static async Task<(long CoverId, JsonDocument Document)?> ReadChangeAsync(HttpContext context)
    {
        if (!TryCoverId(context, out var coverId))
        {
            await BadCoverIdAsync(context).ConfigureAwait(false);
            return null;
        }

        var document = JsonFields.Parse(Http.Body(context), out var error);
        if (document is null)
        {
            await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
            return null;
        }

        return (coverId, document);
    }

    private static async Task GetAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (!TryCoverId(context, out var coverId))
        {
            await BadCoverIdAsync(context).ConfigureAwait(false);
            return;
        }

        await Http.WriteCoverAsync(context, runtime.Store.Get(coverId)).ConfigureAwait(false);
    }

    private static async Task ModifyAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (await ReadChangeAsync(context).ConfigureAwait(false) is not { } change)
        {
            return;
        }

        var coverId = change.CoverId;
        using var document = change.Document;
        ApiError? error = null;

        var root = document.RootElement;
        JsonFields.TryString(root, "action", true, 20, out var action, ref error);
        if (error is null && !Actions.Contains(action))
        {
            error = ApiError.BadField("/action", $"action must be one of {string.Join(", ", Actions)}.");
        }

        JsonFields.TryCurrency(root, false, out var currency, ref error);
        JsonFields.TryDate(root, "effectFromDate", out var effectFrom, ref error);
        JsonFields.TryString(root, "customerRefNumber", false, 35, out var reference, ref error);
        JsonFields.TryAmount(root, "creditLimitAmount", out var amount, ref error);
        if (error is null && action == "update-reference" && !JsonFields.Has(root, "customerRefNumber"))
        {
            error = new ApiError(422, "MISSING_FIELD", "customerRefNumber is required to update the reference (null clears it).", Pointer: "/customerRefNumber");
        }

        if (error is not null)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var request = new ModificationRequest(action!, amount, currency, effectFrom, reference, JsonFields.Has(root, "customerRefNumber"));
        await Http.WriteCoverAsync(context, runtime.Store.Modify(coverId, request, IfMatch(context))).ConfigureAwait(false);
    }

    private static async Task ConvertAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (await ReadChangeAsync(context).ConfigureAwait(false) is not { } change)
        {
            return;
        }

        var coverId = change.CoverId;
        using var document = change.Document;
        ApiError? error = null;

        JsonFields.TryString(document.RootElement, "coverType", true, 20, out var coverType, ref error);
        if (error is null && coverType != CoverTypes.CreditLimit)
        {
            error = ApiError.BadField("/coverType", "coverType must be credit-limit.");
        }

        if (error is not null)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        await Http.WriteCoverAsync(context, runtime.Store.Convert(coverId, IfMatch(context))).ConfigureAwait(false);
    }

    private static async Task HistoryAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (!TryCoverId(context, out var coverId))
        {
            await BadCoverIdAsync(context).ConfigureAwait(false);
            return;
        }

        if (!ListQuery.TryPageSize(context, out var pageSize, out var error) || !Http.TryQuery(context, "cursor", out var cursor, out error))
        {
            await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var after = 0L;
        if (cursor is not null)
        {
            if (Http.DecodeCursor(cursor, "v", 1) is not [var version])
            {
                await Http.WriteErrorAsync(context, ApiError.BadParameter("cursor", "cursor is not a cursor this list gave out.")).ConfigureAwait(false);
                return;
            }

            after = version;
        }

        if (runtime.Store.History(coverId, (int)Math.Clamp(after, 0, int.MaxValue), pageSize) is not { } page)
        {
            await Http.WriteErrorAsync(context, ApiError.NotFound("coverId", $"Cover {coverId} was not found.")).ConfigureAwait(false);
            return;
        }

        var next = page.More ? Http.EncodeCursor("v", page.Items[^1].Version) : null;
        await Http.WriteJsonAsync(context, 200, new HistoryPageDto(page.Items, new PageMetaDto(pageSize, next)), SandboxJsonContext.Default.HistoryPageDto).ConfigureAwait(false);
    }

    private static string? IfMatch(HttpContext context) =>
        context.Request.Headers.IfMatch.Count == 0 ? null : context.Request.Headers.IfMatch.ToString();
}
