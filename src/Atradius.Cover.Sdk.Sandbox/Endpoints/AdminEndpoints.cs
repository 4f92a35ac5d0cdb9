using System.Globalization;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>
/// Test controls under <c>/sandbox/</c> for the standalone sandbox: the clock, underwriters, insurer
/// events, faults and counters. Not part of the Cover API: no token needed, never faulted, and off
/// when <see cref="CoverSandboxOptions.AdminEndpoints"/> is false.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        app.MapPost("/sandbox/clock/advance", context => AdvanceAsync(context, runtime));
        app.MapPost("/sandbox/underwriting/decide-all", context => CountAsync(context, runtime.Store.DecideAllReferred()));
        app.MapPost("/sandbox/covers/{coverId}/reduction-notice", context => NoticeAsync(context, runtime, reduction: true));
        app.MapPost("/sandbox/covers/{coverId}/withdrawal-notice", context => NoticeAsync(context, runtime, reduction: false));
        app.MapPost("/sandbox/buyers/{buyerId}/rating", context => RatingAsync(context, runtime));
        app.MapPost("/sandbox/faults/arm", context => ArmAsync(context, runtime));
        app.MapDelete("/sandbox/faults", context =>
        {
            runtime.Faults.Reset();
            return CountAsync(context, 0);
        });
        app.MapGet("/sandbox/statistics", context => StatisticsAsync(context, runtime));
        app.MapDelete("/sandbox/statistics", context =>
        {
            runtime.Statistics.Reset();
            return StatisticsAsync(context, runtime);
        });
        app.MapPost("/sandbox/irregularities", context => IrregularitiesAsync(context, runtime));
    }

    // A test in another process switches the real service's irregular shapes as one in process does with
    // sandbox.Irregularities, without restarting the server.
    private static async Task IrregularitiesAsync(HttpContext context, SandboxRuntime runtime)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("on", out var on) || on.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("on", "Give { \"on\": true } or { \"on\": false }.")).ConfigureAwait(false);
            return;
        }

        runtime.Irregularities = on.GetBoolean();
        await Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("on", runtime.Irregularities);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task<JsonElement> ReadAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static double? Number(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An argument error's own sentence, without the parameter and value .NET appends to its message.</summary>
    private static string Sentence(ArgumentException error)
    {
        var text = error is ArgumentOutOfRangeException ? error.Message.Split('\n')[0].TrimEnd('\r') : error.Message;
        var suffix = " (Parameter '" + error.ParamName + "')";
        return text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;
    }

    private static Task CountAsync(HttpContext context, int count) =>
        Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", count);
            w.WriteEndObject();
        });

    private static async Task AdvanceAsync(HttpContext context, SandboxRuntime runtime)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var givenSeconds = Number(body, "seconds");
        var givenDays = Number(body, "days");
        if (givenSeconds is null && givenDays is null)
        {
            // A body the route did not understand ({"day":30}, "30" as a string) moved the clock by nothing, answered 200.
            await Http.WriteErrorAsync(context, ApiError.Bad("seconds", "Give how far to move the clock: \"seconds\" or \"days\", as a number.")).ConfigureAwait(false);
            return;
        }

        var seconds = (givenSeconds ?? 0) + ((givenDays ?? 0) * 86400);
        if (seconds < 0 || double.IsNaN(seconds) || seconds > 3650 * 86400.0)
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("seconds", "The clock only moves forward, by at most ten years at a time.")).ConfigureAwait(false);
            return;
        }

        runtime.Clock.Advance(TimeSpan.FromSeconds(seconds));
        await Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("now", runtime.Clock.GetUtcNow());
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task NoticeAsync(HttpContext context, SandboxRuntime runtime, bool reduction)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (!long.TryParse(context.Request.RouteValues["coverId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var coverId))
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("coverId", "coverId must be a whole number.")).ConfigureAwait(false);
            return;
        }

        try
        {
            var amount = Number(body, "newAmount") ?? 0;
            if (reduction && amount is < 1000 or > 1e12)
            {
                await Http.WriteErrorAsync(context, ApiError.Bad("newAmount", "newAmount must be a positive multiple of 1000 below the current decision.")).ConfigureAwait(false);
                return;
            }

            var cover = reduction ? runtime.Store.NotifyReduction(coverId, (decimal)amount) : runtime.Store.NotifyWithdrawal(coverId);
            await CountAsync(context, cover.DecisionCode == "DC21" ? 1 : 0).ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException refused) when (refused.ParamName == "coverId")
        {
            await Http.WriteErrorAsync(context, ApiError.NotFound(Sentence(refused), "coverId")).ConfigureAwait(false);
        }
        catch (ArgumentException refused)
        {
            await Http.WriteErrorAsync(context, ApiError.Bad(refused.ParamName ?? "newAmount", Sentence(refused))).ConfigureAwait(false);
        }
        catch (InvalidOperationException refused)
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("coverId", refused.Message)).ConfigureAwait(false);
        }
    }

    private static async Task RatingAsync(HttpContext context, SandboxRuntime runtime)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (!long.TryParse(context.Request.RouteValues["buyerId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var buyerId)
            || runtime.World.FindBuyer(buyerId) is null)
        {
            await Http.WriteErrorAsync(context, ApiError.NotFound("No such buyer in the sandbox world.", "buyerId")).ConfigureAwait(false);
            return;
        }

        // A whole number: 50.9 was stored as 50.
        if (Number(body, "rating") is not (>= 1 and <= 100) || Number(body, "rating") is { } given && given != Math.Floor(given))
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("rating", "rating must be a whole number from 1 (best) to 100 (worst).")).ConfigureAwait(false);
            return;
        }

        runtime.Store.ChangeRating(buyerId, (int)Number(body, "rating")!.Value);
        await CountAsync(context, 1).ConfigureAwait(false);
    }

    private static async Task ArmAsync(HttpContext context, SandboxRuntime runtime)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        // By name only: Enum.TryParse also takes "2", which would arm whichever fault has that number.
        var name = Text(body, "fault");
        if (name is null || !Enum.GetNames<SandboxFault>().Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("fault", $"fault must be one of {string.Join(", ", Enum.GetNames<SandboxFault>())}.")).ConfigureAwait(false);
            return;
        }

        var fault = Enum.Parse<SandboxFault>(name, ignoreCase: true);
        var times = Number(body, "times") ?? 1;
        if (times is < 1 or > 1000 || times != Math.Floor(times))
        {
            await Http.WriteErrorAsync(context, ApiError.Bad("times", "times must be a whole number from 1 to 1000.")).ConfigureAwait(false);
            return;
        }

        try
        {
            runtime.Faults.ArmNext(Text(body, "method"), Text(body, "path"), fault, (int)times);
        }
        catch (ArgumentException refused)
        {
            // A path no request can have, or no route of the contract: said to the caller, who armed nothing.
            await Http.WriteErrorAsync(context, ApiError.Bad(refused.ParamName ?? "path", Sentence(refused))).ConfigureAwait(false);
            return;
        }

        await CountAsync(context, runtime.Faults.ArmedCount).ConfigureAwait(false);
    }

    private static Task StatisticsAsync(HttpContext context, SandboxRuntime runtime)
    {
        var s = runtime.Statistics;
        return Http.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("requests", s.Requests);
            w.WriteNumber("tokenRequests", s.TokenRequests);
            w.WriteNumber("atradiusTokenRequests", s.AtradiusTokenRequests);
            w.WriteNumber("oauth2TokenRequests", s.OAuth2TokenRequests);
            w.WriteNumber("applicationsCreated", s.ApplicationsCreated);
            w.WriteNumber("faultsInjected", s.FaultsInjected);
            w.WriteNumber("rateLimitedResponses", s.RateLimitedResponses);
            w.WriteNumber("serviceUnavailableResponses", s.ServiceUnavailableResponses);
            w.WriteNumber("droppedResponses", s.DroppedResponses);
            w.WriteNumber("afterCommitFaults", s.AfterCommitFaults);
            w.WriteNumber("delayedRequests", s.DelayedRequests);
            w.WriteEndObject();
        });
    }
}
