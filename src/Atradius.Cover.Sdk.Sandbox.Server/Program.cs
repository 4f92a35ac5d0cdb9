using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// The Atradius Cover sandbox as a standalone server:
//   dotnet run --project src/Atradius.Cover.Sdk.Sandbox.Server -- [--url http://127.0.0.1:5080] [--seed 42]
//     [--buyers 300] [--covers 40] [--token-lifetime 1800] [--referral-delay 3] [--notice-period 2592000] [--conversion-delay 0] [--cancellation-delay 0]
//     [--irregularities true|false] [--state world.json] [--oauth2-token-route true|false] [--policy-details-need-policy-id true|false] [--quiet true]
// Durations are in seconds. Every option can also be set as an environment variable ATRADIUS_SANDBOX_<NAME>, with '_'
// for '-' (ATRADIUS_SANDBOX_TOKEN_LIFETIME, ATRADIUS_SANDBOX_REFERRAL_DELAY): a shell cannot set a name with '-' in it.
// The hyphenated names still work for environments that set them without a shell. A command-line option wins.
var switches = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
{
    ["--url"] = "url",
    ["--urls"] = "url",
    ["--seed"] = "seed",
    ["--buyers"] = "buyers",
    ["--covers"] = "covers",
    ["--token-lifetime"] = "token-lifetime",
    ["--referral-delay"] = "referral-delay",
    ["--notice-period"] = "notice-period",
    ["--conversion-delay"] = "conversion-delay",
    ["--cancellation-delay"] = "cancellation-delay",
    ["--irregularities"] = "irregularities",
    ["--state"] = "state",
    ["--oauth2-token-route"] = "oauth2-token-route",
    ["--policy-details-need-policy-id"] = "policy-details-need-policy-id",
    ["--quiet"] = "quiet",
};

// The command line takes any --name as a setting: a mistyped or unknown option (--tokenlifetime 5) was read and
// never used, and the sandbox started on the default the option was meant to change.
if (UnknownArgument(args) is { } unknown)
{
    Console.Error.WriteLine($"The sandbox could not start: {unknown} Known options: {string.Join(", ", switches.Keys)}.");
    return 2;
}

var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables("ATRADIUS_SANDBOX_")
    .AddCommandLine(args, switches)
    .Build();

CoverSandbox sandbox;
try
{
    var options = new CoverSandboxOptions
    {
        Url = Setting("url") ?? "http://127.0.0.1:5080",
        Seed = Number("seed", 42),
        BuyerCount = Number("buyers", 300),
        TokenLifetime = TimeSpan.FromSeconds(Number("token-lifetime", 1800)),
        ReferralDelay = TimeSpan.FromSeconds(Number("referral-delay", 3)),
        NoticePeriod = TimeSpan.FromSeconds(Number("notice-period", (int)TimeSpan.FromDays(30).TotalSeconds)),
        ConversionDelay = TimeSpan.FromSeconds(Number("conversion-delay", 0)),
        CancellationDelay = TimeSpan.FromSeconds(Number("cancellation-delay", 0)),
        Irregularities = Flag("irregularities", true),
        StatePath = Setting("state"),
        OAuth2TokenRoute = Flag("oauth2-token-route", false),
        PolicyDetailsNeedPolicyId = Flag("policy-details-need-policy-id", false),
    };
    if (Setting("covers") is not null)
    {
        // Only a number asked for is held to the buyers' room; the default is cut down in a small world.
        options.GeneratedCoverCount = Number("covers", options.GeneratedCoverCount);
    }

    if (!Flag("quiet", false))
    {
        options.ConfigureLogging = logging => logging.AddSimpleConsole(console => console.IncludeScopes = true).SetMinimumLevel(LogLevel.Information);
    }

    sandbox = await CoverSandbox.StartAsync(options);
}
catch (Exception error) when (error is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException)
{
    // An option out of range, a state file that cannot be read, an address already in use: said in a line, not a stack trace.
    Console.Error.WriteLine("The sandbox could not start: " + error.Message);
    return 2;
}

await using var running = sandbox;
var readWrite = sandbox.ReadWriteClient;
var readOnly = sandbox.ReadOnlyClient;
var other = sandbox.OtherCustomerClient;
var broker = sandbox.BrokerClient;
Console.WriteLine($"""
    Atradius Cover sandbox listening on {sandbox.BaseAddress}
      token route:        POST {sandbox.AtradiusTokenEndpoint} (HTTP Basic + Atradius-App-Key)
      read-write client:  id {readWrite.ClientId}, secret {readWrite.ClientSecret}, app key {readWrite.AppKey}, customer {readWrite.CustomerId}, policy {readWrite.PolicyId}
      read-only client:   id {readOnly.ClientId}, secret {readOnly.ClientSecret}, app key {readOnly.AppKey}, customer {readOnly.CustomerId}
      other customer:     id {other.ClientId}, secret {other.ClientSecret}, app key {other.AppKey}, customer {other.CustomerId}, policy {other.PolicyId}
      broker:             id {broker.ClientId}, secret {broker.ClientSecret}, app key {broker.AppKey}, customers {string.Join(" and ", broker.CustomerIds)}, own policy {broker.PolicyId}
      world: seed {sandbox.World.Seed}, {sandbox.World.Buyers.Count} buyers, {sandbox.GetCovers().Count} cover versions; irregularities {(sandbox.Irregularities ? "on" : "off")}
      test controls: POST /sandbox/clock/advance, /sandbox/underwriting/decide-all, /sandbox/faults/arm, /sandbox/irregularities (see docs/sandbox.md)
    Press Ctrl+C to stop.
    """);
await sandbox.WaitForShutdownAsync();
return 0;

// The command line and the hyphenated variables share the key "token-lifetime"; the command line was added last and wins
// there. The shell-friendly variable ATRADIUS_SANDBOX_TOKEN_LIFETIME arrives as "token_lifetime" and is read after it.
string? Setting(string name) => configuration[name] ?? configuration[name.Replace('-', '_')];

int Number(string name, int fallback) =>
    Setting(name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"--{name} must be a whole number, zero or more, not '{text}'.", nameof(args))
        : fallback;

bool Flag(string name, bool fallback) =>
    Setting(name)?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" or "on" or "1" or "yes" => true,
        "false" or "off" or "0" or "no" => false,
        var text => throw new ArgumentException($"--{name} must be true or false, not '{text}'.", nameof(args)),
    };

// What on the command line is no option of the server, or an option without its value; null when every argument is
// one. A value is taken as the one after its option, so a value starting with '-' is judged as a value, not an option.
string? UnknownArgument(string[] arguments)
{
    for (var i = 0; i < arguments.Length; i++)
    {
        var argument = arguments[i];
        if (!argument.StartsWith('-'))
        {
            continue;
        }

        var name = argument.Split('=', 2)[0];
        if (!switches.ContainsKey(name))
        {
            return $"'{name}' is no option of the sandbox server.";
        }

        if (!argument.Contains('=', StringComparison.Ordinal) && ++i == arguments.Length)
        {
            return $"'{name}' needs a value.";
        }
    }

    return null;
}
