using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Outermost handler: gives every call a correlation id and the SDK's User-Agent, and records one span,
/// one duration measurement and log events per logical call (retries included).
/// </summary>
internal sealed class CoverTelemetryHandler : DelegatingHandler
{
    private readonly CoverClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _userAgent;

    public CoverTelemetryHandler(CoverClientOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _userAgent = CoverDiagnostics.UserAgent(options.UserAgentSuffix);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var correlationId = EnsureCorrelationId(request);
        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        }

        // Nothing below may cost a call more than its own bookkeeping when no one listens: the span name is
        // a constant, and the path and host (new strings for every request URI) are read only for a span, a
        // metric or a log line that is actually recorded.
        var method = request.Method.Method;
        var uri = request.RequestUri;
        using var activity = CoverDiagnostics.ActivitySource.StartActivity(SpanName(method), ActivityKind.Client);
        var measured = CoverDiagnostics.RequestDuration.Enabled;
        var path = activity is not null || _logger.IsEnabled(LogLevel.Debug) ? uri?.AbsolutePath ?? string.Empty : string.Empty;
        var host = activity is not null || measured ? uri?.Host ?? string.Empty : string.Empty;
        activity?.SetTag("http.request.method", method);
        activity?.SetTag("server.address", host);
        activity?.SetTag("url.path", path);
        activity?.SetTag("atradius.correlation_id", correlationId);

        CoverLog.RequestStarting(_logger, method, path, correlationId);
        if (_options.LogBodies && request.Content is not null && _logger.IsEnabled(LogLevel.Trace))
        {
            await HttpContentReader.LoadIntoBufferAsync(request.Content, cancellationToken).ConfigureAwait(false);
            var body = await HttpContentReader.ReadAsStringAsync(request.Content, cancellationToken).ConfigureAwait(false);
            CoverLog.RequestBody(_logger, method, path, body);
        }

        var started = _timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (status >= 400)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            if (measured)
            {
                Record(elapsed, method, host, new KeyValuePair<string, object?>("http.response.status_code", status));
            }

            CoverLog.RequestCompleted(_logger, method, path, status, elapsed.TotalMilliseconds, correlationId);
            if (_options.LogBodies && response.Content is not null && _logger.IsEnabled(LogLevel.Trace))
            {
                await HttpContentReader.LoadIntoBufferAsync(response.Content, cancellationToken).ConfigureAwait(false);
                var body = await HttpContentReader.ReadAsStringAsync(response.Content, cancellationToken).ConfigureAwait(false);
                CoverLog.ResponseBody(_logger, method, path, body);
            }

            return response;
        }
        catch (Exception ex)
        {
            var elapsed = _timeProvider.GetElapsedTime(started);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity?.SetTag("error.type", ex.GetType().FullName);
            if (measured)
            {
                Record(elapsed, method, host, new KeyValuePair<string, object?>("error.type", ex.GetType().FullName));
            }

            CoverLog.RequestFailed(_logger, ex, method, path.Length > 0 ? path : uri?.AbsolutePath ?? string.Empty, elapsed.TotalMilliseconds, correlationId);
            throw;
        }
    }

    private static string SpanName(string method) => method switch
    {
        "GET" => "Cover GET",
        "POST" => "Cover POST",
        "PUT" => "Cover PUT",
        _ => "Cover " + method,
    };

    private static string EnsureCorrelationId(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues(CoverApiExceptionFactory.CorrelationIdHeader, out var existing)
            && existing.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } given)
        {
            return given;
        }

        var id = Guid.NewGuid().ToString("D");
        request.Headers.Remove(CoverApiExceptionFactory.CorrelationIdHeader);
        request.Headers.TryAddWithoutValidation(CoverApiExceptionFactory.CorrelationIdHeader, id);
        return id;
    }

    private static void Record(TimeSpan elapsed, string method, string host, KeyValuePair<string, object?> outcome)
    {
        var tags = new TagList
        {
            { "http.request.method", method },
            { "server.address", host },
            outcome,
        };
        CoverDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
    }
}
