using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The SDK's tracing and metrics sources, both named <c>Atradius.Cover.Sdk</c> so that one name turns
/// them on in OpenTelemetry (<c>AddSource</c>/<c>AddMeter</c>); docs/telemetry.md lists what they record.
/// Attribute names and values follow the OpenTelemetry semantic conventions for HTTP clients.
/// </summary>
internal static class CoverDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "Atradius.Cover.Sdk";

    /// <summary>The version of this assembly, without build metadata.</summary>
    public static readonly string Version = GetVersion();

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>
    /// The bucket boundaries advised for <see cref="RequestDuration"/>, in seconds: those OpenTelemetry advises for
    /// <c>http.client.request.duration</c>, and 30 and 60 s for calls that retry with back-off or read a long list.
    /// Without advice an exporter applies its default boundaries, meant for milliseconds (0, 5, 10, 25 … 10000), and
    /// every call under five seconds falls into one bucket.
    /// </summary>
    internal static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];

    /// <summary>
    /// Duration of one logical call, retries included. Not <c>http.client.request.duration</c>: System.Net.Http
    /// records that one per attempt, and the same name twice would count each request twice.
    /// </summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        "atradius.cover.client.request.duration",
        unit: "s",
        description: "Duration of Cover API calls, retries included; a list's until its body was read, the caller's time between items included.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "atradius.cover.client.retries", unit: "{retry}", description: "Cover API attempts repeated after a transient failure.");

    public static readonly Counter<long> TokenRenewals = Meter.CreateCounter<long>(
        "atradius.cover.client.token.renewals", unit: "{token}", description: "Access tokens obtained from the token endpoint.");

    /// <summary>Replaces the value of every query parameter: business identifiers (VAT numbers) stay out of traces.</summary>
    public const string Redacted = "REDACTED";

    private static readonly string BaseUserAgent = $"{Name}/{Version} ({RuntimeInformation.FrameworkDescription.Trim()}; {OperatingSystemName()})";

    /// <summary>The <c>User-Agent</c> value, e.g. <c>Atradius.Cover.Sdk/1.0.0 (.NET 10.0.1; Linux) MyErp/2.1</c>.</summary>
    public static string UserAgent(string? suffix) =>
        string.IsNullOrWhiteSpace(suffix) ? BaseUserAgent : $"{BaseUserAgent} {suffix!.Trim()}";

    /// <summary>The span name the conventions give an HTTP call: <c>{method} {url.template}</c>.</summary>
    public static string SpanName(string method, string urlTemplate) =>
        urlTemplate.Length == 0 ? method : method + " " + urlTemplate;

    /// <summary>
    /// The route of a request with its identifiers replaced by names (<c>/…/covers/{coverId}/cover-type</c>), so
    /// that spans and metrics group by operation, not by cover.
    /// </summary>
    public static string UrlTemplate(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return string.Empty;
        }

        var segments = uri.AbsolutePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && segments[i].All(char.IsDigit))
            {
                segments[i] = i > 0 ? segments[i - 1] switch
                {
                    "buyers" => "{buyerId}",
                    "covers" => "{coverId}",
                    "policies" => "{policyId}",
                    _ => "{id}",
                } : "{id}";
            }
        }

        return string.Join("/", segments);
    }

    /// <summary>
    /// <c>url.full</c> as the conventions want it: no user information, and here no query values either (they
    /// carry buyer identifiers and customer numbers); the parameter names stay.
    /// </summary>
    public static string? RedactedUrl(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return uri?.OriginalString;
        }

        var url = new StringBuilder(uri.Scheme).Append("://").Append(uri.Host);
        if (!uri.IsDefaultPort)
        {
            url.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        }

        url.Append(uri.AbsolutePath);
        var query = uri.Query;
        if (query.Length > 1)
        {
            var separator = '?';
            foreach (var parameter in query.Substring(1).Split('&'))
            {
                var equals = parameter.IndexOf('=');
                url.Append(separator).Append(equals < 0 ? parameter : parameter.Substring(0, equals)).Append('=').Append(Redacted);
                separator = '&';
            }
        }

        return url.ToString();
    }

    /// <summary>The status code as <c>error.type</c> wants it, without a new string for the usual ones.</summary>
    public static string StatusCodeText(int status) => status switch
    {
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        409 => "409",
        422 => "422",
        429 => "429",
        500 => "500",
        502 => "502",
        503 => "503",
        504 => "504",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };

    private static string GetVersion()
    {
        var assembly = typeof(CoverDiagnostics).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }

    private static string OperatingSystemName()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return "Windows";
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return "macOS";
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux" : "Other";
    }
}
