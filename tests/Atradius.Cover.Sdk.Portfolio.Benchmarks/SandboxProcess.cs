using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// The sandbox in a process of its own, as the real service is: its work still shares the machine's cores, but not
/// the client's heap, so the client's collections do not walk the service's hundreds of megabytes of state.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process process;

    private SandboxProcess(Process process, CoverClientOptions clientOptions)
    {
        this.process = process;
        ClientOptions = clientOptions;
    }

    /// <summary>The options of a client for the sandbox's read-write customer.</summary>
    public CoverClientOptions ClientOptions { get; }

    /// <summary>
    /// Starts this program as <c>serve N</c> (<c>replay N</c> with <paramref name="replay"/>: behind a
    /// <see cref="ReplayService"/>, sending at no more than <paramref name="megabitsPerSecond"/> when given) and waits
    /// until the sandbox listens.
    /// </summary>
    public static async Task<SandboxProcess> StartAsync(int coverCount, bool replay = false, double? megabitsPerSecond = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).StartsWith("Atradius", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(SandboxProcess).Assembly.Location);
        }

        start.ArgumentList.Add(replay ? "replay" : "serve");
        start.ArgumentList.Add(coverCount.ToString(CultureInfo.InvariantCulture));
        if (megabitsPerSecond is { } speed)
        {
            start.ArgumentList.Add(speed.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox process did not start.");
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The sandbox process ended before it listened.");
        var fields = line.Split('|');
        return new SandboxProcess(process, new CoverClientOptions
        {
            BaseAddress = new Uri(fields[0]),
            TokenEndpoint = new Uri(fields[1]),
            ClientId = fields[2],
            ClientSecret = fields[3],
            AppKey = fields[4],
            CustomerId = long.Parse(fields[5], CultureInfo.InvariantCulture),
            PolicyId = fields[6],
        });
    }

    /// <summary>
    /// The child's side: serves a sandbox of N covers, behind a <see cref="ReplayService"/> when
    /// <paramref name="replay"/> (at no more than <paramref name="megabitsPerSecond"/> when given), until the parent
    /// closes standard input.
    /// </summary>
    public static async Task<int> ServeAsync(int coverCount, bool replay = false, double? megabitsPerSecond = null)
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = coverCount, GeneratedCoverCount = coverCount, Irregularities = false });
        await using var replayService = replay ? await ReplayService.StartAsync(sandbox.BaseAddress, megabitsPerSecond) : null;
        var baseAddress = replayService?.BaseAddress ?? sandbox.BaseAddress;
        var client = sandbox.ReadWriteClient;
        Console.WriteLine(string.Join('|', baseAddress, new Uri(baseAddress, sandbox.AtradiusTokenEndpoint.PathAndQuery.TrimStart('/')), client.ClientId, client.ClientSecret, client.AppKey, client.CustomerId.ToString(CultureInfo.InvariantCulture), client.PolicyId));
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
