using Atradius.Cover.Sdk.Portfolio.Tests.Support;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Monitoring;

public sealed class CoverMonitorOptionsTests
{
    private static CoverMonitorService Monitor(CoverMonitorOptions options) =>
        new(new InMemoryCoverPortfolioStore(), new FakeCoverSource(), new RecordingHandler(), options);

    // Before, an interval or a lease above about 49.7 days was accepted and stopped the host at its first pause with an
    // error from Task.Delay that named no setting.
    [Theory]
    [InlineData(50)]
    [InlineData(365)]
    public void An_interval_longer_than_a_timer_can_wait_is_refused_naming_the_setting(int days)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Monitor(new CoverMonitorOptions { PortfolioKey = Portfolios.Key, Interval = TimeSpan.FromDays(days) }));

        Assert.Equal(nameof(CoverMonitorOptions.Interval), error.ParamName);
        Assert.Contains("CoverMonitorOptions.Interval", error.Message, StringComparison.Ordinal);
        Assert.Contains("49 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(365)]
    public void A_lease_longer_than_a_timer_can_wait_is_refused_naming_the_setting(int days)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Monitor(new CoverMonitorOptions { PortfolioKey = Portfolios.Key, LeaseDuration = TimeSpan.FromDays(days) }));

        Assert.Equal(nameof(CoverMonitorOptions.LeaseDuration), error.ParamName);
        Assert.Contains("CoverMonitorOptions.LeaseDuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("49 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interval_and_a_lease_of_49_days_are_accepted()
    {
        _ = Monitor(new CoverMonitorOptions { PortfolioKey = Portfolios.Key, Interval = TimeSpan.FromDays(49), LeaseDuration = TimeSpan.FromDays(49) });
    }

    // The sync refused it too, but under CoverPortfolioSyncOptions, a name the monitor's user never set.
    [Fact]
    public void A_negative_full_reconciliation_interval_is_refused_under_the_monitors_own_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Monitor(new CoverMonitorOptions { PortfolioKey = Portfolios.Key, FullReconciliationInterval = TimeSpan.FromSeconds(-1) }));

        Assert.Contains("CoverMonitorOptions.FullReconciliationInterval", error.Message, StringComparison.Ordinal);
    }

    // The sync refused it too, but under CoverPortfolioSyncOptions, a name the monitor's user never set.
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_blank_portfolio_key_is_refused_under_the_monitors_own_setting(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => Monitor(new CoverMonitorOptions { PortfolioKey = key }));

        Assert.Equal("PortfolioKey", error.ParamName);
        Assert.Contains("CoverMonitorOptions.PortfolioKey", error.Message, StringComparison.Ordinal);
    }

    // The store would refuse it only at the first sync, once the host had started, naming its own argument.
    [Fact]
    public void A_portfolio_key_longer_than_a_store_keeps_is_refused_under_the_monitors_own_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => Monitor(new CoverMonitorOptions { PortfolioKey = new string('k', 501) }));

        Assert.Equal("PortfolioKey", error.ParamName);
        Assert.Contains("CoverMonitorOptions.PortfolioKey must be at most 500 characters long", error.Message, StringComparison.Ordinal);
    }

    // Before, the monitor started and the store refused the holder at every request for the lease: it never synced,
    // and the error named the store's own argument.
    [Theory]
    [InlineData(801, false)]
    [InlineData(10, true)]
    public void A_holder_id_the_store_cannot_keep_is_refused_under_the_monitors_own_setting(int length, bool withNul)
    {
        var holder = new string('h', length) + (withNul ? "\0" : string.Empty);

        var error = Assert.Throws<ArgumentException>(() => Monitor(new CoverMonitorOptions { PortfolioKey = Portfolios.Key, HolderId = holder }));

        Assert.Equal("HolderId", error.ParamName);
        Assert.StartsWith("CoverMonitorOptions.HolderId must", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_changed_after_the_monitor_was_created_do_not_reach_it()
    {
        // Before, the lease followed the changed key while the sync kept the first one, so an instance held the lease
        // of a portfolio it did not sync; an Interval changed to a year stopped the host at its first pause.
        var options = new CoverMonitorOptions { PortfolioKey = Portfolios.Key };
        var monitor = Monitor(options);
        options.PortfolioKey = Portfolios.OtherKey;
        options.Interval = TimeSpan.FromDays(365);

        Assert.Equal("portfolio-sync/" + Portfolios.Key, monitor.LeaseResource);
    }
}
