using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>
/// The client and the journey's inputs: the service configured under <c>Atradius:Cover</c> with the inputs of
/// section <c>QuickStart</c>, or, when no base address is configured, a sandbox started in this process with
/// inputs taken from its seeded world, so the journey runs with no account.
/// </summary>
public sealed class CoverConnection : IAsyncDisposable
{
    public const string SectionName = "Atradius:Cover";

    private readonly CoverSandbox? _sandbox;

    private CoverConnection(CoverClient client, JourneySettings settings, CoverSandbox? sandbox, string description)
    {
        Client = client;
        Settings = settings;
        _sandbox = sandbox;
        Description = description;
    }

    public CoverClient Client { get; }

    public JourneySettings Settings { get; }

    public string Description { get; }

    public bool IsSandbox => _sandbox is not null;

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A client setting is missing or wrong.</exception>
    /// <exception cref="SettingsException">A journey input is missing or wrong.</exception>
    public static async Task<CoverConnection> OpenAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(SectionName);
        var settings = new JourneySettings();
        configuration.GetSection(JourneySettings.SectionName).Bind(settings);
        if (section["BaseAddress"] is { Length: > 0 })
        {
            var options = new CoverClientOptions();
            section.Bind(options);
            if (settings.Problems() is { Count: > 0 } problems)
            {
                // Both sections' problems at once: fixing the journey's inputs first only to meet the client's next time
                // costs a run per section.
                OptionsValidationException? clientSettings = null;
                try
                {
                    await new CoverClient(options).DisposeAsync();
                }
                catch (OptionsValidationException invalid)
                {
                    clientSettings = invalid;
                }

                throw new SettingsException(problems, clientSettings);
            }

            // Throws OptionsValidationException naming every missing or malformed setting, before any request.
            var client = new CoverClient(options);
            return new CoverConnection(client, settings, null, $"the Cover API at {options.BaseAddress}");
        }

        // An underwriter who decides in a second keeps the whole run to a few seconds.
        var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromSeconds(1) }, cancellationToken);
        try
        {
            var credentials = sandbox.ReadWriteClient;
            var options = new CoverClientOptions
            {
                BaseAddress = sandbox.BaseAddress,
                ClientId = credentials.ClientId,
                ClientSecret = credentials.ClientSecret,
                AppKey = credentials.AppKey,
                CustomerId = credentials.CustomerId,
                PollInterval = TimeSpan.FromMilliseconds(250),
            };
            FillFromWorld(settings, sandbox.World, credentials.PolicyId);
            return new CoverConnection(new CoverClient(options), settings, sandbox, $"the sandbox started in this process at {sandbox.BaseAddress}");
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    /// <summary>A well-rated buyer decided at once for a small amount, a very good one referred for a large amount.</summary>
    private static void FillFromWorld(JourneySettings settings, SandboxWorld world, string policyId)
    {
        var instant = world.FindBuyer(SandboxFixtures.WellRatedDutchBuyerId)!;
        var referred = world.FindBuyer(SandboxFixtures.VeryGoodBritishBuyerId)!;
        settings.BuyerCountry = instant.CountryCode;
        (settings.BuyerIdentifierType, settings.BuyerIdentifier) = instant.Identifiers[0];
        settings.ReferredBuyerCountry = referred.CountryCode;
        (settings.ReferredBuyerIdentifierType, settings.ReferredBuyerIdentifier) = referred.Identifiers[0];
        settings.SmallAmount = 50_000m;
        settings.LargeAmount = 250_000m;
        settings.Currency = world.FindPolicy(policyId)?.CurrencyCode;
        settings.IndicationCoverId = null;
        settings.TryUnconfirmedSteps = true;
    }
}
