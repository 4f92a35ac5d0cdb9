using System.Net.NetworkInformation;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.IntegrationTests.Resources;

public sealed class ConnectionReuseTests
{
    [Fact]
    public async Task Creating_and_disposing_clients_repeatedly_leaves_no_connection_open()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        var port = sandbox.BaseAddress.Port;
        var before = EstablishedConnectionsTo(port);

        var mostOpenAtOnce = 0;
        for (var i = 0; i < 100; i++)
        {
            await using (var cover = new CoverClient(SandboxClients.Options(sandbox, CoverTokenEndpointStyle.OAuth2)))
            {
                await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId, ct);
                mostOpenAtOnce = Math.Max(mostOpenAtOnce, EstablishedConnectionsTo(port) - before);
            }
        }

        // Each client keeps one pooled connection (shared by the token and API calls) while it lives...
        Assert.InRange(mostOpenAtOnce, 1, 2);

        // ...and closes it when disposed, so a hundred clients in a row leave nothing behind.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (EstablishedConnectionsTo(port) > before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        Assert.Equal(before, EstablishedConnectionsTo(port));
    }

    private static int EstablishedConnectionsTo(int port) =>
        IPGlobalProperties.GetIPGlobalProperties()
            .GetActiveTcpConnections()
            .Count(c => c.RemoteEndPoint.Port == port && c.State == TcpState.Established);
}
