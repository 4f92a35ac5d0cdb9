namespace Atradius.Cover.Sdk.Sandbox.Tests.Hosting;

/// <summary>
/// A sandbox listens on the loopback interface only: its credentials are published and its <c>/sandbox/</c> routes need
/// no token, so an address other machines can reach, or one the server cannot listen on, is refused at the start.
/// </summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://+:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://sandbox.example:0")]
    [InlineData("http://localhost.:0")]
    [InlineData("http://127.0.0.1:0;http://0.0.0.0:0")]
    public async Task An_address_off_the_loopback_interface_is_refused_naming_the_option(string url)
    {
        // Before, http://0.0.0.0:0 and http://*:0 listened on every interface.
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { Url = url }, Ct));

        Assert.Equal("options", refused.ParamName);
        Assert.Contains(nameof(CoverSandboxOptions.Url), refused.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:0", "port")]
    [InlineData("http://127.0.0.1:0/base", "path")]
    [InlineData("http://127.0.0.1:0?x=1", "path")]
    [InlineData("ftp://127.0.0.1:0", "http")]
    [InlineData("127.0.0.1:0", "http")]
    [InlineData("", "http")]
    [InlineData(null, "http")]
    public async Task An_address_the_server_cannot_listen_on_is_refused_naming_the_option(string? url, string said)
    {
        // Before, a free port on localhost or an address with a path failed with an InvalidOperationException from
        // the web server, and the standalone server stopped with a stack trace.
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { Url = url! }, Ct));

        Assert.Equal("options", refused.ParamName);
        Assert.Contains(nameof(CoverSandboxOptions.Url), refused.Message, StringComparison.Ordinal);
        Assert.Contains(said, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0", "http://127.0.0.1:")]
    [InlineData("http://127.0.0.1:0/", "http://127.0.0.1:")]
    [InlineData("http://[::1]:0", "http://[::1]:")]
    public async Task A_loopback_address_is_served(string url, string served)
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { Url = url }, Ct);
        using var api = await CreateAsync(sandbox);

        Assert.StartsWith(served, sandbox.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
    }

    [Fact]
    public async Task Localhost_is_served_on_a_port_of_its_own()
    {
        var port = FreePort();
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { Url = $"http://localhost:{port}" }, Ct);
        using var api = await CreateAsync(sandbox);

        Assert.Equal(port, sandbox.BaseAddress.Port);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
