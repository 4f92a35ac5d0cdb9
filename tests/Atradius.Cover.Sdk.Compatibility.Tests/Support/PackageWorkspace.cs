using System.Security;
using System.Text.RegularExpressions;

namespace Atradius.Cover.Sdk.Compatibility.Tests.Support;

/// <summary>
/// A temporary folder whose projects restore the packed packages from artifacts/packages, as a user's
/// projects restore them from NuGet. Its own global packages folder keeps a package cached under the same
/// version by an earlier pack from standing in for the one just packed.
/// </summary>
internal sealed partial class PackageWorkspace : IDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    // Packs and the native AOT publish all build the repository's projects in Release, into the same obj/ and
    // bin/ folders: two at once fail on a file the other is writing.
    private static readonly SemaphoreSlim ReleaseBuildLock = new(1, 1);

    private PackageWorkspace(string root) => Root = root;

    public string Root { get; }

    public static string Feed { get; } = RepositoryRoot.Combine("artifacts", "packages");

    public static async Task<PackageWorkspace> CreateAsync(CancellationToken cancellationToken)
    {
        var workspace = new PackageWorkspace(Directory.CreateTempSubdirectory("cover-compatibility-").FullName);
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{SecurityElement.Escape(Path.Combine(workspace.Root, "packages"))}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{SecurityElement.Escape(Feed)}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """, cancellationToken);

        // Keeps the repository's Directory.Build.props, Directory.Packages.props and global.json out of the
        // projects written here: they are a user's projects, not ours.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(workspace.Root, file), "<Project />", cancellationToken);
        }

        return workspace;
    }

    /// <summary>The version of the package in the feed, packing the project first when the feed lacks it.</summary>
    public static async Task<string> PackedVersionAsync(string packageId)
    {
        await ReleaseBuildLock.WaitAsync();
        try
        {
            if (FindVersion(packageId) is { } version)
            {
                return version;
            }

            var (exitCode, output) = await DotNetCli.RunAsync(RepositoryRoot.Path, StepTimeout,
                "pack", RepositoryRoot.Combine("src", packageId, packageId + ".csproj"), "-c", "Release", "-o", Feed);
            Assert.True(exitCode == 0, output);
            return FindVersion(packageId) ?? throw new InvalidOperationException($"dotnet pack produced no {packageId} package:\n{output}");
        }
        finally
        {
            ReleaseBuildLock.Release();
        }
    }

    /// <summary>Runs a dotnet command that builds projects of the repository in Release, never beside a pack or another such build.</summary>
    public static async Task<(int ExitCode, string Output)> RunReleaseBuildAsync(params string[] arguments)
    {
        await ReleaseBuildLock.WaitAsync();
        try
        {
            return await DotNetCli.RunAsync(RepositoryRoot.Path, StepTimeout, arguments);
        }
        finally
        {
            ReleaseBuildLock.Release();
        }
    }

    /// <summary>The version of a package of the repository's central package list (xunit.v3 for a test project).</summary>
    public static string CentralVersion(string packageId)
    {
        var packages = File.ReadAllText(RepositoryRoot.Combine("Directory.Packages.props"));
        var match = Regex.Match(packages, $"""<PackageVersion Include="{Regex.Escape(packageId)}" Version="([^"]+)" """.TrimEnd());
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException(packageId + " is not in Directory.Packages.props");
    }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the folder is in the temp directory.
        }
    }

    private static string? FindVersion(string packageId)
    {
        if (!Directory.Exists(Feed))
        {
            return null;
        }

        // Atradius.Cover.Sdk.1.0.0.nupkg, but not Atradius.Cover.Sdk.Sandbox.1.0.0.nupkg.
        return new DirectoryInfo(Feed).GetFiles(packageId + ".*.nupkg")
            .Select(f => (File: f, Match: VersionPattern().Match(f.Name[(packageId.Length + 1)..])))
            .Where(c => c.Match.Success)
            .OrderByDescending(c => c.File.LastWriteTimeUtc)
            .Select(c => c.Match.Groups[1].Value)
            .FirstOrDefault();
    }

    [GeneratedRegex(@"^(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex VersionPattern();
}
