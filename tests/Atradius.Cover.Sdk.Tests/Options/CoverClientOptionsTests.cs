using Atradius.Cover.Sdk.Tests.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace Atradius.Cover.Sdk.Tests.Options;

public sealed class CoverClientOptionsTests
{
    private static List<string> Failures(Action<CoverClientOptions> change)
    {
        var options = TestSetup.CreateOptions();
        change(options);
        var result = new CoverClientOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    [Fact]
    public void Valid_options_pass()
    {
        Assert.Empty(Failures(_ => { }));
    }

    [Theory]
    [InlineData("http://api.cover.test/", "CoverClientOptions.BaseAddress must use https (http is allowed only for loopback hosts).")]
    [InlineData("ftp://api.cover.test/", "CoverClientOptions.BaseAddress must use https (http is allowed only for loopback hosts).")]
    [InlineData("https://api.cover.test/?x=1", "CoverClientOptions.BaseAddress must not have a query or a fragment.")]
    public void Base_address_problems_are_named(string address, string message)
    {
        Assert.Contains(message, Failures(o => o.BaseAddress = new Uri(address)));
    }

    [Fact]
    public void Loopback_http_is_allowed()
    {
        Assert.Empty(Failures(o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:5000/");
            o.TokenEndpoint = new Uri("http://localhost:5000/oauth2/token");
        }));
    }

    [Fact]
    public void Missing_settings_are_named()
    {
        var failures = Failures(o =>
        {
            o.BaseAddress = null;
            o.TokenEndpoint = null;
            o.ClientId = " ";
            o.ClientSecret = null;
        });

        Assert.Contains("CoverClientOptions.BaseAddress is required.", failures);
        Assert.Contains("CoverClientOptions.TokenEndpoint is required.", failures);
        Assert.Contains("CoverClientOptions.ClientId is required.", failures);
        Assert.Contains("CoverClientOptions.ClientSecret is required.", failures);
    }

    [Fact]
    public void Token_endpoint_must_use_https()
    {
        Assert.Contains(
            "CoverClientOptions.TokenEndpoint must use https (http is allowed only for loopback hosts).",
            Failures(o => o.TokenEndpoint = new Uri("http://login.cover.test/oauth2/token")));
    }

    [Fact]
    public void Resilience_settings_that_the_standard_handler_would_refuse_are_named()
    {
        var failures = Failures(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(10);
            o.Resilience.MaxRetryAttempts = -1;
            o.Resilience.CircuitBreakerFailureRatio = 0;
        });

        Assert.Contains("CoverClientOptions.Resilience.TotalTimeout must be longer than AttemptTimeout.", failures);
        Assert.Contains("CoverClientOptions.Resilience.CircuitBreakerSamplingDuration must be at least twice AttemptTimeout.", failures);
        Assert.Contains("CoverClientOptions.Resilience.MaxRetryAttempts must be between 0 and 10.", failures);
        Assert.Contains("CoverClientOptions.Resilience.CircuitBreakerFailureRatio must be greater than 0 and at most 1.", failures);
    }

    [Fact]
    public void Scopes_with_spaces_and_bad_wait_settings_are_named()
    {
        var failures = Failures(o =>
        {
            o.Scopes.Add("cover:read cover:write");
            o.PollInterval = TimeSpan.Zero;
            o.WaitTimeout = TimeSpan.FromSeconds(-1);
        });

        Assert.Contains(failures, f => f.StartsWith("CoverClientOptions.Scopes must hold single scope names", StringComparison.Ordinal));
        Assert.Contains("CoverClientOptions.PollInterval must be greater than zero.", failures);
        Assert.Contains("CoverClientOptions.WaitTimeout must be greater than zero.", failures);
    }

    [Fact]
    public void Standalone_creation_with_bad_options_throws_naming_the_setting_and_sends_nothing()
    {
        var options = TestSetup.CreateOptions();
        options.BaseAddress = new Uri("http://api.cover.test/");

        var ex = Assert.Throws<OptionsValidationException>(() => new CoverClient(options));

        Assert.Contains("CoverClientOptions.BaseAddress must use https", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_match_the_standard_resilience_handler_and_the_documented_waits()
    {
        var options = new CoverClientOptions();

        Assert.Equal(CoverTokenEndpointStyle.OAuth2, options.TokenEndpointStyle);
        Assert.Equal(3, options.Resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Resilience.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Resilience.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.TotalTimeout);
        Assert.Equal(0.1, options.Resilience.CircuitBreakerFailureRatio);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.CircuitBreakerSamplingDuration);
        Assert.Equal(100, options.Resilience.CircuitBreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Resilience.CircuitBreakerBreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(60), options.TokenRefreshSkew);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.WaitTimeout);
        Assert.False(options.LogBodies);
    }

    [Fact]
    public void Empty_scopes_mean_read_and_write()
    {
        Assert.Equal(["cover:read", "cover:write"], new CoverClientOptions().EffectiveScopes);
    }

    [Fact]
    public void ToString_shows_neither_the_secret_nor_the_app_key()
    {
        var text = TestSetup.CreateOptions().ToString();

        Assert.DoesNotContain(TestSetup.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSetup.AppKey, text, StringComparison.Ordinal);
        Assert.Contains(TestSetup.ClientId, text, StringComparison.Ordinal);
        Assert.Contains("ClientSecret = ***", text, StringComparison.Ordinal);
    }
}
