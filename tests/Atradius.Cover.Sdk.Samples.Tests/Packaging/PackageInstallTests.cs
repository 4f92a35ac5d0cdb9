using System.Globalization;
using Atradius.Cover.Sdk.Samples.Tests.Support;

namespace Atradius.Cover.Sdk.Samples.Tests.Packaging;

/// <summary>
/// What a user gets from NuGet: both packages packed fresh, installed into a new console project from a local
/// folder feed, and one call made against the sandbox package.
/// </summary>
public sealed class PackageInstallTests : IDisposable
{
    // Packing three target frameworks and restoring a fresh project takes minutes on a busy two-core machine.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    private readonly string _workspace = Directory.CreateTempSubdirectory("cover-package-test-").FullName;

    // A version no cache has seen, so the console project can only get the packages just packed.
    private readonly string _version = "1.0.0-local." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
        + "." + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_console_project_installs_both_packages_from_a_folder_feed_and_searches_buyers_on_the_sandbox()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_workspace, "feed")).FullName;
        foreach (var project in new[] { "src/Atradius.Cover.Sdk/Atradius.Cover.Sdk.csproj", "src/Atradius.Cover.Sdk.Sandbox/Atradius.Cover.Sdk.Sandbox.csproj" })
        {
            // Its own configuration keeps the pack from touching the Debug or Release builds the other tests use.
            var (packed, packOutput) = await DotNetCli.RunAsync(RepositoryRoot.Path, StepTimeout,
                "pack", project, "-c", "PackageTest", "-o", feed, "-p:Version=" + _version, "-warnaserror");
            Assert.True(packed == 0, packOutput);
        }

        Assert.True(File.Exists(Path.Combine(feed, $"Atradius.Cover.Sdk.{_version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"Atradius.Cover.Sdk.{_version}.snupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"Atradius.Cover.Sdk.Sandbox.{_version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"Atradius.Cover.Sdk.Sandbox.{_version}.snupkg")));

        var app = Directory.CreateDirectory(Path.Combine(_workspace, "app")).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(app, "PackageCheck.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Atradius.Cover.Sdk" Version="{_version}" />
                <PackageReference Include="Atradius.Cover.Sdk.Sandbox" Version="{_version}" />
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using Atradius.Cover.Sdk;
            using Atradius.Cover.Sdk.Sandbox.Hosting;

            await using var sandbox = await CoverSandbox.StartAsync();
            await using var cover = new CoverClient(new CoverClientOptions
            {
                BaseAddress = sandbox.BaseAddress,
                ClientId = sandbox.ReadWriteClient.ClientId,
                ClientSecret = sandbox.ReadWriteClient.ClientSecret,
                AppKey = sandbox.ReadWriteClient.AppKey,
                CustomerId = sandbox.ReadWriteClient.CustomerId,
            });

            var found = await cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", "NL859338221B01", BuyerIdentifierType.Vat));
            foreach (var buyer in found.Value)
            {
                Console.WriteLine($"Found buyer {buyer.BuyerId}: {buyer.Name}");
            }
            """, TestContext.Current.CancellationToken);

        var (ran, runOutput) = await DotNetCli.RunAsync(app, StepTimeout, "run");

        Assert.True(ran == 0, runOutput);
        Assert.Contains("Found buyer 10042317: Tulip Trading B.V.", runOutput, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_workspace, recursive: true);

        // Leave no per-run versions behind in the machine's package cache.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "atradius.cover.sdk", "atradius.cover.sdk.sandbox" })
        {
            var cached = Path.Combine(cache, id, _version.ToLowerInvariant());
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }
}
