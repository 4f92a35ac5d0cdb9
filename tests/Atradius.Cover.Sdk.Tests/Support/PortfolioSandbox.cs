using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.Tests.Support;

/// <summary>Starts a sandbox and a real CoverClient (full pipeline) over it, for the portfolio features' integration tests.</summary>
internal sealed class PortfolioSandbox : IAsyncDisposable
{
    private PortfolioSandbox(CoverSandbox sandbox, CoverClient client)
    {
        Sandbox = sandbox;
        Client = client;
    }

    public CoverSandbox Sandbox { get; }

    public CoverClient Client { get; }

    public static async Task<PortfolioSandbox> StartAsync(Action<CoverSandboxOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        // Time is moved forward by weeks in these tests; tokens must outlive it.
        var options = new CoverSandboxOptions { TokenLifetime = TimeSpan.FromDays(400), ReferralDelay = TimeSpan.FromSeconds(1) };
        configure?.Invoke(options);
        var sandbox = await CoverSandbox.StartAsync(options, cancellationToken);
        var credentials = sandbox.ReadWriteClient;
        var clientOptions = new CoverClientOptions
        {
            BaseAddress = sandbox.BaseAddress,
            TokenEndpoint = sandbox.OAuth2TokenEndpoint,
            ClientId = credentials.ClientId,
            ClientSecret = credentials.ClientSecret,
            AppKey = credentials.AppKey,
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        foreach (var scope in credentials.Scopes)
        {
            clientOptions.Scopes.Add(scope);
        }

        clientOptions.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
        clientOptions.Resilience.MaxRetryAttempts = 6;
        return new PortfolioSandbox(sandbox, new CoverClient(clientOptions));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
