using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk.Tests.Options;

public sealed class OptionsAndRegistrationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Atradius:Cover:BaseAddress"] = "https://api-uat.atradius.com",
        ["Atradius:Cover:ClientId"] = "client-one",
        ["Atradius:Cover:ClientSecret"] = "S3cret-Value-0f9e8d",
        ["Atradius:Cover:AppKey"] = "AppKey-77c6b5a4",
        ["Atradius:Cover:CustomerId"] = "1001",
    };

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Given_the_root_configuration_the_Atradius_Cover_section_is_bound_with_the_real_service_defaults()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAtradiusCover(Configuration(Valid));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<CoverClientOptions>>().Get(string.Empty);

        Assert.Equal(new Uri("https://api-uat.atradius.com"), options.BaseAddress);
        Assert.Equal(1001, options.CustomerId);
        Assert.Equal(CoverTokenEndpointStyle.Atradius, options.TokenEndpointStyle);
        Assert.Equal(new Uri("https://api-uat.atradius.com/authenticate/v2/tokens"), options.EffectiveTokenEndpoint);
        Assert.Empty(options.EffectiveScopes);
        Assert.NotNull(provider.GetRequiredService<ICoverClient>().Policies);
    }

    [Fact]
    public void Given_the_section_itself_it_is_used()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAtradiusCover(Configuration(Valid).GetSection("Atradius:Cover"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(1001, provider.GetRequiredService<IOptionsMonitor<CoverClientOptions>>().Get(string.Empty).CustomerId);
    }

    [Fact]
    public void Given_the_root_configuration_a_section_from_a_source_added_after_registration_is_bound()
    {
        // Before, the choice between the section and the root was made at registration: a section that came later (a
        // test host's settings, a source added after the call) was never read, and the root was bound instead.
        var configuration = new ConfigurationManager();
        var services = new ServiceCollection().AddLogging();
        services.AddAtradiusCover(configuration);
        configuration.AddInMemoryCollection(Valid);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<CoverClientOptions>>().Get(string.Empty);

        Assert.Equal(new Uri("https://api-uat.atradius.com"), options.BaseAddress);
        Assert.Equal(1001, options.CustomerId);
        Assert.Equal("client-one", options.ClientId);
    }

    [Fact]
    public async Task An_invalid_configuration_fails_host_start_with_one_OptionsValidationException_naming_each_setting()
    {
        var invalid = new Dictionary<string, string?>(Valid) { ["Atradius:Cover:CustomerId"] = null, ["Atradius:Cover:ClientSecret"] = null };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCover(Configuration(invalid));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ex.Failures, f => f.Contains("CustomerId", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("ClientSecret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://api.atradius.com/credit-insurance", "BaseAddress must be the host root")]
    [InlineData("http://api.atradius.com/", "https")]
    public void A_wrong_base_address_is_refused_by_the_constructor(string address, string message)
    {
        var options = new CoverClientOptions { BaseAddress = new Uri(address), ClientId = "c", ClientSecret = "s", CustomerId = 1 };

        var ex = Assert.Throws<OptionsValidationException>(() => new CoverClient(options));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AppKey-77c6b5a4\u00a0")]
    [InlineData("Appkey-\u00e9")]
    [InlineData("AppKey\r\n")]
    public void An_app_key_that_cannot_be_sent_as_a_header_is_refused_by_the_constructor(string appKey)
    {
        var options = new CoverClientOptions { BaseAddress = new Uri("https://api.atradius.com/"), ClientId = "c", ClientSecret = "s", CustomerId = 1, AppKey = appKey };

        var ex = Assert.Throws<OptionsValidationException>(() => new CoverClient(options));

        Assert.Contains("AppKey", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.atradius.com/")]
    [InlineData("https://gateway.example.com/atradius/")]
    public void An_app_key_of_blanks_alone_is_refused_by_the_constructor_naming_the_setting(string address)
    {
        // Before, it passed (a placeholder left in the settings, say), and the client failed only at its first call.
        var options = new CoverClientOptions { BaseAddress = new Uri(address), ClientId = "c", ClientSecret = "s", CustomerId = 1, AppKey = "   " };

        var ex = Assert.Throws<OptionsValidationException>(() => new CoverClient(options));

        Assert.Contains(ex.Failures, f => f.StartsWith("CoverClientOptions.AppKey must be left unset or be a value", StringComparison.Ordinal) && f.Contains("only blanks", StringComparison.Ordinal));
    }

    [Fact]
    public void The_oauth2_style_without_a_token_endpoint_is_refused_by_the_constructor_and_with_one_is_not()
    {
        // The default endpoint is the Atradius route: an RFC 6749 request to it fails only at the first call.
        var options = new CoverClientOptions { BaseAddress = new Uri("https://api.atradius.com/"), ClientId = "c", ClientSecret = "s", CustomerId = 1, AppKey = "k", TokenEndpointStyle = CoverTokenEndpointStyle.OAuth2 };

        var error = Assert.Throws<OptionsValidationException>(() => new CoverClient(options));
        options.TokenEndpoint = new Uri("https://login.example.com/oauth2/token");
        new CoverClient(options).Dispose();

        Assert.Contains("TokenEndpoint is required when TokenEndpointStyle is OAuth2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_token_endpoint_style_that_is_not_one_of_the_enums_values_is_refused_by_the_constructor_naming_the_allowed_ones(int style)
    {
        // Before, any value but OAuth2 was taken for the Atradius style without a word.
        var options = new CoverClientOptions { BaseAddress = new Uri("https://api.atradius.com/"), ClientId = "c", ClientSecret = "s", CustomerId = 1, AppKey = "k", TokenEndpointStyle = (CoverTokenEndpointStyle)style };

        var ex = Assert.Throws<OptionsValidationException>(() => new CoverClient(options));

        Assert.Contains(ex.Failures, f => f.StartsWith("CoverClientOptions.TokenEndpointStyle must be Atradius (the default) or OAuth2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_endpoint_style_configured_as_a_number_that_is_no_style_fails_host_start()
    {
        var invalid = new Dictionary<string, string?>(Valid) { ["Atradius:Cover:TokenEndpointStyle"] = "2" };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAtradiusCover(Configuration(invalid));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ex.Failures, f => f.Contains("TokenEndpointStyle must be Atradius (the default) or OAuth2; it is 2.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://api.atradius.com/", true)]
    [InlineData("https://api-uat.atradius.com/", true)]
    [InlineData("https://gateway.example.com/atradius/", false)]
    [InlineData("http://127.0.0.1:5080/", false)]
    [InlineData("http://[::1]:5080/", false)]
    [InlineData("http://localhost:5080/", false)]
    public void A_client_of_an_atradius_host_without_an_app_key_is_refused_and_one_of_another_host_is_not(string address, bool refused)
    {
        var options = new CoverClientOptions { BaseAddress = new Uri(address), ClientId = "c", ClientSecret = "s", CustomerId = 1 };

        var error = Record.Exception(() => new CoverClient(options).Dispose());

        if (refused)
        {
            Assert.Contains("AppKey is required", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(error);
        }
    }

    [Fact]
    public void A_base_address_with_a_path_ending_in_a_slash_is_accepted()
    {
        var options = new CoverClientOptions { BaseAddress = new Uri("https://gateway.example.com/atradius/"), ClientId = "c", ClientSecret = "s", CustomerId = 1 };

        using var client = new CoverClient(options);

        Assert.Equal(new Uri("https://gateway.example.com/atradius/authenticate/v2/tokens"), options.EffectiveTokenEndpoint);
    }

    [Fact]
    public void The_options_description_hides_the_secret_and_the_app_key()
    {
        var options = new CoverClientOptions { BaseAddress = new Uri("https://api.atradius.com"), ClientId = "c", ClientSecret = "S3cret-Value", AppKey = "AppKey-1", CustomerId = 1 };

        var text = options.ToString();

        Assert.DoesNotContain("S3cret-Value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AppKey-1", text, StringComparison.Ordinal);
        Assert.Contains("CustomerId = 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_description_shows_no_query_value_or_user_information_of_an_address()
    {
        // A gateway in front of the token endpoint may take its subscription key in the query.
        var options = new CoverClientOptions
        {
            BaseAddress = new Uri("https://user:Pa55word@api.example.com/?code=BaseKey-5a6b"),
            TokenEndpoint = new Uri("https://gateway.example.com/oauth2/token?subscription-key=GatewayKey-9f8e7d6c"),
            TokenEndpointStyle = CoverTokenEndpointStyle.OAuth2,
            ClientId = "c",
            ClientSecret = "s",
            CustomerId = 1,
        };

        var text = options.ToString();

        Assert.DoesNotContain("GatewayKey-9f8e7d6c", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BaseKey-5a6b", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa55word", text, StringComparison.Ordinal);
        Assert.Contains("TokenEndpoint = https://gateway.example.com/oauth2/token?subscription-key=REDACTED,", text, StringComparison.Ordinal);
        Assert.Contains("BaseAddress = https://api.example.com/?code=REDACTED,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_description_names_the_default_token_endpoint_under_the_base_address()
    {
        var options = new CoverClientOptions { BaseAddress = new Uri("https://api.atradius.com"), ClientId = "c", ClientSecret = "s", CustomerId = 1 };

        var text = options.ToString();

        Assert.Contains("BaseAddress = https://api.atradius.com/, TokenEndpoint = https://api.atradius.com/authenticate/v2/tokens,", text, StringComparison.Ordinal);
    }
}
