using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The SDK's tracing and metrics sources, both named <c>Atradius.Cover.Sdk</c> so that one name turns
/// them on in OpenTelemetry (<c>AddSource</c>/<c>AddMeter</c>).
/// </summary>
internal static class CoverDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "Atradius.Cover.Sdk";

    /// <summary>The version of this assembly, without build metadata.</summary>
    public static readonly string Version = GetVersion();

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>Duration of one logical call, retries included.</summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "atradius.cover.client.request.duration", unit: "s", description: "Duration of Cover API calls, retries included.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "atradius.cover.client.retries", unit: "{retry}", description: "Cover API attempts repeated after a transient failure.");

    public static readonly Counter<long> TokenRenewals = Meter.CreateCounter<long>(
        "atradius.cover.client.token.renewals", unit: "{token}", description: "Access tokens obtained from the token endpoint.");

    private static readonly string BaseUserAgent = $"{Name}/{Version} ({RuntimeInformation.FrameworkDescription.Trim()}; {OperatingSystemName()})";

    /// <summary>The <c>User-Agent</c> value, e.g. <c>Atradius.Cover.Sdk/1.0.0 (.NET 10.0.1; Linux) MyErp/2.1</c>.</summary>
    public static string UserAgent(string? suffix) =>
        string.IsNullOrWhiteSpace(suffix) ? BaseUserAgent : $"{BaseUserAgent} {suffix!.Trim()}";

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
