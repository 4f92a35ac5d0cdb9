using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Batches;

public sealed class CoverBatchRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static CoverApplication Application(long buyerId, decimal? amount = 50_000m, string? reference = null) => new()
    {
        CustomerId = 200417,
        PolicyId = "5012345",
        BuyerId = buyerId,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = amount,
        CurrencyCode = "EUR",
        CustomerReference = reference,
    };

    private static HttpResponseMessage Answer(long buyerId, ConcurrentDictionary<long, string> keys, HttpRequestMessage request)
    {
        keys[buyerId] = request.Headers.GetValues("Idempotency-Key").Single();
        return buyerId switch
        {
            2 => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = Json(PortfolioJson.Cover(2, 1, T0, amount: null, status: "REFERRED", decisionCode: null, buyerId: 2)) },
            3 => new HttpResponseMessage(HttpStatusCode.UnprocessableEntity)
            {
                Content = new StringContent("""{"errors":[{"status":422,"code":"INVALID_CURRENCY","detail":"EUR is not the policy currency","source":{"pointer":"/currencyCode"}}]}""", Encoding.UTF8, "application/json"),
            },
            5 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("""{"errors":[{"status":503,"code":"UNAVAILABLE","detail":"try later"}]}""", Encoding.UTF8, "application/json") },
            _ => new HttpResponseMessage(HttpStatusCode.Created) { Content = Json(PortfolioJson.Cover(buyerId, 1, T0, buyerId: buyerId)) },
        };
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static long BuyerOf(HttpRequestMessage request) =>
        JsonNode.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult())!["buyerId"]!.GetValue<long>();

    [Fact]
    public async Task Records_decided_referred_rejected_invalid_and_failed_items_and_never_sends_invalid_ones()
    {
        var keys = new ConcurrentDictionary<long, string>();
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PortfolioJson.Covers).Respond(request => Answer(BuyerOf(request), keys, request));
        using var cover = PortfolioJson.Client(http);

        var result = await cover.Applications.SubmitBatchAsync(
            new[] { Application(1), Application(2), Application(3), Application(4, amount: 1_500m), Application(5) },
            new CoverBatchOptions { BatchId = "erp-2026-11-02" },
            TestContext.Current.CancellationToken);

        Assert.Equal(
            new[] { CoverBatchOutcome.Decided, CoverBatchOutcome.Referred, CoverBatchOutcome.Rejected, CoverBatchOutcome.Invalid, CoverBatchOutcome.Failed },
            result.Items.Select(i => i.Outcome).ToArray());
        Assert.Equal(new long[] { 1, 2, 3, 5 }, keys.Keys.OrderBy(k => k).ToArray());

        var rejected = result.Items[2];
        Assert.Equal(422, rejected.Status);
        Assert.Equal("INVALID_CURRENCY", rejected.ErrorCode);
        Assert.Equal("EUR is not the policy currency", rejected.ErrorDetail);
        Assert.Equal("/currencyCode", rejected.ErrorParameter);
        Assert.False(rejected.MayHaveBeenCreated);

        Assert.Contains("CreditLimitAmount", Assert.Single(result.Items[3].ValidationErrors), StringComparison.Ordinal);
        Assert.True(result.Items[4].MayHaveBeenCreated);
        Assert.All(result.Items, i => Assert.StartsWith("erp-2026-11-02-", i.IdempotencyKey, StringComparison.Ordinal));
        Assert.Equal(keys[1], result.Items[0].IdempotencyKey);
        Assert.Equal((1, 1, 1, 1, 1, 0), (result.Decided, result.Referred, result.Rejected, result.Invalid, result.Failed, result.NotSubmitted));
    }

    [Fact]
    public async Task Running_the_same_batch_again_sends_the_same_keys_whatever_the_culture_or_amount_formatting()
    {
        var first = new ConcurrentDictionary<long, string>();
        var second = new ConcurrentDictionary<long, string>();
        var target = first;
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PortfolioJson.Covers).Respond(request => Answer(BuyerOf(request), target, request));
        using var cover = PortfolioJson.Client(http);
        var options = new CoverBatchOptions { BatchId = "run-1" };

        await cover.Applications.SubmitBatchAsync(new[] { Application(1, 50_000m), Application(4, 70_000m, "ERP-4") }, options, TestContext.Current.CancellationToken);

        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            target = second;
            await cover.Applications.SubmitBatchAsync(new[] { Application(1, 50_000.00m), Application(4, 70_000.0m, "ERP-4") }, options, TestContext.Current.CancellationToken);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(first[1], second[1]);
        Assert.Equal(first[4], second[4]);
        Assert.NotEqual(first[1], first[4]);
        Assert.NotEqual(CoverBatchKeys.Derive(Application(1), "run-1"), CoverBatchKeys.Derive(Application(1), "run-2"));
        Assert.Equal("given", CoverBatchKeys.Derive(new CoverApplication { IdempotencyKey = "given" }, "run-1"));
    }

    [Fact]
    public async Task Never_exceeds_the_concurrency_and_reports_progress_for_every_item()
    {
        var inFlight = 0;
        var peak = 0;
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PortfolioJson.Covers).Respond(async request =>
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }

            await Task.Delay(10);
            Interlocked.Decrement(ref inFlight);
            var buyer = BuyerOf(request);
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = Json(PortfolioJson.Cover(buyer, 1, T0, buyerId: buyer)) };
        });
        using var cover = PortfolioJson.Client(http);
        var reports = new ConcurrentBag<CoverBatchProgress>();

        var result = await cover.Applications.SubmitBatchAsync(
            Enumerable.Range(1, 40).Select(i => Application(i)).ToList(),
            new CoverBatchOptions { MaxConcurrency = 5, Progress = new Reporter(reports.Add) },
            TestContext.Current.CancellationToken);

        Assert.Equal(40, result.Decided);
        Assert.InRange(peak, 1, 5);
        Assert.Equal(40, reports.Count);
        Assert.All(reports, r => Assert.Equal(40, r.Total));
        Assert.Contains(reports, r => r.Completed == 40);
    }

    [Fact]
    public async Task Cancelling_a_batch_lists_what_was_submitted_and_what_was_not()
    {
        using var cts = new CancellationTokenSource();
        var sent = 0;
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PortfolioJson.Covers).Respond(request =>
        {
            if (Interlocked.Increment(ref sent) == 3)
            {
                cts.Cancel();
            }

            var buyer = BuyerOf(request);
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = Json(PortfolioJson.Cover(buyer, 1, T0, buyerId: buyer)) };
        });
        using var cover = PortfolioJson.Client(http);

        var result = await cover.Applications.SubmitBatchAsync(Enumerable.Range(1, 30).Select(i => Application(i)), new CoverBatchOptions { MaxConcurrency = 1 }, cts.Token);

        Assert.True(result.WasCancelled);
        Assert.Equal(30, result.Items.Count);
        Assert.Equal(Enumerable.Range(0, 30).ToArray(), result.Items.Select(i => i.Index).ToArray());
        Assert.Equal(27, result.NotSubmitted);
        Assert.All(result.Items, i => Assert.False(string.IsNullOrEmpty(i.IdempotencyKey)));
        Assert.Equal(3, result.Items.Count(i => i.Outcome is CoverBatchOutcome.Decided or CoverBatchOutcome.Failed));
    }

    [Fact]
    public async Task Waits_for_referred_decisions_when_asked()
    {
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PortfolioJson.Covers).Respond(_ => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = Json(PortfolioJson.Cover(9, 1, T0, amount: null, status: "REFERRED", decisionCode: null)) });
        http.When(HttpMethod.Get, PortfolioJson.Covers + "/9").Respond("application/json", PortfolioJson.Cover(9, 2, T0, amount: 40_000m, decisionCode: "DC04"));
        using var cover = PortfolioJson.Client(http);

        var result = await cover.Applications.SubmitBatchAsync(
            new[] { Application(9) },
            new CoverBatchOptions { WaitForReferredDecisions = true, WaitOptions = new CoverWaitOptions { PollInterval = TimeSpan.FromMilliseconds(1) } },
            TestContext.Current.CancellationToken);

        var item = Assert.Single(result.Items);
        Assert.Equal(CoverBatchOutcome.Decided, item.Outcome);
        Assert.Equal(40_000m, item.Cover!.DecidedAmount!.Value.Amount);
        Assert.True(item.Result!.IsReferred);
    }

    private sealed class Reporter(Action<CoverBatchProgress> report) : IProgress<CoverBatchProgress>
    {
        public void Report(CoverBatchProgress value) => report(value);
    }
}
