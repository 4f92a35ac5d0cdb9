using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

public sealed class ReliabilityTests
{
    [Fact]
    public async Task Concurrent_applications_for_one_buyer_create_exactly_one_cover()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 1000 * (i + 1)))));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(15, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);
        Assert.Single(sandbox.GetCovers(), c => c.BuyerId == SandboxFixtures.WellRatedDutchBuyerId);
    }

    [Fact]
    public async Task Concurrent_changes_to_one_cover_each_get_their_own_version()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.ExistingCreditLimitCoverId;
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.PutAsync($"{Covers}/{id}", $$"""{"action":"update-reference","customerRefNumber":"R{{i}}"}""")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(Enumerable.Range(2, 20), answers.Select(a => a.Json.GetProperty("version").GetInt32()).Order());
        Assert.Equal(21, sandbox.GetCover(id)!.Version);
    }

    [Fact]
    public async Task Requests_are_logged_with_their_correlation_id()
    {
        using var provider = new FakeLoggerProvider();
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ConfigureLogging = logging => logging.AddProvider(provider) }, Ct);
        using var api = await CreateAsync(sandbox);
        await api.GetAsync($"{Covers}/1", ("Atradius-Correlation-Id", "log-me-1"));
        var record = Assert.Single(provider.Collector.GetSnapshot(), r => r.Message.Contains("log-me-1", StringComparison.Ordinal));
        Assert.Contains("404", record.Message, StringComparison.Ordinal);
        Assert.Contains(record.StructuredState!, p => p.Key == "CorrelationId" && p.Value == "log-me-1");
    }
}
