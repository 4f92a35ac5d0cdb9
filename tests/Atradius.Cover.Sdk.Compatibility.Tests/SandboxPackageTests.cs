using Atradius.Cover.Sdk.Compatibility.Tests.Support;

namespace Atradius.Cover.Sdk.Compatibility.Tests;

/// <summary>A user's net8.0 test project starts the sandbox from its package and calls it with the SDK package.</summary>
public sealed class SandboxPackageTests
{
    [Fact]
    public async Task A_net8_0_test_project_starts_the_sandbox_from_its_package()
    {
        var ct = TestContext.Current.CancellationToken;
        var sdkVersion = await PackageWorkspace.PackedVersionAsync("Atradius.Cover.Sdk");
        var sandboxVersion = await PackageWorkspace.PackedVersionAsync("Atradius.Cover.Sdk.Sandbox");
        using var workspace = await PackageWorkspace.CreateAsync(ct);
        workspace.Write("SandboxCheck/SandboxCheck.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="{PackageWorkspace.CentralVersion("xunit.v3")}" />
                <PackageReference Include="Atradius.Cover.Sdk" Version="{sdkVersion}" />
                <PackageReference Include="Atradius.Cover.Sdk.Sandbox" Version="{sandboxVersion}" />
              </ItemGroup>
            </Project>
            """);
        workspace.Write("SandboxCheck/BuyerSearchTests.cs", """
            using Atradius.Cover.Sdk;
            using Atradius.Cover.Sdk.Sandbox.Hosting;
            using Atradius.Cover.Sdk.Sandbox.World;
            using Xunit;

            public sealed class BuyerSearchTests
            {
                [Fact]
                public async Task The_sandbox_from_its_package_answers_a_buyer_search()
                {
                    await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { Url = "http://127.0.0.1:0" });
                    var account = sandbox.ReadWriteClient;
                    await using var cover = new CoverClient(new CoverClientOptions
                    {
                        BaseAddress = sandbox.BaseAddress,
                        ClientId = account.ClientId,
                        ClientSecret = account.ClientSecret,
                        AppKey = account.AppKey,
                        CustomerId = account.CustomerId,
                        PolicyId = account.PolicyId,
                    });

                    var buyers = await cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", SandboxFixtures.WellRatedDutchBuyerVat, BuyerIdentifierType.Vat));

                    Assert.Equal(SandboxFixtures.WellRatedDutchBuyerId, Assert.Single(buyers.Value).BuyerId);
                }
            }
            """);

        var (built, buildOutput) = await DotNetCli.RunAsync(workspace.Root, PackageWorkspace.StepTimeout, "build", "SandboxCheck/SandboxCheck.csproj", "-c", "Release");
        Assert.True(built == 0, buildOutput);

        // Only the .NET 10 runtime may be installed: the net8.0 test project rolls forward onto it.
        var environment = new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" };
        var (exitCode, output) = await DotNetCli.RunProgramAsync("dotnet", workspace.Root, PackageWorkspace.StepTimeout, environment,
            Path.Combine(workspace.Root, "SandboxCheck", "bin", "Release", "net8.0", "SandboxCheck.dll"));
        Assert.True(exitCode == 0, output);
        Assert.Contains("Total: 1, Errors: 0, Failed: 0", output, StringComparison.Ordinal);
    }
}
