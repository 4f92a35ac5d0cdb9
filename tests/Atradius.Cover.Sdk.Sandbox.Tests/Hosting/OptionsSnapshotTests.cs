using System.Reflection;
using Atradius.Cover.Sdk.Sandbox.Faults;
using Atradius.Cover.Sdk.Sandbox.Security;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Hosting;

/// <summary>A sandbox runs on a copy of its options taken at start; what changes while it runs is on the sandbox itself.</summary>
public sealed class OptionsSnapshotTests
{
    [Fact]
    public async Task Changes_to_the_options_after_the_start_do_not_reach_the_running_sandbox()
    {
        var statePath = Path.Combine(Path.GetTempPath(), $"sandbox-snapshot-{Guid.NewGuid():N}.json");
        var options = new CoverSandboxOptions();
        try
        {
            await using (var sandbox = await CoverSandbox.StartAsync(options, Ct))
            {
                using var api = await CreateAsync(sandbox);
                options.AdminEndpoints = false;
                options.MaxRequestBodyBytes = 1;
                options.RequestBodyTimeout = TimeSpan.FromTicks(1);
                options.StatePath = statePath;
                options.Faults.FailEveryRequest = true;
                options.AdditionalClients.Add(new SandboxClient("late-client", "late-secret", null, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId));

                Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 30_000))).Status);
                Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/sandbox/statistics", Ct)).StatusCode);
                Assert.DoesNotContain(sandbox.Clients, c => c.ClientId == "late-client");
                Assert.False(sandbox.Faults.FailEveryRequest);
            }

            Assert.False(File.Exists(statePath));
        }
        finally
        {
            File.Delete(statePath);
        }
    }

    [Fact]
    public async Task A_negative_notice_period_is_refused_at_the_start_naming_the_option()
    {
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { NoticePeriod = TimeSpan.FromDays(-1) }, Ct));
        Assert.Equal("options", refused.ParamName);
        Assert.Contains(nameof(CoverSandboxOptions.NoticePeriod), refused.Message, StringComparison.Ordinal);

        // no notice period at all is allowed: a notice then takes effect on the next request
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { NoticePeriod = TimeSpan.Zero }, Ct);
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
        Assert.Contains(sandbox.GetCovers(), c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId && c.HistoricCode == "WCLD");
    }

    [Theory]
    [InlineData(300, 868, 301)]
    [InlineData(300, 2000, 678)]
    [InlineData(11, 1, 12)]
    [InlineData(0, 3, 12)]
    public async Task More_generated_covers_than_the_buyers_can_hold_are_refused_naming_the_buyers_needed(int buyers, int covers, int needed)
    {
        // Before, 2000 covers over 300 buyers started with 867: the seeding gives each buyer that is not a fixture at
        // most one cover of each type, and cut the count down to that without a word.
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = buyers, GeneratedCoverCount = covers }, Ct));

        Assert.Equal("options", refused.ParamName);
        Assert.Contains(nameof(CoverSandboxOptions.GeneratedCoverCount), refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{nameof(CoverSandboxOptions.BuyerCount)} of at least {needed}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_many_generated_covers_as_the_buyers_can_hold_are_all_made()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = 300, GeneratedCoverCount = 867 }, Ct);

        Assert.Equal(867, sandbox.GetCovers().Count(c => c.IsCurrent && c.CoverId >= SandboxFixtures.FirstGeneratedCoverId));
    }

    [Fact]
    public async Task A_small_world_with_the_default_cover_count_starts_with_as_many_covers_as_its_buyers_hold()
    {
        // Nobody asked for the default's 40 covers: a world of 20 buyers holds 27 and starts with them, as it did before
        // a number set was held to the buyers' room.
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = 20 }, Ct);

        Assert.Equal(27, sandbox.GetCovers().Count(c => c.IsCurrent && c.CoverId >= SandboxFixtures.FirstGeneratedCoverId));
    }

    [Fact]
    public async Task A_duration_too_long_for_the_dates_it_is_added_to_is_refused_at_the_start_and_so_is_a_move_of_the_clock()
    {
        // Before, TimeSpan.MaxValue as a token lifetime failed every token request with a 500, and as a move of the
        // clock failed every request after it for good.
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.MaxValue }, Ct));
        Assert.Equal("options", refused.ParamName);
        Assert.Contains(nameof(CoverSandboxOptions.TokenLifetime), refused.Message, StringComparison.Ordinal);

        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var moved = Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.AdvanceTime(TimeSpan.MaxValue));
        Assert.Equal("by", moved.ParamName);
        sandbox.AdvanceTime(TimeSpan.FromDays(365));
        Assert.NotEmpty(sandbox.GetCovers());
    }

    [Theory]
    [InlineData("sandbox-read-write", 200417L, "5012345", "is taken")]
    [InlineData("my-client", 200417L, "7000001", "does not hold together")]
    [InlineData("my-client", 999999L, "5012345", "does not hold together")]
    [InlineData("acme:eu", 200417L, "5012345", "':'")]
    public async Task An_additional_client_the_sandbox_could_not_serve_is_refused_at_the_start(string clientId, long customerId, string policyId, string problem)
    {
        // Before, a second client under a ready-made id was never found (every call refused with 401), one of a
        // customer the world does not hold was accepted and then failed its calls, and so was one whose id holds a
        // colon: HTTP Basic splits the id from the secret at the first colon, so its token requests answered 401.
        var options = new CoverSandboxOptions();
        options.AdditionalClients.Add(new SandboxClient(clientId, "secret", null, customerId, policyId));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => CoverSandbox.StartAsync(options, Ct));

        Assert.Equal("options", refused.ParamName);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_state_file_named_at_the_start_is_the_one_written_on_dispose()
    {
        var first = Path.Combine(Path.GetTempPath(), $"sandbox-snapshot-{Guid.NewGuid():N}.json");
        var second = Path.Combine(Path.GetTempPath(), $"sandbox-snapshot-{Guid.NewGuid():N}.json");
        var options = new CoverSandboxOptions { StatePath = first };
        try
        {
            await using (await CoverSandbox.StartAsync(options, Ct))
            {
                options.StatePath = second;
            }

            Assert.True(File.Exists(first));
            Assert.False(File.Exists(second));
        }
        finally
        {
            File.Delete(first);
            File.Delete(first + ".lock");
            File.Delete(second);
        }
    }

    [Fact]
    public async Task Faults_armed_on_the_running_sandbox_still_apply()
    {
        var options = new CoverSandboxOptions();
        await using var sandbox = await CoverSandbox.StartAsync(options, Ct);
        using var api = await CreateAsync(sandbox);

        sandbox.Faults.ArmNext("GET", Covers, SandboxFault.ServiceUnavailable);
        options.Faults.ArmNext("GET", Covers, SandboxFault.RateLimited);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.GetAsync(Covers)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Covers)).Status);
    }

    [Fact]
    public void The_copy_has_every_settable_option_the_faults_and_the_additional_clients()
    {
        var options = new CoverSandboxOptions();
        foreach (var property in Settable())
        {
            var value = NotDefault(property, property.GetValue(options));
            property.SetValue(options, value);
        }

        options.Faults.RateLimitedShare = 0.25;
        options.Faults.SetLatency(TimeSpan.FromMilliseconds(7));
        options.Faults.ArmNext("GET", Covers, SandboxFault.SlowBody, times: 2);
        var client = new SandboxClient("extra", "extra-secret", null, 200419, "5012347");
        options.AdditionalClients.Add(client);

        var copy = options.Snapshot();

        foreach (var property in Settable())
        {
            Assert.True(Equals(property.GetValue(options), property.GetValue(copy)), $"CoverSandboxOptions.{property.Name} was not copied.");
        }

        Assert.NotSame(options.Faults, copy.Faults);
        Assert.Equal(0.25, copy.Faults.RateLimitedShare);
        Assert.Equal(TimeSpan.FromMilliseconds(7), copy.Faults.MinLatency);
        Assert.Equal(2, copy.Faults.ArmedCount);
        Assert.NotSame(options.AdditionalClients, copy.AdditionalClients);
        Assert.Equal([client], copy.AdditionalClients);

        // A new read-only member (a list, a group of settings) needs its own line in Snapshot: make it fail here first.
        var readOnly = typeof(CoverSandboxOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not { IsPublic: true }).Select(p => p.Name);
        Assert.Equal(new[] { "AdditionalClients", "Faults" }, readOnly.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_copy_of_a_client_keeps_its_other_customers_when_the_callers_list_changes()
    {
        var others = new List<long> { SandboxFixtures.SterlingCustomerId };
        var options = new CoverSandboxOptions();
        options.AdditionalClients.Add(new SandboxClient("broker-2", "broker-2-secret", null, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId) { OtherCustomerIds = others });

        var copy = Assert.Single(options.Snapshot().AdditionalClients);
        others.Add(200419);
        others.Remove(SandboxFixtures.SterlingCustomerId);

        Assert.Equal([SandboxFixtures.SterlingCustomerId], copy.OtherCustomerIds);
        Assert.True(copy.MayActFor(SandboxFixtures.SterlingCustomerId));
        Assert.False(copy.MayActFor(200419));
        var cast = Assert.IsAssignableFrom<IList<long>>(copy.OtherCustomerIds);
        Assert.Throws<NotSupportedException>(() => cast[0] = 200419);
    }

    [Fact]
    public async Task A_running_sandbox_ignores_later_changes_to_a_clients_other_customers()
    {
        var others = new List<long>();
        var options = new CoverSandboxOptions();
        options.AdditionalClients.Add(new SandboxClient("broker-2", "broker-2-secret", null, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId) { OtherCustomerIds = others });
        await using var sandbox = await CoverSandbox.StartAsync(options, Ct);

        others.Add(SandboxFixtures.SterlingCustomerId);

        var running = Assert.Single(sandbox.Clients, c => c.ClientId == "broker-2");
        Assert.False(running.MayActFor(SandboxFixtures.SterlingCustomerId));
        Assert.Equal([SandboxFixtures.EuroCustomerId], running.CustomerIds);
    }

    private static IEnumerable<PropertyInfo> Settable() =>
        typeof(CoverSandboxOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static object NotDefault(PropertyInfo property, object? current)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object value = type switch
        {
            _ when type == typeof(string) => "value-of-" + property.Name,
            _ when type == typeof(bool) => !(current as bool? ?? false),
            _ when type == typeof(int) => (current as int? ?? 0) + 17,
            _ when type == typeof(TimeSpan) => (current as TimeSpan? ?? TimeSpan.Zero) + TimeSpan.FromSeconds(13),
            _ when type == typeof(TimeProvider) => new OffsetTimeProvider(),
            _ when type == typeof(Action<ILoggingBuilder>) => (Action<ILoggingBuilder>)(_ => { }),
            _ => throw new InvalidOperationException($"No test value for {property.Name} of type {type}; extend this test."),
        };
        Assert.NotEqual(current, value);
        return value;
    }

    private sealed class OffsetTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddDays(1);
    }
}
