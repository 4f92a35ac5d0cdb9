using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Logging;

// Standalone: dotnet run --project src/Atradius.Cover.Sdk.Sandbox [--urls http://127.0.0.1:5080] [--seed 42]
// [--buyers 300] [--covers 40] [--state world.json] [--quiet]
var options = new CoverSandboxOptions { Url = Argument("--urls") ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://127.0.0.1:5080" };
if (Argument("--seed") is { } seed)
{
    options.Seed = int.Parse(seed, CultureInfo.InvariantCulture);
}

if (Argument("--buyers") is { } buyers)
{
    options.BuyerCount = int.Parse(buyers, CultureInfo.InvariantCulture);
}

if (Argument("--covers") is { } covers)
{
    options.GeneratedCoverCount = int.Parse(covers, CultureInfo.InvariantCulture);
}

options.StatePath = Argument("--state");
if (!args.Contains("--quiet"))
{
    options.ConfigureLogging = logging => logging.AddSimpleConsole(console => console.IncludeScopes = true).SetMinimumLevel(LogLevel.Information);
}

await using var sandbox = await CoverSandbox.StartAsync(options);
Console.WriteLine($"""
    Atradius Cover sandbox listening on {sandbox.BaseAddress}
      OAuth2 token endpoint:   {sandbox.OAuth2TokenEndpoint}
      Atradius token endpoint: {sandbox.AtradiusTokenEndpoint}
      read-write client: id {sandbox.ReadWriteClient.ClientId}, secret {sandbox.ReadWriteClient.ClientSecret}, app key {sandbox.ReadWriteClient.AppKey}, scopes {sandbox.ReadWriteClient.Scope}
      read-only client:  id {sandbox.ReadOnlyClient.ClientId}, secret {sandbox.ReadOnlyClient.ClientSecret}, app key {sandbox.ReadOnlyClient.AppKey}, scopes {sandbox.ReadOnlyClient.Scope}
      world: seed {sandbox.World.Seed}, {sandbox.World.Buyers.Count} buyers, {sandbox.GetCovers().Count} covers
    Press Ctrl+C to stop.
    """);
await sandbox.WaitForShutdownAsync();

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
