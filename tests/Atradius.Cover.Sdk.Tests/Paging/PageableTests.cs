using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Paging;

public class PageableTests
{
    private static void ServeTwoPages(CoverTestHarness harness)
    {
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers).WithQueryString("cursor", "page-2")
            .Respond("application/json", CoverJson.Page(null, CoverJson.Decided(3), CoverJson.Decided(4)));
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers)
            .Respond("application/json", CoverJson.Page("page-2", CoverJson.Decided(1), CoverJson.Decided(2)));
    }

    [Fact]
    public async Task Listing_fetches_pages_only_as_items_are_read()
    {
        using var harness = new CoverTestHarness();
        ServeTwoPages(harness);
        var list = harness.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(harness.Requests);

        await using var items = list.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(1, items.Current.CoverId);
        Assert.True(await items.MoveNextAsync());
        Assert.Single(harness.Requests);

        Assert.True(await items.MoveNextAsync());
        Assert.Equal(3, items.Current.CoverId);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal("?cursor=page-2", harness.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task Listing_page_by_page_resumes_from_a_continuation_token()
    {
        using var harness = new CoverTestHarness();
        ServeTwoPages(harness);
        var list = harness.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        string? token = null;
        await foreach (var page in list.AsPages())
        {
            token = page.ContinuationToken;
            break;
        }

        Assert.Equal("page-2", token);
        var resumed = new List<long>();
        await foreach (var page in list.AsPages(token, pageSize: 50))
        {
            resumed.AddRange(page.Items.Select(c => c.CoverId));
            Assert.Null(page.ContinuationToken);
        }

        Assert.Equal([3L, 4L], resumed);
        Assert.Equal("?pageSize=50&cursor=page-2", harness.Requests[^1].Uri.Query);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Page_size_outside_1_to_1000_is_refused_before_any_request(int pageSize)
    {
        using var harness = new CoverTestHarness();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.Decisions.ListAsync(new DecisionQuery { PageSize = pageSize }, TestContext.Current.CancellationToken));
        Assert.Equal("query.PageSize", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken).AsPages(pageSize: pageSize));
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task A_cursor_that_does_not_move_stops_the_walk_with_an_api_exception()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers).Respond("application/json", CoverJson.Page("same", CoverJson.Decided(1)));

        await Assert.ThrowsAsync<CoverApiException>(async () =>
        {
            await foreach (var _ in harness.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task Model_factory_pageable_resumes_after_the_given_page()
    {
        var pageable = CoverModelFactory.Pageable(
            CoverModelFactory.Page(new[] { 1, 2 }, "a"),
            CoverModelFactory.Page(new[] { 3 }, null));

        var all = new List<int>();
        await foreach (var item in pageable)
        {
            all.Add(item);
        }

        var rest = new List<int>();
        await foreach (var page in pageable.AsPages("a"))
        {
            rest.AddRange(page.Items);
        }

        Assert.Equal([1, 2, 3], all);
        Assert.Equal([3], rest);
    }
}
