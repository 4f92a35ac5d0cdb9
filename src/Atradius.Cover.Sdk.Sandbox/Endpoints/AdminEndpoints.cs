using System.Globalization;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>
/// Test controls under <c>/sandbox/</c>: insurer events, the clock, underwriters, faults and
/// counters. Not part of the Cover API: no token needed, never faulted.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        app.MapPost("/sandbox/covers/{coverId}/reduction-notice", context => ReductionAsync(context, runtime));
        app.MapPost("/sandbox/covers/{coverId}/withdrawal-notice", context => WithdrawalAsync(context, runtime));
        app.MapGet("/sandbox/covers", context => Http.WriteJsonAsync(context, 200, new CoverPageDto(runtime.Store.Snapshot(), new PageMetaDto(0, null)), SandboxJsonContext.Default.CoverPageDto));
        app.MapGet("/sandbox/clock", context => ClockAsync(context, runtime));
        app.MapPost("/sandbox/clock/advance", context => AdvanceAsync(context, runtime));
        app.MapPost("/sandbox/underwriting/decide-all", context =>
            Http.WriteJsonAsync(context, 200, new AdminCountDto(runtime.Store.DecideAllReferred()), SandboxJsonContext.Default.AdminCountDto));
        app.MapGet("/sandbox/faults", context => FaultsAsync(context, runtime));
        app.MapPut("/sandbox/faults", context => SetFaultsAsync(context, runtime));
        app.MapDelete("/sandbox/faults", context =>
        {
            runtime.Faults.Reset();
            return FaultsAsync(context, runtime);
        });
        app.MapGet("/sandbox/statistics", context => StatisticsAsync(context, runtime));
        app.MapDelete("/sandbox/statistics", context =>
        {
            runtime.Statistics.Reset();
            return StatisticsAsync(context, runtime);
        });
        app.MapGet("/sandbox/idempotency", context => IdempotencyAsync(context, runtime));
        app.MapPut("/sandbox/idempotency", context => SetIdempotencyAsync(context, runtime));
    }

    private static async Task<JsonElement?> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || !context.Request.Body.CanRead)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? Number(HttpContext context, JsonElement? body, string name)
    {
        if (body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) && value.TryGetDouble(out var number))
        {
            return number;
        }

        return double.TryParse(context.Request.Query[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : null;
    }

    private static async Task ReductionAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (!long.TryParse(context.Request.RouteValues["coverId"] as string, CultureInfo.InvariantCulture, out var coverId))
        {
            await Http.WriteErrorAsync(context, ApiError.BadParameter("coverId", "coverId must be an integer.")).ConfigureAwait(false);
            return;
        }

        var amount = Number(context, await ReadAsync(context).ConfigureAwait(false), "newAmount");
        if (amount is null or < 0 or > 1e15)
        {
            await Http.WriteErrorAsync(context, ApiError.BadField("/newAmount", "newAmount is required: a positive multiple of 1000 below the current decision.")).ConfigureAwait(false);
            return;
        }

        await Http.WriteCoverAsync(context, runtime.Store.NotifyReduction(coverId, (decimal)amount.Value)).ConfigureAwait(false);
    }

    private static async Task WithdrawalAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (!long.TryParse(context.Request.RouteValues["coverId"] as string, CultureInfo.InvariantCulture, out var coverId))
        {
            await Http.WriteErrorAsync(context, ApiError.BadParameter("coverId", "coverId must be an integer.")).ConfigureAwait(false);
            return;
        }

        await Http.WriteCoverAsync(context, runtime.Store.NotifyWithdrawal(coverId)).ConfigureAwait(false);
    }

    private static Task ClockAsync(HttpContext context, SandboxRuntime runtime) =>
        Http.WriteJsonAsync(context, 200, new AdminClockDto(runtime.Clock.GetUtcNow(), runtime.Clock.Offset.TotalSeconds), SandboxJsonContext.Default.AdminClockDto);

    private static async Task AdvanceAsync(HttpContext context, SandboxRuntime runtime)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var seconds = (Number(context, body, "seconds") ?? 0) + ((Number(context, body, "days") ?? 0) * 86400);
        if (seconds < 0 || double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 4)
        {
            await Http.WriteErrorAsync(context, ApiError.BadParameter("seconds", "The clock only moves forward.")).ConfigureAwait(false);
            return;
        }

        runtime.Clock.Advance(TimeSpan.FromSeconds(seconds));
        await ClockAsync(context, runtime).ConfigureAwait(false);
    }

    private static Task FaultsAsync(HttpContext context, SandboxRuntime runtime)
    {
        var f = runtime.Faults;
        var dto = new AdminFaultsDto(f.RateLimitedShare, f.ServiceUnavailableShare, f.DroppedResponseShare, f.RetryAfterSeconds,
            f.MinLatency.TotalMilliseconds, f.MaxLatency.TotalMilliseconds, f.ExcludeTokenEndpoints, f.FailEveryRequest, f.Seed);
        return Http.WriteJsonAsync(context, 200, dto, SandboxJsonContext.Default.AdminFaultsDto);
    }

    private static async Task SetFaultsAsync(HttpContext context, SandboxRuntime runtime)
    {
        AdminFaultsDto? dto;
        try
        {
            dto = await JsonSerializer.DeserializeAsync(context.Request.Body, SandboxJsonContext.Default.AdminFaultsDto, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            dto = null;
        }

        if (dto is null)
        {
            await Http.WriteErrorAsync(context, new ApiError(400, "MALFORMED_JSON", "The body must be a JSON object of fault settings.", Pointer: "")).ConfigureAwait(false);
            return;
        }

        try
        {
            var f = runtime.Faults;
            if (dto.Seed is { } seed) f.Seed = seed;
            if (dto.RateLimitedShare is { } rl) f.RateLimitedShare = rl;
            if (dto.ServiceUnavailableShare is { } su) f.ServiceUnavailableShare = su;
            if (dto.DroppedResponseShare is { } dr) f.DroppedResponseShare = dr;
            if (dto.RetryAfterSeconds is { } ra) f.RetryAfterSeconds = ra;
            if (dto.MinLatencyMilliseconds is { } min) f.MinLatency = TimeSpan.FromMilliseconds(min);
            if (dto.MaxLatencyMilliseconds is { } max) f.MaxLatency = TimeSpan.FromMilliseconds(max);
            if (dto.ExcludeTokenEndpoints is { } ex) f.ExcludeTokenEndpoints = ex;
            if (dto.FailEveryRequest is { } fe) f.FailEveryRequest = fe;
        }
        catch (ArgumentOutOfRangeException exception)
        {
            await Http.WriteErrorAsync(context, new ApiError(422, "INVALID_SETTING", exception.Message)).ConfigureAwait(false);
            return;
        }

        await FaultsAsync(context, runtime).ConfigureAwait(false);
    }

    private static Task StatisticsAsync(HttpContext context, SandboxRuntime runtime)
    {
        var s = runtime.Statistics;
        var dto = new AdminStatisticsDto(s.TokenRequests, s.OAuth2TokenRequests, s.AtradiusTokenRequests, s.ApplicationsCreated, s.Requests,
            s.RateLimitedResponses, s.ServiceUnavailableResponses, s.DroppedResponses, s.DelayedRequests, s.IdempotentReplays);
        return Http.WriteJsonAsync(context, 200, dto, SandboxJsonContext.Default.AdminStatisticsDto);
    }

    private static Task IdempotencyAsync(HttpContext context, SandboxRuntime runtime) =>
        Http.WriteJsonAsync(context, 200, new AdminIdempotencyDto(runtime.IdempotencyEnabled), SandboxJsonContext.Default.AdminIdempotencyDto);

    private static async Task SetIdempotencyAsync(HttpContext context, SandboxRuntime runtime)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("enabled", out var enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            runtime.IdempotencyEnabled = enabled.GetBoolean();
            await IdempotencyAsync(context, runtime).ConfigureAwait(false);
            return;
        }

        await Http.WriteErrorAsync(context, ApiError.BadField("/enabled", "enabled must be true or false.")).ConfigureAwait(false);
    }
}
