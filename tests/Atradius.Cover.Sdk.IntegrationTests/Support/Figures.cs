using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.IntegrationTests.Support;

/// <summary>Writes the figures of a run to the test output, in the form docs/reliability.md quotes them.</summary>
internal static class Figures
{
    private static readonly object Gate = new();

    public static void Write(string name, params (string Label, object Value)[] figures)
    {
        var line = name + ": " + string.Join(", ", figures.Select(f => f.Label + " = " + Convert.ToString(f.Value, CultureInfo.InvariantCulture)));
        TestContext.Current.TestOutputHelper?.WriteLine(line);

        // Also kept beside the test binaries, so that the figures of the last run can be copied into docs/reliability.md.
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "reliability-figures.txt"), DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture) + " " + line + Environment.NewLine);
        }
    }

    public static (string, object)[] Faults(SandboxStatistics s) =>
    [
        ("requests", s.Requests),
        ("429", s.RateLimitedResponses),
        ("503", s.ServiceUnavailableResponses),
        ("dropped after commit", s.DroppedResponses),
        ("delayed", s.DelayedRequests),
        ("idempotent replays", s.IdempotentReplays),
        ("token requests", s.TokenRequests),
    ];
}
