using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Outermost handler: gives every call a correlation id and the SDK's User-Agent, and records one span, one
/// duration measurement and log events per logical call, retries included.
/// </summary>
/// <remarks>
/// The span follows the OpenTelemetry semantic conventions for HTTP clients (attribute names and values) but
/// is of kind <see cref="ActivityKind.Internal"/>: it stands for the call as the SDK made it, and each attempt
/// under it is the HTTP client span System.Net.Http records itself. Two client spans for one request would
/// count it twice.
/// </remarks>
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

        // Nothing below may cost a call more than its own bookkeeping when no one listens: the route, the
        // redacted URL and the host (new strings for every request URI) are built only for a span, a metric
        // or a log line that is actually recorded.
        var method = request.Method.Method;
        var uri = request.RequestUri;
        var measured = CoverDiagnostics.RequestDuration.Enabled;
        var traced = CoverDiagnostics.ActivitySource.HasListeners();
        var route = traced || measured ? CoverDiagnostics.UrlTemplate(uri) : string.Empty;
        var activity = traced
            ? CoverDiagnostics.ActivitySource.StartActivity(CoverDiagnostics.SpanName(method, route), ActivityKind.Internal)
            : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method);
            activity.SetTag("url.full", CoverDiagnostics.RedactedUrl(uri));
            activity.SetTag("url.template", route);
            activity.SetTag("server.address", uri?.Host);
            activity.SetTag("server.port", uri?.Port);
            activity.SetTag("atradius.cover.correlation_id", correlationId);
        }

        // A list's body is read after this handler has returned: its span and its duration end with the body.
        var bodyEndsCall = false;
        try
        {
            var path = _logger.IsEnabled(LogLevel.Debug) ? uri?.AbsolutePath ?? string.Empty : string.Empty;
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

                // The conventions make every 4xx and 5xx answer an error of a client call, typed by its status code.
                var errorType = status >= 400 ? CoverDiagnostics.StatusCodeText(status) : null;
                if (activity is not null)
                {
                    activity.SetTag("http.response.status_code", status);
                    if (errorType is not null)
                    {
                        activity.SetTag("error.type", errorType);
                        activity.SetStatus(ActivityStatusCode.Error);
                    }
                }

                if (status < 300 && response.Content is not null && (activity is not null || measured)
                    && CoverGetBufferingHandler.IsStreamed(request, out var bodyToken))
                {
                    // The call is not over when its headers arrive: a body that breaks off fails it, and that failure
                    // is the span's and the duration's too.
                    var call = new StreamedCall(_timeProvider, started, activity, measured, method, uri, route, status, bodyToken);
                    response.Content = new CallEndingContent(response.Content, call.End);
                    bodyEndsCall = true;
                }
                else if (measured)
                {
                    Record(elapsed, method, uri, route, status, errorType);
                }

                CoverLog.RequestCompleted(_logger, method, path, status, elapsed.TotalMilliseconds, correlationId);
                if (_options.LogBodies && response.Content is not null && _logger.IsEnabled(LogLevel.Trace))
                {
                    // Logged as the SDK reads it: read here, ahead of it, a body that stalls would hold the call out of
                    // reach of the attempt's time limit, and a list would be held whole.
                    response.Content = new LoggedResponseContent(response.Content, body => CoverLog.ResponseBody(_logger, method, path, body));
                }

                return response;
            }
            catch (Exception ex)
            {
                var elapsed = _timeProvider.GetElapsedTime(started);
                var errorType = ex.GetType().FullName ?? ex.GetType().Name;
                if (activity is not null)
                {
                    activity.SetTag("error.type", errorType);
                    activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                }

                if (measured)
                {
                    Record(elapsed, method, uri, route, status: null, errorType);
                }

                CoverLog.RequestFailed(_logger, ex, method, path.Length > 0 ? path : uri?.AbsolutePath ?? string.Empty, elapsed.TotalMilliseconds, correlationId);
                throw;
            }
        }
        finally
        {
            if (!bodyEndsCall)
            {
                activity?.Dispose();
            }
        }
    }

    private static string EnsureCorrelationId(HttpRequestMessage request)
    {
        if (CorrelationIdOf(request) is { } given)
        {
            return given;
        }

        var id = CoverCorrelationId.New();
        request.Headers.Remove(CoverApiExceptionFactory.CorrelationIdHeader);
        request.Headers.TryAddWithoutValidation(CoverApiExceptionFactory.CorrelationIdHeader, id);
        return id;
    }

    /// <summary>The request's <c>Atradius-Correlation-Id</c>, if it has one that is not blank.</summary>
    internal static string? CorrelationIdOf(HttpRequestMessage request)
    {
#if NET6_0_OR_GREATER
        // Read as the transport set it, without the validated view's parse and array (every call has one).
        if (request.Headers.NonValidated.TryGetValues(CoverApiExceptionFactory.CorrelationIdHeader, out var existing))
        {
            foreach (var value in existing)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }
        }
#else
        if (request.Headers.TryGetValues(CoverApiExceptionFactory.CorrelationIdHeader, out var existing)
            && existing.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } given)
        {
            return given;
        }
#endif

        return null;
    }

    /// <summary>
    /// A streamed answer's call, ended once (<see cref="End"/>) when its body is read to its end, fails, or is given up:
    /// the span stops and the duration is recorded then, with the failure's type as <c>error.type</c>.
    /// </summary>
    private sealed class StreamedCall(TimeProvider time, long started, Activity? activity, bool measured, string method, Uri? uri, string route, int status, CancellationToken bodyToken)
    {
        private int _ended;

        public void End(Exception? failure)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return;
            }

            var elapsed = time.GetElapsedTime(started);

            // A read cut while the caller still waited was cut by a time limit of the SDK's (a body that stopped
            // arriving), not by the caller: the list reports it as a timeout too.
            var errorType = failure is null ? null
                : failure is OperationCanceledException && !bodyToken.IsCancellationRequested ? typeof(TimeoutException).FullName
                : failure.GetType().FullName ?? failure.GetType().Name;
            if (activity is not null)
            {
                if (errorType is not null)
                {
                    activity.SetTag("error.type", errorType);
                    activity.SetStatus(ActivityStatusCode.Error, failure!.GetType().Name);
                }

                // Stopped where the body was read, in the caller's flow: stopping makes the span's parent current,
                // which must not replace whatever span the caller has made current since.
                var current = Activity.Current;
                activity.Dispose();
                if (!ReferenceEquals(current, activity))
                {
                    Activity.Current = current;
                }
            }

            if (measured)
            {
                Record(elapsed, method, uri, route, status, errorType);
            }
        }
    }

    private static void Record(TimeSpan elapsed, string method, Uri? uri, string route, int? status, string? errorType)
    {
        var tags = new TagList
        {
            { "http.request.method", method },
            { "server.address", uri?.Host },
            { "server.port", uri?.Port },
            { "url.template", route },
        };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        CoverDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
    }
}
