using Atradius.Cover.Sdk.Portfolio.PostgreSql;
using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Monitoring;

public sealed class PostgreSqlCoverMonitorTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Of_two_monitors_on_one_database_only_the_lease_holder_syncs_and_the_other_takes_over_when_it_dies()
    {
        var database = await server.CreateDatabaseAsync();
        var hosts = Array.Empty<IHost>();
        var stores = new List<KillableStore>();
        try
        {
            var source = new FakeCoverSource();
            source.Covers.Add(Covers.Decided(1, 100, 50000));
            var handlers = new[] { new RecordingHandler(), new RecordingHandler() };
            // A lease of nine seconds, renewed every three: long enough that a renewal made late by a busy machine does
            // not hand the portfolio to the other monitor, short enough for the take-over after the holder dies.
            hosts = new[] { "a", "b" }.Select((holder, i) => CoverMonitorServiceTests.BuildHost(source, handlers[i], m =>
            {
                m.UsePostgreSql(database);
                var killable = new KillableStore(new PostgreSqlCoverPortfolioStore(database));
                stores.Add(killable);
                m.UseStore(_ => killable);
            }, holder, TimeSpan.FromSeconds(9))).ToArray();
            var monitors = hosts.Select(h => h.Services.GetRequiredService<CoverMonitorService>()).ToArray();
            foreach (var host in hosts)
            {
                await host.StartAsync(TestContext.Current.CancellationToken);
            }

            await Eventually.WaitUntilAsync(() => monitors.Any(m => m.Status.CompletedSyncs >= 3), "one monitor synced three times");
            var holder = Array.FindIndex(monitors, m => m.Status.CompletedSyncs >= 3);
            var other = 1 - holder;
            Assert.Equal(0, monitors[other].Status.CompletedSyncs);
            Assert.False(monitors[other].Status.IsLeaseHolder);
            Assert.Single(handlers[holder].Changes);

            stores[holder].Kill();
            source.Replace(Covers.Decided(1, 100, 60000));
            await Eventually.WaitUntilAsync(() => monitors[other].Status.CompletedSyncs >= 1, "the other monitor took over");

            Assert.Equal([CoverChangeKind.AmountChanged], handlers[other].KindsFor(1));
            Assert.DoesNotContain(handlers[holder].Changes, c => c.Kind == CoverChangeKind.AmountChanged);
        }
        finally
        {
            // Stopped whether the test passed or not: monitors left running would keep polling a dropped database
            // through every later test of the assembly.
            foreach (var host in hosts)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }

            foreach (var store in stores)
            {
                await ((PostgreSqlCoverPortfolioStore)store.Inner).DisposeAsync();
            }

            await server.DropDatabaseAsync(database);
        }
    }
}
