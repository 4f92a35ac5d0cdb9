using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The SDK's log events. None takes a token, the client secret, the app key or a header; bodies only
/// when <see cref="CoverClientOptions.LogBodies"/> is on. Paths are logged without the query string.
/// </summary>
internal static partial class CoverLog
{
    [LoggerMessage(EventId = 1, EventName = "RequestStarting", Level = LogLevel.Debug,
        Message = "Sending {Method} {Path} (correlation id {CorrelationId})")]
    public static partial void RequestStarting(ILogger logger, string method, string path, string correlationId);

    [LoggerMessage(EventId = 2, EventName = "RequestCompleted", Level = LogLevel.Debug,
        Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0} ms (correlation id {CorrelationId})")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int statusCode, double elapsedMs, string correlationId);

    [LoggerMessage(EventId = 3, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "{Method} {Path} failed after {ElapsedMs:0} ms (correlation id {CorrelationId})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path, double elapsedMs, string correlationId);

    [LoggerMessage(EventId = 4, EventName = "RequestBody", Level = LogLevel.Trace,
        Message = "{Method} {Path} request body: {Body}")]
    public static partial void RequestBody(ILogger logger, string method, string path, string body);

    [LoggerMessage(EventId = 5, EventName = "ResponseBody", Level = LogLevel.Trace,
        Message = "{Method} {Path} response body: {Body}")]
    public static partial void ResponseBody(ILogger logger, string method, string path, string body);

    [LoggerMessage(EventId = 6, EventName = "Retrying", Level = LogLevel.Warning,
        Message = "Retrying {Method} {Path} (retry {Attempt}) in {DelayMs:0} ms after {Outcome}")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, double delayMs, string outcome);

    [LoggerMessage(EventId = 7, EventName = "CredentialsWithheld", Level = LogLevel.Warning,
        Message = "No credentials were attached to a request for {Origin}: it is not the configured API origin, or it is plain http to a host other than this machine")]
    public static partial void CredentialsWithheld(ILogger logger, string origin);

    [LoggerMessage(EventId = 10, EventName = "TokenRequesting", Level = LogLevel.Debug,
        Message = "Requesting an access token from {TokenEndpoint} ({Style} style) for client {ClientId} with scopes {Scopes} (correlation id {CorrelationId})")]
    public static partial void TokenRequesting(ILogger logger, string tokenEndpoint, CoverTokenEndpointStyle style, string clientId, string scopes, string correlationId);

    [LoggerMessage(EventId = 11, EventName = "TokenObtained", Level = LogLevel.Information,
        Message = "Obtained an access token for client {ClientId}, valid for {LifetimeSeconds:0} s, renewed at {RenewAt:O}")]
    public static partial void TokenObtained(ILogger logger, string clientId, double lifetimeSeconds, DateTimeOffset renewAt);

    [LoggerMessage(EventId = 12, EventName = "TokenRejected", Level = LogLevel.Warning,
        Message = "The API answered 401 to {Method} {Path}; renewing the access token and trying once more")]
    public static partial void TokenRejected(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 13, EventName = "TokenRequestFailed", Level = LogLevel.Warning,
        Message = "The token endpoint {TokenEndpoint} refused a token for client {ClientId}: {StatusCode} {Error} (correlation id {CorrelationId})")]
    public static partial void TokenRequestFailed(ILogger logger, string tokenEndpoint, string clientId, int statusCode, string? error, string correlationId);

    [LoggerMessage(EventId = 16, EventName = "TokenRenewalFailed", Level = LogLevel.Warning,
        Message = "Renewing the access token for client {ClientId} failed; the current one is used until it expires at {ExpiresAt:O}")]
    public static partial void TokenRenewalFailed(ILogger logger, Exception exception, string clientId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 14, EventName = "SharedTokenCacheFailed", Level = LogLevel.Warning,
        Message = "The shared token cache could not be {Operation}; continuing without it for this token")]
    public static partial void SharedTokenCacheFailed(ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 15, EventName = "SharedTokenUsed", Level = LogLevel.Debug,
        Message = "Using an access token from the shared token cache for client {ClientId}")]
    public static partial void SharedTokenUsed(ILogger logger, string clientId);
}
