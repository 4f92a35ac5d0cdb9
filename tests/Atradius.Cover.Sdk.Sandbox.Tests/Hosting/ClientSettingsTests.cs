using Atradius.Cover.Sdk.Sandbox.Security;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Hosting;

/// <summary>The configuration keys that point a client at a running sandbox, as the SDK's options are named.</summary>
public sealed class ClientSettingsTests
{
    [Fact]
    public async Task By_default_they_hold_the_address_and_the_read_write_clients_credentials_under_Atradius_Cover()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var client = sandbox.ReadWriteClient;

        var settings = sandbox.ClientSettings();

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Atradius:Cover:BaseAddress"] = sandbox.BaseAddress.AbsoluteUri,
                ["Atradius:Cover:ClientId"] = client.ClientId,
                ["Atradius:Cover:ClientSecret"] = client.ClientSecret,
                ["Atradius:Cover:AppKey"] = client.AppKey,
                ["Atradius:Cover:CustomerId"] = "200417",
                ["Atradius:Cover:PolicyId"] = "5012345",
            },
            settings.ToDictionary());
    }

    [Fact]
    public async Task They_carry_the_client_asked_for_under_the_section_asked_for_and_no_app_key_when_it_has_none()
    {
        var withoutKey = new SandboxClient("no-key-client", "no-key-secret", null, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId);
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { AdditionalClients = { withoutKey } }, Ct);

        var broker = sandbox.ClientSettings(sandbox.OtherCustomerClient, "Customers:B");
        var bare = sandbox.ClientSettings(withoutKey, sectionPath: string.Empty);

        Assert.Equal(sandbox.OtherCustomerClient.ClientId, broker["Customers:B:ClientId"]);
        Assert.Equal("200418", broker["Customers:B:CustomerId"]);
        Assert.Equal("5012346", broker["Customers:B:PolicyId"]);
        Assert.Equal("no-key-secret", bare["ClientSecret"]);
        Assert.Equal(sandbox.BaseAddress.AbsoluteUri, bare["BaseAddress"]);
        Assert.DoesNotContain("AppKey", bare.Keys);
    }

    [Fact]
    public async Task A_client_the_sandbox_does_not_accept_is_refused_by_name()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var stranger = sandbox.ReadWriteClient with { ClientSecret = "guessed" };

        var error = Assert.Throws<ArgumentException>(() => sandbox.ClientSettings(stranger));

        Assert.Equal("client", error.ParamName);
        Assert.Contains(stranger.ClientId, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("Atradius:Cover:")]
    public async Task A_section_path_that_names_no_section_is_refused(string sectionPath)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);

        var error = Assert.Throws<ArgumentException>(() => sandbox.ClientSettings(sectionPath: sectionPath));

        Assert.Equal(nameof(sectionPath), error.ParamName);
        Assert.Throws<ArgumentNullException>(nameof(sectionPath), () => sandbox.ClientSettings(sectionPath: null!));
    }
}
