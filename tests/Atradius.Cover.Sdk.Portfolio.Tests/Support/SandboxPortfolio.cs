using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>An in-process sandbox speaking the real API and a real CoverClient (full pipeline) over it.</summary>
internal sealed class SandboxPortfolio : IAsyncDisposable
{
    private SandboxPortfolio(CoverSandbox sandbox, CoverClient client)
    {
        Sandbox = sandbox;
        Client = client;
    }

    public CoverSandbox Sandbox { get; }

    public CoverClient Client { get; }

    public string PortfolioKey => Sandbox.ReadWriteClient.CustomerId + "/" + Sandbox.ReadWriteClient.PolicyId;

    /// <param name="configure">Changes the sandbox's options.</param>
    /// <param name="socket">Wraps the client's socket handler, under its whole pipeline (to answer some calls itself).</param>
    public static async Task<SandboxPortfolio> StartAsync(Action<CoverSandboxOptions>? configure = null, Func<HttpMessageHandler, HttpMessageHandler>? socket = null)
    {
        // Time is moved forward by weeks in these tests; tokens must outlive it.
        var options = new CoverSandboxOptions { TokenLifetime = TimeSpan.FromDays(400), ReferralDelay = TimeSpan.FromSeconds(1) };
        configure?.Invoke(options);
        var sandbox = await CoverSandbox.StartAsync(options, TestContext.Current.CancellationToken);
        var client = socket is null
            ? new CoverClient(ClientOptions(sandbox))
            : new CoverClient(ClientOptions(sandbox), socket(CoverHttpClientFactory.CreatePrimaryHandler()));
        return new SandboxPortfolio(sandbox, client);
    }

    public static CoverClientOptions ClientOptions(CoverSandbox sandbox)
    {
        var credentials = sandbox.ReadWriteClient;
        var options = new CoverClientOptions
        {
            BaseAddress = sandbox.BaseAddress,
            TokenEndpoint = sandbox.AtradiusTokenEndpoint,
            ClientId = credentials.ClientId,
            ClientSecret = credentials.ClientSecret,
            AppKey = credentials.AppKey,
            CustomerId = credentials.CustomerId,
            PolicyId = credentials.PolicyId,
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
        options.Resilience.MaxRetryAttempts = 6;
        return options;
    }

    /// <summary>Sets registered client options (<c>AddAtradiusCover</c>) as <see cref="ClientOptions"/> does.</summary>
    public static void Configure(CoverSandbox sandbox, CoverClientOptions to)
    {
        var from = ClientOptions(sandbox);
        to.BaseAddress = from.BaseAddress;
        to.TokenEndpoint = from.TokenEndpoint;
        to.ClientId = from.ClientId;
        to.ClientSecret = from.ClientSecret;
        to.AppKey = from.AppKey;
        to.CustomerId = from.CustomerId;
        to.PolicyId = from.PolicyId;
        to.PollInterval = from.PollInterval;
        to.Resilience.BaseDelay = from.Resilience.BaseDelay;
        to.Resilience.MaxRetryAttempts = from.Resilience.MaxRetryAttempts;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
