using System.Threading.Channels;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Monitoring;

public sealed class CoverMonitorServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private sealed class FailOnceHandler : ICoverChangeHandler
    {
        private int _calls;

        public Channel<IReadOnlyList<CoverPortfolioChange>> Delivered { get; } = Channel.CreateUnbounded<IReadOnlyList<CoverPortfolioChange>>();

        public Task HandleAsync(IReadOnlyList<CoverPortfolioChange> changes, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new InvalidOperationException("database down");
            }

            Delivered.Writer.TryWrite(changes);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_failed_tick_is_logged_and_the_next_tick_delivers_the_same_changes_from_the_saved_checkpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Get, PortfolioJson.Covers).Respond("application/json", PortfolioJson.Page(null, PortfolioJson.Cover(1, 1, T0), PortfolioJson.Cover(2, 1, T0)));
        var clock = new FakeTimeProvider(T0.AddHours(1));
        var handler = new FailOnceHandler();
        var store = new InMemoryCoverCheckpointStore();

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ICoverClient>(PortfolioJson.Client(http))
            .AddSingleton<ICoverCheckpointStore>(store)
            .AddSingleton<ICoverChangeHandler>(handler)
            .AddAtradiusCoverMonitor(o => o.Interval = TimeSpan.FromMinutes(1));
        await using var provider = services.BuildServiceProvider();
        var monitor = Assert.Single(provider.GetServices<IHostedService>());

        await monitor.StartAsync(ct);
        try
        {
            IReadOnlyList<CoverPortfolioChange>? delivered = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            while (!handler.Delivered.Reader.TryRead(out delivered))
            {
                // The timer is created after the first (failing) tick: keep moving time until the second tick runs.
                clock.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(20, timeout.Token);
            }

            Assert.Equal(new long[] { 1, 2 }, delivered.Select(c => c.CoverId).ToArray());
            Assert.True(store.Checkpoint!.InitialLoadCompleted);
        }
        finally
        {
            await monitor.StopAsync(ct);
        }
    }

    [Fact]
    public void Uses_a_file_store_when_a_checkpoint_folder_is_given()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cover-monitor-" + Guid.NewGuid().ToString("N"));
        using var provider = new ServiceCollection().AddAtradiusCoverMonitor(o => o.CheckpointFolder = folder).BuildServiceProvider();

        var store = Assert.IsType<FileCoverCheckpointStore>(provider.GetRequiredService<ICoverCheckpointStore>());
        Assert.Equal(Path.GetFullPath(folder), store.Folder);
    }
}
