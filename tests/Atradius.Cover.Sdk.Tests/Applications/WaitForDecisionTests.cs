using System.Net;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Applications;

public class WaitForDecisionTests
{
    private const string Cover = CoverTestHarness.Covers + "/70001235";

    private static void Serve(CoverTestHarness harness, params (bool Decided, string? RetryAfter)[] answers)
    {
        var queue = new Queue<(bool Decided, string? RetryAfter)>(answers);
        harness.Mock.When(HttpMethod.Get, Cover).Respond(_ =>
        {
            var (decided, retryAfter) = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent((decided ? CoverJson.Decided(70001235) : CoverJson.Referred()).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return response;
        });
    }

    [Fact]
    public async Task Wait_looks_again_when_Retry_After_says()
    {
        using var harness = new CoverTestHarness();
        Serve(harness, (false, "30"), (true, null));

        var wait = harness.Client.Applications.WaitForDecisionAsync(70001235, TestContext.Current.CancellationToken);
        await CoverTestHarness.WaitUntilAsync(() => harness.Requests.Count == 1);
        await CoverTestHarness.SettleAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Single(harness.Requests);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var decision = await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(decision.IsDecided);
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task Wait_uses_the_poll_interval_when_the_service_gives_no_Retry_After()
    {
        using var harness = new CoverTestHarness();
        Serve(harness, (false, null), (false, null), (true, null));

        var wait = harness.Client.Applications.WaitForDecisionAsync(70001235, new CoverWaitOptions { PollInterval = TimeSpan.FromSeconds(2) }, TestContext.Current.CancellationToken);
        for (var seen = 1; seen <= 2; seen++)
        {
            await CoverTestHarness.WaitUntilAsync(() => harness.Requests.Count == seen);
            await CoverTestHarness.SettleAsync();
            harness.Time.Advance(TimeSpan.FromSeconds(2));
        }

        var decision = await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(decision.IsDecided);
        Assert.Equal(3, harness.Requests.Count);
    }

    [Fact]
    public async Task Wait_gives_up_after_the_timeout_naming_the_cover()
    {
        using var harness = new CoverTestHarness();
        Serve(harness, (false, "10"));

        var wait = harness.Client.Applications.WaitForDecisionAsync(70001235, new CoverWaitOptions { Timeout = TimeSpan.FromSeconds(25) }, TestContext.Current.CancellationToken);
        for (var seen = 1; seen <= 3; seen++)
        {
            await CoverTestHarness.WaitUntilAsync(() => harness.Requests.Count >= seen);
            await CoverTestHarness.SettleAsync();
            harness.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var error = await Assert.ThrowsAsync<CoverDecisionTimeoutException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(70001235, error.CoverId);
        Assert.Contains("70001235", error.Message);
        Assert.IsAssignableFrom<TimeoutException>(error);
    }

    [Fact]
    public async Task Wait_stops_when_cancelled()
    {
        using var harness = new CoverTestHarness();
        using var cancellation = new CancellationTokenSource();
        Serve(harness, (false, "60"));

        var wait = harness.Client.Applications.WaitForDecisionAsync(70001235, cancellation.Token);
        await CoverTestHarness.WaitUntilAsync(() => harness.Requests.Count == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Wait_returns_at_once_for_a_decided_cover()
    {
        using var harness = new CoverTestHarness();
        Serve(harness, (true, null));

        var decision = await harness.Client.Applications.WaitForDecisionAsync(70001235, TestContext.Current.CancellationToken);

        Assert.True(decision.IsDecided);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Wait_refuses_a_non_positive_interval_before_any_request()
    {
        using var harness = new CoverTestHarness();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.Applications.WaitForDecisionAsync(70001235, new CoverWaitOptions { PollInterval = TimeSpan.Zero }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.Applications.WaitForDecisionAsync(0, TestContext.Current.CancellationToken));
        Assert.Empty(harness.Requests);
    }
}
