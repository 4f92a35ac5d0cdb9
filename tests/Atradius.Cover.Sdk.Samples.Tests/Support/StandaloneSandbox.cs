using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Atradius.Cover.Sdk.Samples.Tests.Support;

/// <summary>
/// The sandbox's standalone server run as its own process on a free loopback port, as a stand-in for a configured
/// service: the client reaches it only through its address, as it would reach UAT.
/// </summary>
internal sealed partial class StandaloneSandbox : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private StandaloneSandbox(Process process, StringBuilder output, string baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Runs the server with these environment variables, and these arguments after its own (a later option wins), until it
    /// exits by itself, as it does when it cannot start.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = StartInfo(environment);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        return (process.ExitCode, await standardOutput + await standardError);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        // Built beside the tests by the project reference; same configuration as the tests themselves.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var server = RepositoryRoot.Combine("src", "Atradius.Cover.Sdk.Sandbox.Server", "bin", configuration, "net10.0", "atradius-cover-sandbox.dll");
        Assert.True(File.Exists(server), "The standalone sandbox is not built at " + server);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { server, "--url", "http://127.0.0.1:0", "--referral-delay", "1", "--quiet", "true" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static Task<StandaloneSandbox> StartAsync(CancellationToken cancellationToken) => StartAsync(new Dictionary<string, string>(), cancellationToken);

    /// <summary>Starts the server with these environment variables set for it alone.</summary>
    public static async Task<StandaloneSandbox> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = StartInfo(environment);
        var output = new StringBuilder();
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("The standalone sandbox stopped before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sandbox = new StandaloneSandbox(process, output, await WaitAsync(address.Task, output, cancellationToken));
        return sandbox;

        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (Listening().Match(line) is { Success: true } match)
            {
                address.TrySetResult(match.Groups["address"].Value);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<string> WaitAsync(Task<string> address, StringBuilder output, CancellationToken cancellationToken)
    {
        try
        {
            return await address.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (output)
            {
                throw new TimeoutException("The standalone sandbox did not say where it listens:" + Environment.NewLine + output);
            }
        }
    }

    [GeneratedRegex(@"listening on (?<address>http://127\.0\.0\.1:\d+/?)")]
    private static partial Regex Listening();
}
