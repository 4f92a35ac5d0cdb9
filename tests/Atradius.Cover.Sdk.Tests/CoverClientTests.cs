using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk.Tests;

public class CoverClientTests
{
    private sealed class FakeClient : CoverClient
    {
    }

    [Fact]
    public void Sub_clients_hang_off_the_root_client_and_it_can_be_mocked()
    {
        using var client = new CoverClient(new HttpClient { BaseAddress = new Uri("https://cover.test/api/") }, new CoverClientOptions(), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true);
        var asInterface = Assert.IsAssignableFrom<ICoverClient>(client);
        Assert.Same(client.Buyers, asInterface.Buyers);
        Assert.NotNull(client.Applications);
        Assert.NotNull(client.Decisions);
        Assert.NotNull(client.Indications);
        Assert.Null(new FakeClient().Buyers);
    }

    [Fact]
    public void A_base_address_without_trailing_slash_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CoverClient(new HttpClient { BaseAddress = new Uri("https://cover.test/api") }, new CoverClientOptions(), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true));
    }

    [Fact]
    public async Task Dispose_releases_an_owned_http_client_only()
    {
        var owned = new HttpClient { BaseAddress = new Uri("https://cover.test/") };
        var shared = new HttpClient { BaseAddress = new Uri("https://cover.test/") };
        await using (new CoverClient(owned, new CoverClientOptions(), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true))
        {
        }

        using (new CoverClient(shared, new CoverClientOptions(), NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: false))
        {
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => owned.GetAsync(new Uri("https://cover.test/"), TestContext.Current.CancellationToken));
        Assert.Equal(new Uri("https://cover.test/"), shared.BaseAddress);
        shared.Dispose();
    }

    [Fact]
    public void The_public_constructor_refuses_null_options()
    {
        Assert.Throws<ArgumentNullException>(() => new CoverClient(null!));
    }

    [Fact]
    public void The_public_constructor_refuses_invalid_options_before_any_request()
    {
        Assert.ThrowsAny<Exception>(() => new CoverClient(new CoverClientOptions()));
    }
}
