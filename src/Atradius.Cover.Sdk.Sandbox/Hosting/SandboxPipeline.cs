using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Endpoints;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Idempotency;
using Atradius.Cover.Sdk.Sandbox.Security;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// The middleware in front of the endpoints, outermost first: correlation id and logging, fault
/// injection, bearer token check, body limits, idempotency. Faults sit outside idempotency on
/// purpose: a dropped response is recorded first, so a retry with the same key gets the answer the
/// client never saw.
/// </summary>
internal static class SandboxPipeline
{
    public const string OAuth2TokenPath = "/oauth2/token";
    public const string AtradiusTokenPath = "/authenticate/v2/tokens";
    private const string ApiPrefix = "/credit-insurance/";
    private const string AdminPrefix = "/sandbox/";
    private const string ClientItem = "sandbox.client";

    public static void Use(WebApplication app, SandboxRuntime runtime)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Atradius.Cover.Sdk.Sandbox");
        app.Use((HttpContext context, RequestDelegate next) => CorrelateAsync(context, next, runtime, logger));
        app.Use((HttpContext context, RequestDelegate next) => InjectFaultsAsync(context, next, runtime, logger));
        app.Use((HttpContext context, RequestDelegate next) => AuthorizeAsync(context, next, runtime));
        app.Use((HttpContext context, RequestDelegate next) => ReadBodyAsync(context, next, runtime));
        app.Use((HttpContext context, RequestDelegate next) => HonourIdempotencyKeyAsync(context, next, runtime));
    }

    public static string ClientId(HttpContext context) => context.Items[ClientItem] as string ?? "";

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(ApiPrefix.TrimEnd('/'), StringComparison.Ordinal);

    private static bool IsAdmin(HttpContext context) => context.Request.Path.StartsWithSegments(AdminPrefix.TrimEnd('/'), StringComparison.Ordinal);

    private static bool IsToken(HttpContext context) =>
        context.Request.Path.Equals(OAuth2TokenPath, StringComparison.Ordinal) || context.Request.Path.Equals(AtradiusTokenPath, StringComparison.Ordinal);

    private static async Task CorrelateAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime, ILogger logger)
    {
        var incoming = context.Request.Headers[Http.CorrelationHeader].ToString();
        var correlationId = incoming.Length is > 0 and <= 128 && incoming.All(c => c is > ' ' and < (char)127) ? incoming : Guid.NewGuid().ToString();
        context.Response.Headers[Http.CorrelationHeader] = correlationId;
        context.TraceIdentifier = correlationId;

        if (!IsAdmin(context))
        {
            runtime.Statistics.CountRequest();
            if (HttpMethods.IsPost(context.Request.Method))
            {
                if (context.Request.Path.Equals(OAuth2TokenPath, StringComparison.Ordinal))
                {
                    runtime.Statistics.CountOAuth2TokenRequest();
                }
                else if (context.Request.Path.Equals(AtradiusTokenPath, StringComparison.Ordinal))
                {
                    runtime.Statistics.CountAtradiusTokenRequest();
                }
            }
        }

        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId });
        try
        {
            await next(context).ConfigureAwait(false);
            if (!context.Items.ContainsKey(Http.AnsweredItem) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // Routing answers an unknown path or a wrong method with an empty body; give it the contract's error shape.
                var error = context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                    ? new ApiError(405, "METHOD_NOT_ALLOWED", $"{context.Request.Method} is not allowed on {context.Request.Path}.")
                    : ApiError.NotFound("path", $"No operation at {context.Request.Method} {context.Request.Path}.");
                await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            SandboxLog.UnexpectedError(logger, exception, context.Request.Method, context.Request.Path, correlationId);
            context.Response.Clear();
            context.Response.Headers[Http.CorrelationHeader] = correlationId;
            await Http.WriteErrorAsync(context, new ApiError(500, "INTERNAL_ERROR", "An unexpected error occurred; quote the correlation id to support.")).ConfigureAwait(false);
        }
        finally
        {
            SandboxLog.RequestFinished(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, correlationId);
        }
    }

    private static async Task InjectFaultsAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime, ILogger logger)
    {
        if (IsAdmin(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var fault = runtime.Faults.Decide(IsToken(context));
        if (fault.Latency > TimeSpan.Zero)
        {
            runtime.Statistics.CountDelayedRequest();
            await Task.Delay(fault.Latency, context.RequestAborted).ConfigureAwait(false);
        }

        switch (fault.Kind)
        {
            case FaultKind.RateLimited:
                runtime.Statistics.CountRateLimited();
                SandboxLog.FaultInjected(logger, "429", context.Request.Method, context.Request.Path, context.TraceIdentifier);
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Http.WriteErrorAsync(context, new ApiError(429, "RATE_LIMITED", $"Too many requests; retry after {fault.RetryAfterSeconds} seconds.")).ConfigureAwait(false);
                return;
            case FaultKind.ServiceUnavailable:
                runtime.Statistics.CountServiceUnavailable();
                SandboxLog.FaultInjected(logger, "503", context.Request.Method, context.Request.Path, context.TraceIdentifier);
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Http.WriteErrorAsync(context, new ApiError(503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable.")).ConfigureAwait(false);
                return;
            case FaultKind.DroppedResponse:
                {
                    // Process in full, keep the answer back, then cut the connection: the change is
                    // committed but the client never learns of it.
                    var original = context.Response.Body;
                    await using var buffer = new MemoryStream();
                    context.Response.Body = buffer;
                    try
                    {
                        await next(context).ConfigureAwait(false);
                    }
                    finally
                    {
                        context.Response.Body = original;
                    }

                    runtime.Statistics.CountDroppedResponse();
                    SandboxLog.FaultInjected(logger, "dropped-response", context.Request.Method, context.Request.Path, context.TraceIdentifier);
                    context.Abort();
                    return;
                }

            default:
                await next(context).ConfigureAwait(false);
                return;
        }
    }

    private static async Task AuthorizeAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime)
    {
        if (!IsApi(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"atradius-cover\"";
            await Http.WriteErrorAsync(context, new ApiError(401, "INVALID_TOKEN", "A bearer access token is required.")).ConfigureAwait(false);
            return;
        }

        var reason = runtime.Tokens.Validate(authorization["Bearer ".Length..].Trim(), out var clientId, out var scopes);
        var client = reason is null ? runtime.FindClient(clientId) : null;
        if (reason is not null || client is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"atradius-cover\", error=\"invalid_token\"";
            await Http.WriteErrorAsync(context, new ApiError(401, "INVALID_TOKEN", reason ?? "The access token belongs to no known client.")).ConfigureAwait(false);
            return;
        }

        if (client.AppKey is not null && context.Request.Headers[Http.AppKeyHeader].ToString() != client.AppKey)
        {
            await Http.WriteErrorAsync(context, new ApiError(401, "INVALID_APP_KEY", $"The {Http.AppKeyHeader} header is missing or does not belong to this client.", Parameter: Http.AppKeyHeader)).ConfigureAwait(false);
            return;
        }

        var needed = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ? SandboxClient.ReadScope : SandboxClient.WriteScope;
        if (!scopes.Contains(needed))
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"atradius-cover\", error=\"insufficient_scope\", scope=\"{needed}\"";
            await Http.WriteErrorAsync(context, new ApiError(403, "INSUFFICIENT_SCOPE", $"This operation needs the scope {needed}.")).ConfigureAwait(false);
            return;
        }

        context.Items[ClientItem] = clientId;
        await next(context).ConfigureAwait(false);
    }

    private static async Task ReadBodyAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime)
    {
        var method = context.Request.Method;
        var isTokenJson = context.Request.Path.Equals(AtradiusTokenPath, StringComparison.Ordinal);
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method)) || !(IsApi(context) || isTokenJson))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var limit = runtime.Options.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Http.WriteErrorAsync(context, new ApiError(413, "PAYLOAD_TOO_LARGE", $"The request body exceeds {limit} bytes.")).ConfigureAwait(false);
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            var error = isTokenJson
                ? new ApiError(400, "INVALID_REQUEST", "The request body must be application/json.")
                : new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "The request body must be application/json.");
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                await Http.WriteErrorAsync(context, new ApiError(413, "PAYLOAD_TOO_LARGE", $"The request body exceeds {limit} bytes.")).ConfigureAwait(false);
                return;
            }

            buffer.Write(chunk, 0, read);
        }

        context.Items[Http.BodyItem] = buffer.ToArray();
        await next(context).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task HonourIdempotencyKeyAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime)
    {
        var method = context.Request.Method;
        if (!IsApi(context) || !(HttpMethods.IsPost(method) || HttpMethods.IsPut(method)) || !runtime.IdempotencyEnabled
            || !context.Request.Headers.TryGetValue(Http.IdempotencyHeader, out var keys))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var key = keys.ToString();
        if (keys.Count != 1 || key.Length is 0 or > 255)
        {
            await Http.WriteErrorAsync(context, ApiError.BadParameter(Http.IdempotencyHeader, "Idempotency-Key must be one value of 1 to 255 characters.")).ConfigureAwait(false);
            return;
        }

        var body = Http.Body(context);
        var scope = $"{ClientId(context)}\n{method}\n{context.Request.Path}\n{key}";
        var entry = runtime.Idempotency.Claim(scope, body, out var isNew);
        if (!isNew)
        {
            if (!IdempotencyStore.SameBody(entry, body))
            {
                await Http.WriteErrorAsync(context, new ApiError(422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body; use a new key for a new request.", Parameter: Http.IdempotencyHeader)).ConfigureAwait(false);
                return;
            }

            if (await entry.Response.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false) is { } stored)
            {
                runtime.Statistics.CountIdempotentReplay();
                context.Items[Http.AnsweredItem] = true;
                context.Response.StatusCode = stored.Status;
                context.Response.ContentType = stored.ContentType;
                foreach (var (name, value) in stored.Headers)
                {
                    context.Response.Headers[name] = value;
                }

                await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            // The first attempt failed without acting; this one acts, unrecorded.
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            runtime.Idempotency.Release(scope, entry);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        if (context.Response.StatusCode >= 500)
        {
            runtime.Idempotency.Release(scope, entry);
        }
        else
        {
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var name in new[] { HeaderNames.Location, HeaderNames.ETag, HeaderNames.RetryAfter })
            {
                if (context.Response.Headers.TryGetValue(name, out var value))
                {
                    headers.Add(new(name, value.ToString()));
                }
            }

            entry.Response.TrySetResult(new StoredResponse(context.Response.StatusCode, context.Response.ContentType, headers, bytes));
        }

        await original.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
