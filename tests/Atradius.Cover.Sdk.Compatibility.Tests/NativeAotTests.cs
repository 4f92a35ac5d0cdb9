using Atradius.Cover.Sdk.Compatibility.Tests.Support;

namespace Atradius.Cover.Sdk.Compatibility.Tests;

/// <summary>
/// The SDK in a native AOT application: published with no trim or AOT warning, and the journey runs against a
/// sandbox server (a trimmed application fails at run time where reflection was needed, not at build time).
/// </summary>
public sealed class NativeAotTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("cover-aot-").FullName;

    [Fact]
    public async Task A_native_aot_program_publishes_without_warnings_and_runs_the_journey_against_the_sandbox()
    {
        var ct = TestContext.Current.CancellationToken;
        RequireNativeToolchain();

        // PublishAot is set in the program's project: as a global property (-p:PublishAot=true) it would also
        // reach the SDK's netstandard2.0 build, which cannot be compiled ahead of time (NETSDK1207).
        var (published, publishOutput) = await PackageWorkspace.RunReleaseBuildAsync(
            "publish", RepositoryRoot.Combine("tests", "Atradius.Cover.Sdk.AotSmoke", "Atradius.Cover.Sdk.AotSmoke.csproj"),
            "-c", "Release", "-r", "linux-x64", "-o", _output);
        Assert.True(published == 0, "Native AOT publish failed (it needs clang and zlib1g-dev):\n" + publishOutput);
        var trimOrAotWarnings = publishOutput.Split('\n')
            .Where(line => line.Contains("warning IL2", StringComparison.Ordinal) || line.Contains("warning IL3", StringComparison.Ordinal))
            .ToList();
        Assert.True(trimOrAotWarnings.Count == 0, string.Join('\n', trimOrAotWarnings));

        var serverProject = RepositoryRoot.Combine("src", "Atradius.Cover.Sdk.Sandbox.Server", "Atradius.Cover.Sdk.Sandbox.Server.csproj");
        var serverOutput = Path.Combine(_output, "sandbox");
        var (built, buildOutput) = await PackageWorkspace.RunReleaseBuildAsync("build", serverProject, "-c", "Release", "-o", serverOutput);
        Assert.True(built == 0, buildOutput);

        await using var sandbox = await SandboxServer.StartAsync(Path.Combine(serverOutput, "atradius-cover-sandbox.dll"), ct);
        var (exitCode, output) = await DotNetCli.RunProgramAsync(Path.Combine(_output, "Atradius.Cover.Sdk.AotSmoke"), _output, TimeSpan.FromMinutes(2),
            new Dictionary<string, string>(),
            sandbox.BaseAddress.ToString(), sandbox.ClientId, sandbox.ClientSecret, sandbox.AppKey, sandbox.CustomerId, sandbox.PolicyId, "NL859338221B01");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"policy {sandbox.PolicyId} live=True", output, StringComparison.Ordinal);
        Assert.Contains("buyer 10042317 ", output, StringComparison.Ordinal);
        Assert.Matches(@"application (Decided|Referred) cover \d+", output);
        Assert.Contains("including the application: True", output, StringComparison.Ordinal);
        Assert.Contains("journey complete", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A native AOT publish for linux-x64 needs Linux, clang and zlib's headers (zlib1g-dev), which a machine with only
    /// the .NET SDK lacks: there the test is skipped and says what to install. Under CI=true (.ci/run installs them) a
    /// missing toolchain fails it instead, so that CI never passes without running it.
    /// </summary>
    private static void RequireNativeToolchain()
    {
        var missing = !OperatingSystem.IsLinux() ? "a Linux machine"
            : !OnPath("clang") ? "clang"
            : !File.Exists("/usr/include/zlib.h") ? "zlib's headers (zlib1g-dev)"
            : null;
        if (missing is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI needs the native AOT toolchain for this test, and " + missing + " is missing: .ci/run installs clang and zlib1g-dev.");
        }

        Assert.Skip("The native AOT publish needs " + missing + ": install clang and zlib1g-dev (apt-get install clang zlib1g-dev) to run it.");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_output, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp directory.
        }
    }
}
