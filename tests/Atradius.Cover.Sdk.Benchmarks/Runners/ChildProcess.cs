using System.Diagnostics;

namespace Atradius.Cover.Sdk.Benchmarks.Runners;

/// <summary>Starts this benchmark program again in a fresh process with other arguments.</summary>
public static class ChildProcess
{
    public static Process Start(params string[] args)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start " + self + ".");
    }

    /// <summary>Runs a child to its end and returns its output, or throws when it failed.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        using var child = Start(args);
        var output = await child.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"'{string.Join(' ', args)}' exited with {child.ExitCode}: {output}");
    }
}
