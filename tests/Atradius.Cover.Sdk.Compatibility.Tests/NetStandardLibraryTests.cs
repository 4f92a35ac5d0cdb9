using Atradius.Cover.Sdk.Compatibility.Tests.Support;

namespace Atradius.Cover.Sdk.Compatibility.Tests;

/// <summary>
/// A shared library (an ERP plug-in) built for netstandard2.0 against the packed SDK binds to the net8.0 and
/// net10.0 builds of the SDK that the applications loading it receive: one API on every target framework.
/// </summary>
public sealed class NetStandardLibraryTests
{
    [Fact]
    public async Task A_netstandard2_0_library_built_against_the_package_runs_in_net8_0_and_net10_0_applications()
    {
        var ct = TestContext.Current.CancellationToken;
        var version = await PackageWorkspace.PackedVersionAsync("Atradius.Cover.Sdk");
        using var workspace = await PackageWorkspace.CreateAsync(ct);
        workspace.Write("Plugin/Plugin.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Atradius.Cover.Sdk" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        workspace.Write("Plugin/ErpPlugin.cs", """
            using Atradius.Cover.Sdk;

            namespace Erp
            {
                public static class ErpPlugin
                {
                    public static string Describe()
                    {
                        var application = new CoverApplication
                        {
                            BuyerId = 10042317,
                            CoverType = CoverType.CreditLimit,
                            CreditLimitAmount = 50000m,
                            CurrencyCode = "EUR",
                            EffectFromDate = new CoverDate(2026, 7, 1),
                            CustomerReference = "ERP-42",
                        };
                        var policy = CoverModelFactory.Policy("5012345", "live", "EUR", CoverDate.Parse("2026-01-01"), CoverDate.FromDateTime(new System.DateTime(2026, 12, 31)));
                        var effect = application.EffectFromDate!.Value;
                        return $"buyer {application.BuyerId} from {effect} ({effect.ToDateTime().DayOfWeek}), policy {policy.PolicyId} until {policy.ExpiryDate}, within: {policy.StartDate <= effect && effect <= policy.ExpiryDate}";
                    }
                }
            }
            """);
        workspace.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Plugin/Plugin.csproj" />
              </ItemGroup>
            </Project>
            """);
        workspace.Write("App/Program.cs", """
            using System.Reflection;
            using System.Runtime.Versioning;

            // Which build of the SDK this application loaded, then the plug-in's call into it.
            var sdk = typeof(Atradius.Cover.Sdk.CoverDate).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
            Console.WriteLine($"sdk build: {sdk}");
            Console.WriteLine(Erp.ErpPlugin.Describe());
            """);

        var (built, buildOutput) = await DotNetCli.RunAsync(workspace.Root, PackageWorkspace.StepTimeout, "build", "App/App.csproj", "-c", "Release");
        Assert.True(built == 0, buildOutput);

        const string expected = "buyer 10042317 from 2026-07-01 (Wednesday), policy 5012345 until 2026-12-31, within: True";
        foreach (var (framework, sdkBuild) in new[] { ("net8.0", ".NETCoreApp,Version=v8.0"), ("net10.0", ".NETCoreApp,Version=v10.0") })
        {
            // Only the .NET 10 runtime may be installed: the net8.0 application rolls forward onto it, and
            // still loads the net8.0 build of the SDK, which is what a net8.0 application receives.
            var environment = new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" };
            var (exitCode, output) = await DotNetCli.RunProgramAsync("dotnet", workspace.Root, PackageWorkspace.StepTimeout, environment,
                Path.Combine(workspace.Root, "App", "bin", "Release", framework, "App.dll"));
            Assert.True(exitCode == 0, $"{framework}: {output}");
            Assert.Contains($"sdk build: {sdkBuild}", output, StringComparison.Ordinal);
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }
}
