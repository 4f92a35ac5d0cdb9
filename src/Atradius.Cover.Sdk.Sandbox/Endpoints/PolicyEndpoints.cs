using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>The policy details: one object, the caller's own policies only.</summary>
internal static class PolicyEndpoints
{
    private static readonly string[] Known = ["policyId"];

    public static void Map(WebApplication app, SandboxRuntime runtime) =>
        app.MapGet(Http.PolicyPath, context => DetailsAsync(context, runtime));

    private static async Task DetailsAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (QueryParameters.Check(context, Known) is { } error)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var client = (SandboxClient)context.Items[Http.ClientItem]!;
        var policyId = QueryParameters.Value(context, "policyId");
        if (policyId is null && runtime.Options.PolicyDetailsNeedPolicyId)
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("policyId", "policyId is required.")).ConfigureAwait(false);
            return;
        }

        var today = DateOnly.FromDateTime(runtime.Clock.GetUtcNow().UtcDateTime);
        var policy = policyId is null ? runtime.World.FindLivePolicy(client.CustomerId, today) : runtime.World.FindPolicy(policyId);
        if (policy is null || policy.CustomerId != client.CustomerId)
        {
            await Http.WriteErrorAsync(context, ApiError.NotFound("No policy found.", "policyId")).ConfigureAwait(false);
            return;
        }

        await Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteString("policyId", policy.PolicyId);
            w.WriteString("policyStatus", policy.StatusOn(today));
            w.WriteString("policyStartDate", policy.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("policyExpiryDate", policy.ExpiryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("policyCurrency", policy.CurrencyCode);
            w.WriteEndObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
