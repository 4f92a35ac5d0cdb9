using Atradius.Cover.Sdk.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk.IntegrationTests.BadInput;

/// <summary>Bad input is refused with an exception naming the argument, before any request is sent.</summary>
public sealed class ArgumentValidationTests
{
    public static TheoryData<string, Func<ICoverClient, Task>> Calls => new()
    {
        { "application", c => c.Applications.SubmitAsync(null!) },
        { "application.BuyerId", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 0, CoverType = CoverType.CreditLimit, CreditLimitAmount = 1000m }) },
        { "application.CreditLimitAmount", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CoverType = CoverType.CreditLimit }) },
        { "application.CreditLimitAmount", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CoverType = CoverType.CreditLimit, CreditLimitAmount = 1500m }) },
        { "application.CreditLimitAmount", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CoverType = CoverType.CreditLimit, CreditLimitAmount = -1000m }) },
        { "application.CreditLimitAmount", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CoverType = CoverType.CreditCheck, CreditLimitAmount = 1000m }) },
        { "application.CurrencyCode", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CoverType = CoverType.CreditLimit, CreditLimitAmount = 1000m, CurrencyCode = "euro" }) },
        { "application.CustomerReference", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CoverType = CoverType.CreditLimit, CreditLimitAmount = 1000m, CustomerReference = new string('x', 36) }) },
        { "application.EffectFromDate", c => c.Applications.SubmitAsync(new CoverApplication { BuyerId = 1, CoverType = CoverType.CreditLimit, CreditLimitAmount = 1000m, EffectFromDate = new CoverDate(2001, 1, 1) }) },
        { "newAmount", c => c.Decisions.IncreaseAsync(new CoverKey(1, CoverType.CreditLimit), 0m) },
        { "newAmount", c => c.Decisions.ReduceAsync(new CoverKey(1, CoverType.CreditLimit), 1234m) },
        { "reference", c => c.Decisions.UpdateCustomerReferenceAsync(new CoverKey(1, CoverType.CreditLimit), new string('x', 36)) },
        { "buyerId", c => c.Decisions.GetAsync(0, 1) },
        { "coverId", c => c.Decisions.GetAsync(1, -5) },
        { "buyerId", c => c.Decisions.GetHistoryAsync(0) },
        { "buyerId", c => c.Buyers.GetAsync(0) },
        { "search", c => c.Buyers.SearchAsync(null!) },
        { "coverId", c => c.Indications.ConvertToCreditLimitAsync(0) },
        { "coverId", c => Task.FromResult(c.Applications.GetOperation(0, 1)) },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Names_the_argument_and_sends_nothing(string argument, Func<ICoverClient, Task> call)
    {
        await using var mock = new MockCover();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(mock.Client));

        Assert.Equal(argument, error.ParamName);
        Assert.Equal(0, mock.Requests);
    }

    [Theory]
    [InlineData("NLD", "", "identifier")]
    [InlineData("NL", "NL859338221B01", "country")]
    public void A_buyer_search_names_what_is_wrong(string country, string identifier, string argument)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => BuyerSearch.ByIdentifier(country, identifier, BuyerIdentifierType.Vat));
        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public async Task An_invalid_configuration_fails_at_host_start_with_one_options_validation_exception()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Atradius:Cover:BaseAddress"] = "http://api.atradius.com/credit-insurance",
            ["Atradius:Cover:ClientId"] = "client",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAtradiusCover(configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains("BaseAddress", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ClientSecret is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CustomerId is required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_configuration_fails_in_the_constructor_naming_every_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new CoverClient(new CoverClientOptions { BaseAddress = new Uri("https://api.atradius.com") }));

        Assert.Contains(error.Failures, f => f.Contains("ClientId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CustomerId", StringComparison.Ordinal));
    }
}
