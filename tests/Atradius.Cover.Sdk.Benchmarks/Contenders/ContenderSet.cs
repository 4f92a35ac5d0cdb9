using Atradius.Cover.Sdk.Benchmarks.Wire;
using Refit;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>Where the contenders send their calls, and with which credentials.</summary>
/// <param name="BaseAddress">Root of the API, ending in '/'.</param>
/// <param name="TokenEndpoint">OAuth 2.0 token endpoint.</param>
/// <param name="ClientId">Client id.</param>
/// <param name="ClientSecret">Client secret.</param>
/// <param name="AppKey">App key sent with every API call, when the client has one.</param>
/// <param name="Scope">Scopes, space separated.</param>
public sealed record CoverEndpoint(Uri BaseAddress, Uri TokenEndpoint, string ClientId, string ClientSecret, string? AppKey, string Scope)
{
    /// <summary>The canned API: no network, any credentials accepted.</summary>
    public static CoverEndpoint Canned { get; } = new(
        new Uri("https://api.cover.bench/"), new Uri("https://api.cover.bench/oauth2/token"), "bench-client", "bench-secret", "bench-app-key", "cover:read cover:write");
}

/// <summary>
/// The hand-written baseline and the two peers, each over its own <see cref="HttpClient"/> and the given
/// socket (or canned) handler, all holding a token obtained once.
/// </summary>
public sealed class ContenderSet : IDisposable
{
    private readonly List<HttpClient> _clients = [];

    private ContenderSet()
    {
    }

    public BaselineCoverClient Baseline { get; private set; } = null!;

    public ICoverRefitApi Refit { get; private set; } = null!;

    internal Gen.CoverApiClient NSwag { get; private set; } = null!;

    /// <summary>Our client, its token cache already warm.</summary>
    public CoverClient Ours { get; private set; } = null!;

    /// <param name="endpoint">Where to call.</param>
    /// <param name="primaryHandler">Creates the handler under each contender's HttpClient (shared canned handlers are not disposed).</param>
    public static async Task<ContenderSet> CreateAsync(CoverEndpoint endpoint, Func<HttpMessageHandler> primaryHandler, bool disposeHandlers)
    {
        var set = new ContenderSet();
        var tokenClient = set.NewHttpClient(endpoint, primaryHandler(), disposeHandlers);
        var token = await BaselineCoverClient.RequestTokenAsync(tokenClient, endpoint.TokenEndpoint, endpoint.ClientId, endpoint.ClientSecret, endpoint.Scope).ConfigureAwait(false);

        set.Baseline = new BaselineCoverClient(set.NewAuthorizedClient(endpoint, primaryHandler(), disposeHandlers, token));
        set.Refit = RestService.For<ICoverRefitApi>(set.NewAuthorizedClient(endpoint, primaryHandler(), disposeHandlers, token));
        set.NSwag = new Gen.CoverApiClient(set.NewAuthorizedClient(endpoint, primaryHandler(), disposeHandlers, token));
        set.Ours = global::Atradius.Cover.Sdk.Benchmarks.Contenders.Ours.Create(endpoint, primaryHandler());
        await set.Ours.Decisions.GetAsync(CannedCoverId).ConfigureAwait(false);
        return set;
    }

    public static CoverApplicationDto ApplicationDto(CoverApplicationValues v) => new()
    {
        CustomerId = v.CustomerId,
        PolicyId = v.PolicyId,
        BuyerId = v.BuyerId,
        CoverType = v.CoverType,
        CreditLimitAmount = v.Amount,
        CurrencyCode = v.CurrencyCode,
        EffectFromDate = v.EffectFrom,
        CustomerRefNumber = v.CustomerReference,
    };

    internal static Gen.CoverApplication GeneratedApplication(CoverApplicationValues v) => new()
    {
        CustomerId = v.CustomerId,
        PolicyId = v.PolicyId,
        BuyerId = v.BuyerId,
        CoverType = Gen.ApplicationCoverType.CreditLimit,
        CreditLimitAmount = v.Amount,
        CurrencyCode = v.CurrencyCode,
        EffectFromDate = new DateTimeOffset(v.EffectFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        CustomerRefNumber = v.CustomerReference,
    };

    /// <summary>A cover that exists in the canned API and in the sandbox's seeded world.</summary>
    public const long CannedCoverId = 70001234;

    public void Dispose()
    {
        Ours?.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private HttpClient NewAuthorizedClient(CoverEndpoint endpoint, HttpMessageHandler handler, bool disposeHandler, string token)
    {
        var client = NewHttpClient(endpoint, handler, disposeHandler);
        BaselineCoverClient.Authorize(client, token, endpoint.AppKey);
        return client;
    }

    private HttpClient NewHttpClient(CoverEndpoint endpoint, HttpMessageHandler handler, bool disposeHandler)
    {
        var client = new HttpClient(handler, disposeHandler) { BaseAddress = endpoint.BaseAddress };
        _clients.Add(client);
        return client;
    }
}
