using System.Globalization;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>The cover routes: four lists, a submission, a change named by its key, and the indication conversion.</summary>
internal static class CoverEndpoints
{
    private static readonly string[] Actions = ["supersede", "reduce", "cancel"];

    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        var covers = Http.CoversPath;
        app.MapGet(covers, context => ListAsync(context, runtime, CoverList.Portfolio));
        app.MapGet(covers + "/decisions", context => ListAsync(context, runtime, CoverList.Decisions));
        app.MapGet(covers + "/applications", context => ListAsync(context, runtime, CoverList.Applications));
        app.MapGet(covers + "/historic", context => ListAsync(context, runtime, CoverList.Historic));
        app.MapPost(covers, context => SubmitAsync(context, runtime));
        app.MapPut(covers, context => ModifyAsync(context, runtime));
        app.MapPatch(covers + "/{coverId}/cover-type", context => ConvertAsync(context, runtime));
    }

    private static SandboxClient Client(HttpContext context) => (SandboxClient)context.Items[Http.ClientItem]!;

    private static async Task ListAsync(HttpContext context, SandboxRuntime runtime, CoverList list)
    {
        var filter = QueryParameters.Filter(context, Client(context), list == CoverList.Portfolio, out var error);
        if (filter is null)
        {
            await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var covers = runtime.Store.List(list, filter);
        await Http.WriteListAsync(context, covers, (w, c) => CoverJsonWriter.WriteCover(w, c, runtime.Wire)).ConfigureAwait(false);
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
        var today = DateOnly.FromDateTime(runtime.Clock.GetUtcNow().UtcDateTime);
        JsonFields.Long(root, "customerId", out var customerId, ref error);
        JsonFields.String(root, "policyId", true, 20, out var policyId, ref error);
        JsonFields.Long(root, "buyerId", out var buyerId, ref error);
        var coverType = CoverType(root, ref error);
        JsonFields.Amount(root, out var amount, ref error);
        JsonFields.Currency(root, out var currency, ref error);
        JsonFields.Date(root, "effectFromDate", today, out var effectFrom, ref error);
        JsonFields.String(root, "customerRefNumber", false, 35, out var reference, ref error);
        SandboxPolicy? policy = null;
        error ??= Key(runtime, Client(context), customerId!.Value, policyId!, out policy);
        if (error is null && !policy!.IsLiveOn(today))
        {
            error = ApiError.Bad("policyId", "The policy is not live.");
        }

        if (error is null && runtime.World.FindBuyer(buyerId!.Value) is null)
        {
            error = ApiError.Bad("buyerId", ApiError.NoBuyerMatch);
        }

        error ??= AmountFor(coverType!, amount) ?? CurrencyFor(policy!, currency);
        if (error is not null)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var request = new ApplicationRequest(policy!, runtime.World.FindBuyer(buyerId!.Value)!, coverType!, amount, effectFrom, reference);
        await WriteResultAsync(context, runtime, runtime.Store.Submit(request)).ConfigureAwait(false);
    }

    private static async Task ModifyAsync(HttpContext context, SandboxRuntime runtime)
    {
        using var document = JsonFields.Parse(Http.Body(context), out var error);
        if (document is null)
        {
            await Http.WriteErrorAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var root = document.RootElement;
        JsonFields.String(root, "action", true, 20, out var action, ref error);
        if (error is null && !Actions.Contains(action))
        {
            error = ApiError.Bad("action", "action must be supersede, reduce or cancel.");
        }

        JsonFields.Long(root, "customerId", out var customerId, ref error);
        JsonFields.String(root, "policyId", true, 20, out var policyId, ref error);
        JsonFields.Long(root, "buyerId", out var buyerId, ref error);
        var coverType = CoverType(root, ref error);
        JsonFields.Amount(root, out var amount, ref error);
        JsonFields.Currency(root, out var currency, ref error);
        JsonFields.String(root, "customerRefNumber", false, 35, out var reference, ref error);
        SandboxPolicy? policy = null;
        error ??= Key(runtime, Client(context), customerId!.Value, policyId!, out policy) ?? CurrencyFor(policy!, currency);

        // A supersede is a new application, which only a live policy takes; a reduction or a cancellation only lowers cover.
        if (error is null && action == "supersede" && !policy!.IsLiveOn(DateOnly.FromDateTime(runtime.Clock.GetUtcNow().UtcDateTime)))
        {
            error = ApiError.Bad("policyId", "The policy is not live.");
        }

        if (error is not null)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var request = new ModificationRequest(action!, policy!, buyerId!.Value, coverType!, amount, currency, reference);
        await WriteResultAsync(context, runtime, runtime.Store.Modify(request)).ConfigureAwait(false);
    }

    private static async Task ConvertAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (!long.TryParse(context.Request.RouteValues["coverId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var coverId) || coverId < 1)
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("coverId", "coverId must be a positive whole number.")).ConfigureAwait(false);
            return;
        }

        var body = Http.Body(context);
        if (body.Length > 0)
        {
            using var document = JsonFields.Parse(body, out var error);
            if (document is not null)
            {
                JsonFields.String(document.RootElement, "coverType", false, 20, out var coverType, ref error);
                if (error is null && coverType is not (null or CoverTypes.CreditLimit))
                {
                    error = ApiError.Bad("coverType", "coverType must be credit-limit.");
                }
            }

            if (error is not null)
            {
                await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
                return;
            }
        }

        var (cover, refused) = runtime.Store.Convert(Client(context).MayActFor, coverId);
        if (refused is not null)
        {
            await Http.WriteErrorAsync(context, refused).ConfigureAwait(false);
            return;
        }

        await Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            CoverJsonWriter.WriteCover(w, cover!, runtime.Wire);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static string? CoverType(JsonElement root, ref ApiError? error)
    {
        JsonFields.String(root, "coverType", true, 20, out var coverType, ref error);
        if (error is null && !CoverTypes.IsKnown(coverType))
        {
            error = ApiError.Bad("coverType", "coverType must be credit-limit, credit-check or indication.");
        }

        return coverType;
    }

    /// <summary>The body's customer must be one the caller may act for, and the policy that customer's: a broker names the policy of each customer it writes for.</summary>
    private static ApiError? Key(SandboxRuntime runtime, SandboxClient client, long customerId, string policyId, out SandboxPolicy? policy)
    {
        policy = runtime.World.FindPolicy(policyId);
        if (!client.MayActFor(customerId))
        {
            return new ApiError(403, "The client may not act for this customer.", "customerId");
        }

        return policy is null || policy.CustomerId != customerId ? ApiError.Bad("policyId", "No policy found for this customer.") : null;
    }

    private static ApiError? AmountFor(string coverType, decimal? amount) =>
        coverType == CoverTypes.CreditCheck
            ? amount is null ? null : ApiError.Bad("creditLimitAmount", "A credit check has the amount its policy fixes; leave creditLimitAmount out.")
            : amount is null ? ApiError.Amount() : null;

    private static ApiError? CurrencyFor(SandboxPolicy policy, string? currency) =>
        currency is null || currency == policy.CurrencyCode ? null : ApiError.Bad("currencyCode", $"currencyCode must be {policy.CurrencyCode}, the currency of the policy.");

    private static Task WriteResultAsync(HttpContext context, SandboxRuntime runtime, WriteResult result)
    {
        if (result.Error is { } error)
        {
            return Http.WriteErrorAsync(context, error);
        }

        // Plain answers tell a refusal by its status; the real service hides it in a success body.
        if (result.Response == ApiError.ActionRefused && !runtime.Irregularities)
        {
            return Http.WriteErrorAsync(context, new ApiError(422, ApiError.ActionRefused));
        }

        return Http.WriteActionAsync(context, result.Status, result.CoverId, result.Response);
    }
}
