using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Atradius.Cover.Sdk.Sandbox.Endpoints;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// The middleware in front of the endpoints, outermost first: correlation id and logging; the
/// gateway (405 for a method HTTP does not use, 403 for a route or method the contract lacks, both
/// before credentials are looked at); fault injection; the bearer token and app key, then the
/// <c>Accept</c> header (406); the request body (413, 415, 408). Faults sit outside the token check,
/// so an armed fault hits whatever comes next.
/// </summary>
internal static class SandboxPipeline
{
    private static readonly TimeSpan CutBodyPause = TimeSpan.FromMilliseconds(100);

    // How long a cut body's connection waits, half closed, for its client to see the end and close its side.
    private static readonly TimeSpan CutBodyClientPatience = TimeSpan.FromSeconds(30);

    public static void Use(WebApplication app, SandboxRuntime runtime)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Atradius.Cover.Sdk.Sandbox");
        app.Use((HttpContext context, RequestDelegate next) => CorrelateAsync(context, next, runtime, logger));
        app.Use((HttpContext context, RequestDelegate next) => GatewayAsync(context, next, runtime));
        app.Use((HttpContext context, RequestDelegate next) => InjectFaultsAsync(context, next, runtime, logger));
        app.Use((HttpContext context, RequestDelegate next) => AuthorizeAsync(context, next, runtime));
        app.Use((HttpContext context, RequestDelegate next) => ReadBodyAsync(context, next, runtime));
    }

    private static async Task CorrelateAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime, ILogger logger)
    {
        var incoming = context.Request.Headers[Http.CorrelationHeader].ToString();
        var correlationId = incoming.Length is > 0 and <= 100 && incoming.All(c => c is > ' ' and < (char)127) ? incoming : Guid.NewGuid().ToString();
        context.Response.Headers[Http.CorrelationHeader] = correlationId;
        context.TraceIdentifier = correlationId;
        var path = context.Request.Path;
        if (!RouteTable.IsAdmin(path))
        {
            runtime.Statistics.CountRequest();
            if (HttpMethods.IsPost(context.Request.Method) && path.Equals(Http.OAuth2TokenPath, StringComparison.Ordinal))
            {
                runtime.Statistics.CountOAuth2TokenRequest();
            }
            else if (HttpMethods.IsPost(context.Request.Method) && path.Equals(Http.AtradiusTokenPath, StringComparison.Ordinal))
            {
                runtime.Statistics.CountAtradiusTokenRequest();
            }
        }

        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId });
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.GetEndpoint() is null && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested && context.Response.StatusCode == 404)
            {
                await UnknownRouteAsync(context).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            SandboxLog.UnexpectedError(logger, exception, context.Request.Method, context.Request.Path, correlationId);
            context.Response.Clear();
            context.Response.Headers[Http.CorrelationHeader] = correlationId;
            await Http.WriteErrorAsync(context, new ApiError(500, "An unexpected error occurred.")).ConfigureAwait(false);
        }
        finally
        {
            SandboxLog.RequestFinished(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, correlationId);
        }
    }

    private static Task UnknownRouteAsync(HttpContext context) =>
        Http.WriteFaultAsync(context, 403, "Unknown route", "messaging.adaptors.http.flow.UnknownRoute");

    private static Task GatewayAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "";
        if (!RouteTable.IsUsualMethod(method))
        {
            // A method HTTP itself does not use is refused by the web tier, before the body's type is looked at.
            context.Response.Headers.Allow = "GET, POST, PUT, PATCH";
            return Http.WriteErrorAsync(context, new ApiError(405, "Method not allowed."));
        }

        if (runtime.Options.AdminEndpoints && RouteTable.IsAdmin(context.Request.Path))
        {
            return next(context);
        }

        return RouteTable.IsKnown(method, path, runtime.Options.OAuth2TokenRoute) ? next(context) : UnknownRouteAsync(context);
    }

    private static async Task InjectFaultsAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime, ILogger logger)
    {
        var path = context.Request.Path;
        if (RouteTable.IsAdmin(path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var decision = runtime.Faults.Decide(context.Request.Method, path.Value ?? "", RouteTable.IsToken(path));
        if (decision.Latency > TimeSpan.Zero)
        {
            runtime.Statistics.CountDelayedRequest();
            await Task.Delay(decision.Latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (decision.Fault is not { } fault)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        SandboxLog.FaultInjected(logger, fault.ToString(), context.Request.Method, path, context.TraceIdentifier);
        if (fault == SandboxFault.RateLimited)
        {
            runtime.Statistics.CountRateLimited();
            RetryAfter(context, runtime);
            await Http.WriteFaultAsync(context, 429, "Rate limit quota violation", "policies.ratelimit.QuotaViolation").ConfigureAwait(false);
            return;
        }

        if (fault == SandboxFault.ServiceUnavailable)
        {
            runtime.Statistics.CountServiceUnavailable();
            RetryAfter(context, runtime);
            await Http.WriteAsync(context, 503, w =>
            {
                w.WriteStartObject();
                w.WriteString("faultstring", "The Service is temporarily unavailable");
                w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        // Process in full and commit, keep the answer back, then spoil it.
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        switch (fault)
        {
            case SandboxFault.DropAfterCommit:
                runtime.Statistics.CountDroppedResponse();
                context.Abort();
                return;
            case SandboxFault.BadGatewayAfterCommit:
                runtime.Statistics.CountAfterCommitFault();
                await Http.WriteFaultAsync(context, 502, "Bad gateway", "messaging.adaptors.http.flow.BadGateway").ConfigureAwait(false);
                return;
            case SandboxFault.GatewayTimeoutAfterCommit:
                runtime.Statistics.CountAfterCommitFault();
                await Http.WriteFaultAsync(context, 504, "Gateway timeout", "messaging.adaptors.http.flow.GatewayTimeout").ConfigureAwait(false);
                return;
            case SandboxFault.CutBodyAfterCommit:
                runtime.Statistics.CountAfterCommitFault();
                context.Response.ContentLength = bytes.Length;
                await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
                await original.FlushAsync(context.RequestAborted).ConfigureAwait(false);

                // Aborting discards what is still queued for the socket, and a reset that reaches the client before it
                // has read what came before it throws that away too: on a busy machine the client saw a dropped
                // connection, not a status and headers whose body breaks off. After a pause for the server to hand the
                // bytes to the socket, the connection is half closed instead, so the end comes after them however late
                // the client reads, and aborted once the client has closed its side.
                await Task.Delay(CutBodyPause, context.RequestAborted).ConfigureAwait(false);
                if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
                {
                    socket.Shutdown(SocketShutdown.Send);
                    try
                    {
                        await Task.Delay(CutBodyClientPatience, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client closed its side: it has read all it will.
                    }
                }

                context.Abort();
                return;
            default:
                runtime.Statistics.CountAfterCommitFault();
                context.Response.ContentLength = bytes.Length;
                var piece = Math.Max(1, bytes.Length / 4);
                for (var offset = 0; offset < bytes.Length; offset += piece)
                {
                    await original.WriteAsync(bytes.AsMemory(offset, Math.Min(piece, bytes.Length - offset)), context.RequestAborted).ConfigureAwait(false);
                    await original.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    await Task.Delay(runtime.Faults.SlowBodyChunkDelay, context.RequestAborted).ConfigureAwait(false);
                }

                return;
        }
    }

    private static void RetryAfter(HttpContext context, SandboxRuntime runtime)
    {
        if (runtime.Faults.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static async Task AuthorizeAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime)
    {
        if (!RouteTable.IsApi(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await Http.WriteFaultAsync(context, 401, "Invalid access token", "keymanagement.service.invalid_access_token").ConfigureAwait(false);
            return;
        }

        var reason = runtime.Tokens.Validate(authorization["Bearer ".Length..].Trim(), out var clientId);
        if (reason is not null || runtime.FindClient(clientId) is not { } client)
        {
            await Http.WriteFaultAsync(context, 401, reason ?? "Invalid access token", reason == "Access Token expired" ? "keymanagement.service.access_token_expired" : "keymanagement.service.invalid_access_token").ConfigureAwait(false);
            return;
        }

        if (client.AppKey is not null && context.Request.Headers[Http.AppKeyHeader].ToString() != client.AppKey)
        {
            await Http.WriteFaultAsync(context, 401, "Invalid ApiKey", "oauth.v2.InvalidApiKey").ConfigureAwait(false);
            return;
        }

        if (RouteTable.IsWrite(context.Request.Method) && !client.CanWrite)
        {
            await Http.WriteFaultAsync(context, 403, "The client may only read.", "accesscontrol.WriteNotAllowed").ConfigureAwait(false);
            return;
        }

        if (!AcceptsJson(context.Request.Headers.Accept))
        {
            // The contract gives every API route a 406 for a client that does not accept JSON, the only type served.
            await Http.WriteErrorAsync(context, new ApiError(406, "Only application/json is served.")).ConfigureAwait(false);
            return;
        }

        context.Items[Http.ClientItem] = client;
        await next(context).ConfigureAwait(false);
    }

    /// <summary>True when no <c>Accept</c> is sent, or one of its ranges covers <c>application/json</c> with a quality above zero.</summary>
    private static bool AcceptsJson(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        return ranges.Any(range =>
            range.Quality is not 0
            && (range.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase)
                || range.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || range.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task ReadBodyAsync(HttpContext context, RequestDelegate next, SandboxRuntime runtime)
    {
        var request = context.Request;
        var path = request.Path;
        if (!RouteTable.IsWrite(request.Method) || !(RouteTable.IsApi(path) || RouteTable.IsToken(path)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var limit = runtime.Options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit).ConfigureAwait(false);
            return;
        }

        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        var isForm = path.Equals(Http.OAuth2TokenPath, StringComparison.Ordinal);
        if (hasBody && !(isForm ? IsForm(request.ContentType) : IsJson(request.ContentType)))
        {
            // The contract gives the Atradius token route a 400 for any bad request, and the others a 415.
            var status = path.Equals(Http.AtradiusTokenPath, StringComparison.Ordinal) ? 400 : 415;
            await Http.WriteErrorAsync(context, new ApiError(status, isForm ? "The request body must be application/x-www-form-urlencoded." : "The request body must be application/json.", "Content-Type")).ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(runtime.Options.RequestBodyTimeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await TooLargeAsync(context, limit).ConfigureAwait(false);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Headers.Connection = "close";
            await Http.WriteErrorAsync(context, new ApiError(408, "The request body did not arrive in time.", "body")).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException exception)
        {
            context.Response.Headers.Connection = "close";
            await Http.WriteErrorAsync(context, new ApiError(exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : 400, "The request body could not be read.", "body")).ConfigureAwait(false);
            return;
        }
        catch (IOException)
        {
            return; // the client went away mid-body; nobody is left to answer
        }

        context.Items[Http.BodyItem] = buffer.ToArray();
        await next(context).ConfigureAwait(false);
    }

    private static Task TooLargeAsync(HttpContext context, int limit)
    {
        context.Response.Headers.Connection = "close";
        return Http.WriteErrorAsync(context, new ApiError(413, string.Create(CultureInfo.InvariantCulture, $"The request body is too large (more than {limit} bytes)."), "body"));
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
