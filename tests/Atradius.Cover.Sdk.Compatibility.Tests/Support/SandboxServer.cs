using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Atradius.Cover.Sdk.Compatibility.Tests.Support;

/// <summary>
/// The standalone sandbox server (src/Atradius.Cover.Sdk.Sandbox.Server) as a child process on a free port,
/// with the address and the read-write account it prints on start-up.
/// </summary>
internal sealed partial class SandboxServer : IAsyncDisposable
{
    private readonly Process _process;

    private SandboxServer(Process process, Uri baseAddress, Match account)
    {
        _process = process;
        BaseAddress = baseAddress;
        ClientId = account.Groups["id"].Value;
        ClientSecret = account.Groups["secret"].Value;
        AppKey = account.Groups["key"].Value;
        CustomerId = account.Groups["customer"].Value;
        PolicyId = account.Groups["policy"].Value;
    }

    public Uri BaseAddress { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public string AppKey { get; }

    public string CustomerId { get; }

    public string PolicyId { get; }

    public static async Task<SandboxServer> StartAsync(string serverAssembly, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { serverAssembly, "--url", "http://127.0.0.1:0", "--quiet", "true" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox server did not start.");
        var banner = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        Uri? address = null;
        Match? account = null;
        try
        {
            while ((address is null || account is null) && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                banner.Add(line);
                if (ListeningLine().Match(line) is { Success: true } listening)
                {
                    address = new Uri(listening.Groups[1].Value);
                }
                else if (AccountLine().Match(line) is { Success: true } readWrite)
                {
                    account = readWrite;
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The sandbox server printed no address within a minute:\n" + string.Join('\n', banner));
        }

        if (address is null || account is null)
        {
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The sandbox server stopped before it printed its address:\n" + string.Join('\n', banner) + errors);
        }

        // Drains what it prints later so that a full pipe never blocks it.
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return new SandboxServer(process, address, account);
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

    [GeneratedRegex(@"listening on (\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"read-write client:\s+id (?<id>[^,]+), secret (?<secret>[^,]+), app key (?<key>[^,]+), customer (?<customer>\d+), policy (?<policy>\S+)")]
    private static partial Regex AccountLine();
}
