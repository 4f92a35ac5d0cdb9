using System.Net;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Decisions;

public class DecisionsClientTests
{
    private const string Cover = CoverTestHarness.Covers + "/70001234";

    [Fact]
    public async Task Increase_sends_supersede_with_if_match_and_idempotency_key_and_may_be_referred()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Put, Cover).Respond(HttpStatusCode.Accepted, [new("Retry-After", "60")], "application/json", CoverJson.Referred(70001234).ToJsonString());

        var result = await harness.Client.Decisions.IncreaseAsync(70001234, 100000, new CoverRequestOptions { IfMatch = "\"70001234-3\"", IdempotencyKey = "inc-1", CorrelationId = "corr-9" }, TestContext.Current.CancellationToken);

        Assert.True(result.IsReferred);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("\"70001234-3\"", request.Headers["If-Match"]);
        Assert.Equal("inc-1", request.Headers["Idempotency-Key"]);
        Assert.Equal("corr-9", request.Headers["Atradius-Correlation-Id"]);
        Assert.True(CoverJson.SameJson(request.Body, """{"action":"supersede","creditLimitAmount":100000}"""), request.Body);
    }

    [Fact]
    public async Task Reduce_cancel_and_update_reference_send_their_action()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Put, Cover).Respond(HttpStatusCode.OK, [new("ETag", "\"70001234-4\"")], "application/json", CoverJson.Decided().ToJsonString());

        var reduced = await harness.Client.Decisions.ReduceAsync(70001234, 25000, TestContext.Current.CancellationToken);
        await harness.Client.Decisions.CancelAsync(70001234, TestContext.Current.CancellationToken);
        await harness.Client.Decisions.UpdateCustomerReferenceAsync(70001234, "ERP-000185", TestContext.Current.CancellationToken);

        Assert.Equal("\"70001234-4\"", reduced.ETag);
        Assert.True(CoverJson.SameJson(harness.Requests[0].Body, """{"action":"reduce","creditLimitAmount":25000}"""), harness.Requests[0].Body);
        Assert.True(CoverJson.SameJson(harness.Requests[1].Body, """{"action":"cancel"}"""), harness.Requests[1].Body);
        Assert.True(CoverJson.SameJson(harness.Requests[2].Body, """{"action":"update-reference","customerRefNumber":"ERP-000185"}"""), harness.Requests[2].Body);
        Assert.All(harness.Requests, r => Assert.True(Guid.TryParse(r.Headers["Idempotency-Key"], out _)));
        Assert.All(harness.Requests, r => Assert.False(r.Headers.ContainsKey("If-Match")));
    }

    [Fact]
    public async Task A_stale_if_match_surfaces_as_a_conflict()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Put, Cover).Respond(HttpStatusCode.PreconditionFailed, "application/json", CoverJson.Error(412, "PRECONDITION_FAILED"));

        var error = await Assert.ThrowsAsync<CoverConflictException>(() => harness.Client.Decisions.ReduceAsync(70001234, 25000, new CoverRequestOptions { IfMatch = "\"70001234-3\"" }, TestContext.Current.CancellationToken));

        Assert.Equal(412, error.Status);
    }

    [Theory]
    [InlineData(0, 1000, "coverId")]
    [InlineData(1, 999, "newAmount")]
    [InlineData(1, 2500, "newAmount")]
    public async Task Changes_refuse_bad_ids_and_amounts_before_any_request(long coverId, decimal amount, string parameter)
    {
        using var harness = new CoverTestHarness();
        var increase = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.Decisions.IncreaseAsync(coverId, amount, TestContext.Current.CancellationToken));
        var reduce = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.Decisions.ReduceAsync(coverId, amount, TestContext.Current.CancellationToken));
        Assert.Equal(parameter, increase.ParamName);
        Assert.Equal(parameter, reduce.ParamName);
        Assert.Empty(harness.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123456789012345678901234567890123456")]
    public async Task Update_reference_refuses_empty_or_long_references(string reference)
    {
        using var harness = new CoverTestHarness();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.Decisions.UpdateCustomerReferenceAsync(1, reference, TestContext.Current.CancellationToken));
        Assert.Equal("customerReference", error.ParamName);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task List_new_sends_every_filter_in_the_query()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/decisions").Respond("application/json", CoverJson.Page(null, CoverJson.Decided()));
        var query = new DecisionQuery { PolicyId = "5012345", CustomerId = 200417, BuyerId = 10042317, CoverType = CoverType.CreditLimit, PageSize = 500 };

        var items = new List<CoverDecision>();
        await foreach (var item in harness.Client.Decisions.ListNewAsync(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query, TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        Assert.Single(items);
        Assert.Equal(
            "?policyId=5012345&customerId=200417&buyerId=10042317&coverType=credit-limit&updatedSince=2026-11-01T00%3A00%3A00.0000000%2B00%3A00&pageSize=500",
            harness.Requests[0].Uri.Query);
    }

    [Fact]
    public async Task Historic_and_pending_lists_use_their_paths_and_refuse_unsupported_filters()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/historic").Respond("application/json", CoverJson.Page(null));
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/applications").Respond("application/json", CoverJson.Page(null, CoverJson.Referred()));

        await foreach (var _ in harness.Client.Decisions.ListHistoricAsync(new DecisionQuery { BuyerId = 1 }, TestContext.Current.CancellationToken))
        {
        }

        var pending = new List<CoverDecision>();
        await foreach (var item in harness.Client.Applications.ListPendingAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            pending.Add(item);
        }

        Assert.True(Assert.Single(pending).IsReferred);
        Assert.Equal("/credit-insurance/cover-management/v1/covers/historic", harness.Requests[0].Uri.AbsolutePath);
        Assert.Equal("?buyerId=1", harness.Requests[0].Uri.Query);
        Assert.Throws<ArgumentException>(() => harness.Client.Decisions.ListHistoricAsync(new DecisionQuery { CoverType = CoverType.Indication }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => harness.Client.Applications.ListPendingAsync(new DecisionQuery { UpdatedSince = DateTimeOffset.UnixEpoch }, TestContext.Current.CancellationToken));
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task History_lists_versions_oldest_first_with_what_changed()
    {
        using var harness = new CoverTestHarness();
        var referred = CoverJson.Referred(70001234);
        var decided = CoverJson.Decided(70001234, code: "DC04", amount: 30000, version: 2);
        var reduced = CoverJson.Decided(70001234, code: "DC09", amount: 20000, version: 3);
        reduced["customerRefNumber"] = "ERP-NEW";
        static JsonObject Entry(int version, string @event, JsonObject cover) =>
            new() { ["version"] = version, ["recordedAt"] = "2026-11-02T09:15:00Z", ["event"] = @event, ["cover"] = cover };
        harness.Mock.When(HttpMethod.Get, Cover + "/history").WithQueryString("cursor", "p2")
            .Respond("application/json", CoverJson.Page(null, Entry(3, "reduced", reduced)));
        harness.Mock.When(HttpMethod.Get, Cover + "/history")
            .Respond("application/json", CoverJson.Page("p2", Entry(1, "application-submitted", referred), Entry(2, "decided", decided)));

        var entries = new List<CoverHistoryEntry>();
        await foreach (var entry in harness.Client.Decisions.GetHistoryAsync(70001234, TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }

        Assert.Equal([1, 2, 3], entries.Select(e => e.Version));
        Assert.Empty(entries[0].Changes);
        Assert.Equal(CoverHistoryEvent.Decided, entries[1].Event);
        var changes = entries[1].Changes.ToDictionary(c => c.Field);
        Assert.Equal(("REFERRED", "DECISION"), (changes["Status"].OldValue, changes["Status"].NewValue));
        Assert.Equal((null, "DC04"), (changes["Code"].OldValue, changes["Code"].NewValue));
        Assert.Equal((null, "30000 EUR"), (changes["TotalDecision.Amount"].OldValue, changes["TotalDecision.Amount"].NewValue));

        // Compared across the page boundary too.
        var third = entries[2].Changes.ToDictionary(c => c.Field);
        Assert.Equal(("30000 EUR", "20000 EUR"), (third["TotalDecision.Amount"].OldValue, third["TotalDecision.Amount"].NewValue));
        Assert.Equal(("ERP-000184", "ERP-NEW"), (third["CustomerReference"].OldValue, third["CustomerReference"].NewValue));
        Assert.Equal(("DC04", "DC09"), (third["Code"].OldValue, third["Code"].NewValue));
        Assert.Equal(3, third.Count);
    }
}
