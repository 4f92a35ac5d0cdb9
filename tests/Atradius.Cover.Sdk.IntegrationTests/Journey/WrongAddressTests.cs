using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.IntegrationTests.Journey;

/// <summary>
/// The gateway answers 403 to a route it does not know, before it looks at credentials. A base address with a
/// path (the old README's mistake) must be reported as a probably wrong address, not as bad credentials.
/// </summary>
public sealed class WrongAddressTests
{
    [Fact]
    public async Task A_base_address_with_a_path_says_the_address_is_probably_wrong_for_the_api_calls()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        options.BaseAddress = new Uri(sandbox.BaseAddress, "credit-insurance/cover-management/v1/");
        options.TokenEndpoint = sandbox.AtradiusTokenEndpoint;
        await using var cover = new CoverClient(options);

        var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Policies.GetAsync(cancellationToken: ct));

        Assert.Equal(403, error.Status);
        Assert.IsType<CoverForbiddenException>(error);
        Assert.Contains("probably wrong", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_base_address_with_a_path_says_the_address_is_probably_wrong_for_the_derived_token_route()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var options = SandboxClients.Options(sandbox);
        options.BaseAddress = new Uri(sandbox.BaseAddress, "credit-insurance/cover-management/v1/");
        await using var cover = new CoverClient(options);

        var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Policies.GetAsync(cancellationToken: ct));

        Assert.Contains("probably wrong", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("check your credentials", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
