using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>
/// <see cref="CoverClient"/> built the two ways users build it, over a given socket handler: with the public
/// constructor's pipeline (through the internal constructor that only swaps the socket), and with
/// <c>services.AddAtradiusCover</c> + IHttpClientFactory, the socket swapped through the builder's
/// <c>ConfigurePrimaryHttpMessageHandler</c>. Everything above the socket is what users get.
/// </summary>
public static class Ours
{
    public static CoverClientOptions Options(BenchEndpoint endpoint) => new()
    {
        BaseAddress = endpoint.BaseAddress,
        ClientId = endpoint.ClientId,
        ClientSecret = endpoint.ClientSecret,
        AppKey = endpoint.AppKey,
        CustomerId = endpoint.CustomerId,
        PolicyId = endpoint.PolicyId,
    };

    /// <summary>The public constructor's client; it disposes the socket handler (disposing the canned one does nothing).</summary>
    public static CoverClient WithConstructor(BenchEndpoint endpoint, HttpMessageHandler socketHandler) =>
        new(Options(endpoint), socketHandler);

    /// <summary>The client dependency injection gives; dispose the provider, not the client.</summary>
    public static (ServiceProvider Services, CoverClient Client) WithDependencyInjection(BenchEndpoint endpoint, Func<HttpMessageHandler> socketHandler)
    {
        var services = new ServiceCollection();
        var builder = services.AddAtradiusCover(options =>
        {
            var given = Options(endpoint);
            options.BaseAddress = given.BaseAddress;
            options.ClientId = given.ClientId;
            options.ClientSecret = given.ClientSecret;
            options.AppKey = given.AppKey;
            options.CustomerId = given.CustomerId;
            options.PolicyId = given.PolicyId;
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(socketHandler);
        builder.TokenHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(socketHandler);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<CoverClient>());
    }

    /// <summary>The application every contender submits: a credit limit of 50,000 EUR from next week.</summary>
    public static CoverApplication Application(DateTime today) => new()
    {
        BuyerId = Wire.CannedBodies.BuyerId,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = 50000m,
        CurrencyCode = "EUR",
        EffectFromDate = CoverDate.FromDateTime(today.AddDays(7)),
        CustomerReference = "ERP-000184",
    };

    /// <summary>The same application as the baseline's request body.</summary>
    public static CoverApplicationDto BaselineApplication(BenchEndpoint endpoint, DateTime today) => new()
    {
        CustomerId = endpoint.CustomerId,
        PolicyId = endpoint.PolicyId,
        BuyerId = Wire.CannedBodies.BuyerId,
        CoverType = "credit-limit",
        CreditLimitAmount = 50000m,
        CurrencyCode = "EUR",
        EffectFromDate = today.AddDays(7).ToString("yyyy-MM-dd'T'00:00:00'Z'", System.Globalization.CultureInfo.InvariantCulture),
        CustomerRefNumber = "ERP-000184",
    };
}
