using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>
/// The client the journey talks through: to the endpoint configured under <c>Atradius:Cover</c>, or, when
/// nothing is configured, to a sandbox started in this process so the journey runs with no account.
/// </summary>
public sealed class CoverConnection : IAsyncDisposable
{
    public const string SectionName = "Atradius:Cover";

    private readonly CoverSandbox? _sandbox;

    private CoverConnection(CoverClient client, CoverSandbox? sandbox, string description)
    {
        Client = client;
        _sandbox = sandbox;
        Description = description;
    }

    public CoverClient Client { get; }

    public string Description { get; }

    public bool IsSandbox => _sandbox is not null;

    public static async Task<CoverConnection> OpenAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(SectionName);
        if (section["BaseAddress"] is { Length: > 0 })
        {
            var options = new CoverClientOptions();
            section.Bind(options);

            // Throws OptionsValidationException naming every missing or malformed setting.
            var client = new CoverClient(options);
            return new CoverConnection(client, null, $"the Cover API at {options.BaseAddress}");
        }

        // An underwriter who decides in two seconds keeps the whole run to a few seconds.
        var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromSeconds(2) }, cancellationToken);
        try
        {
            var options = new CoverClientOptions
            {
                BaseAddress = sandbox.BaseAddress,
                TokenEndpoint = sandbox.OAuth2TokenEndpoint,
                ClientId = sandbox.ReadWriteClient.ClientId,
                ClientSecret = sandbox.ReadWriteClient.ClientSecret,
                AppKey = sandbox.ReadWriteClient.AppKey,
                PollInterval = TimeSpan.FromMilliseconds(500),
            };
            return new CoverConnection(new CoverClient(options), sandbox, $"the sandbox started in this process at {sandbox.BaseAddress}");
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
}
