using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Decisions;

public sealed class ReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_cover_is_found_in_the_buyer_lists_since_there_is_no_cover_by_id()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1), CoverJson(2))));

        var cover = await api.Client.Decisions.GetAsync(77, 2, cancellationToken: Ct);

        Assert.Equal(2, cover.Value.CoverId);
        Assert.Contains("buyerId=77", api.Requests.Single().Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cover_absent_from_every_list_is_not_found()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl + "*").Respond(_ => Answer(200, DataJson()));

        await Assert.ThrowsAsync<CoverNotFoundException>(() => api.Client.Decisions.GetAsync(77, 5, cancellationToken: Ct));
    }

    [Fact]
    public async Task History_is_the_historic_versions_then_the_current_one_oldest_first()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson(
            CoverJson(12, historicCode: "SCLD", decisionDate: "2026-10-01T00:00:00Z"),
            CoverJson(11, historicCode: "SCLD", decisionDate: "2026-09-01T00:00:00Z"),
            CoverJson(50, coverType: "credit-check", historicCode: "CCLD"))));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(13), CoverJson(60, coverType: "credit-check"))));
        // An increase waiting for an underwriter, listed only among the applications, and cover 13 listed there too.
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(14, status: "REFERRED", applicationDate: "2026-12-02T08:00:00Z"), CoverJson(13))));

        var history = await api.Client.Decisions.GetHistoryAsync(77, 13, cancellationToken: Ct);
        var ofTheWaitingIncrease = await api.Client.Decisions.GetHistoryAsync(77, 14, cancellationToken: Ct);

        Assert.Equal([11L, 12L, 13L, 14L], history.Value.Select(c => c.CoverId));
        Assert.Equal([11L, 12L, 13L, 14L], ofTheWaitingIncrease.Value.Select(c => c.CoverId));
    }

    [Fact]
    public void A_list_filtered_by_a_cover_type_that_names_none_is_refused_before_sending()
    {
        using var api = new CoverApi();

        var refusal = Assert.Throws<ArgumentException>(() => api.Client.Decisions.ListDecidedAsync(new CoverQuery { CoverType = default(CoverType) }, cancellationToken: Ct));

        Assert.Equal("query.CoverType", refusal.ParamName);
        Assert.Contains("default(CoverType)", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task ChangedSince_on_a_list_that_has_no_fromDate_is_refused_naming_it_before_any_request()
    {
        using var api = new CoverApi();
        var query = new CoverQuery { ChangedSince = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) };

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await api.Client.Decisions.ListDecidedAsync(query, cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal("query.ChangedSince", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Lists_send_the_customer_and_filters_and_stream_every_cover()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1), CoverJson(2), CoverJson(3))));

        var list = api.Client.Decisions.ListAsync(new CoverQuery { CoverType = CoverType.CreditLimit, ChangedSince = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.FromHours(1)) }, cancellationToken: Ct);
        var covers = await list.ToListAsync(Ct);

        Assert.Equal(3, covers.Count);
        Assert.Equal(200, list.Response!.Status);
        var query = api.Requests.Single().Uri.Query;
        Assert.Contains("customerId=1001", query, StringComparison.Ordinal);
        Assert.Contains("policyId=5012345", query, StringComparison.Ordinal);
        Assert.Contains("coverType=credit-limit", query, StringComparison.Ordinal);
        Assert.Contains("fromDate=2026-11-01T00%3A00%3A00", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_is_read_with_the_options_it_was_asked_for_with_not_as_they_were_changed_since()
    {
        // Options are checked when the list is asked for and were read only when it was enumerated: a correlation id
        // set meanwhile went out unchecked.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        var options = new CoverRequestOptions { CorrelationId = "order-run-7" };
        options.Headers["X-Tenant"] = "north";

        var list = api.Client.Decisions.ListAsync(null, options, Ct);
        options.CorrelationId = new string('x', 500);
        options.Headers["X-Tenant"] = "south";
        await list.ToListAsync(Ct);

        var sent = api.Requests.Single().Headers;
        Assert.Equal("order-run-7", sent["Atradius-Correlation-Id"]);
        Assert.Equal("north", sent["X-Tenant"]);
    }

    [Fact]
    public void A_list_asked_for_with_a_header_name_that_is_no_http_token_is_refused_when_it_is_asked_for()
    {
        // Before, the name went through, and reading the list failed with a FormatException that named no argument.
        using var api = new CoverApi();
        var options = new CoverRequestOptions();
        options.Headers["X-Trace(1)"] = "value-1";

        var error = Assert.Throws<ArgumentException>(() => api.Client.Decisions.ListAsync(null, options, Ct));

        Assert.Equal("options.Headers", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_list_for_another_customer_asks_for_that_customer()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Decisions.ListAsync(new CoverQuery { CustomerId = 2002, BuyerId = 77 }, cancellationToken: Ct).ToListAsync(Ct);

        var query = api.Requests.Single().Uri.Query;
        Assert.Contains("customerId=2002", query, StringComparison.Ordinal);
        Assert.DoesNotContain("customerId=1001", query, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_for_a_customer_id_that_is_not_positive_is_refused_by_name()
    {
        using var api = new CoverApi();

        var error = Assert.ThrowsAny<ArgumentException>(() => api.Client.Decisions.ListAsync(new CoverQuery { CustomerId = 0 }, cancellationToken: Ct));

        Assert.Equal("query.CustomerId", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_list_body_cut_after_some_covers_is_read_again_without_handing_a_cover_twice()
    {
        using var api = new CoverApi();
        var first = "{\"data\":[" + CoverJson(1) + "," + CoverJson(2) + ",{\"cov";
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(Sequence(
            () => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new CutContent(first) },
            () => Answer(200, DataJson(CoverJson(1), CoverJson(2), CoverJson(3)))));

        var covers = await api.Client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal([1L, 2L, 3L], covers.Select(c => c.CoverId));
        Assert.Equal(2, api.Count(HttpMethod.Get, CoversUrl));
    }

    [Theory]
    [InlineData("gone")]
    [InlineData("added")]
    [InlineData("shorter")]
    public async Task A_list_that_changed_before_it_was_read_again_after_a_cut_fails_rather_than_dropping_a_cover(string change)
    {
        // Before, the second read skipped as many covers as the first had handed over: with cover 1 gone, cover 3 was
        // skipped, and a sync took it for a cover that had ended.
        using var api = new CoverApi();
        var first = "{\"data\":[" + CoverJson(1) + "," + CoverJson(2) + ",{\"cov";
        var again = change switch
        {
            "gone" => DataJson(CoverJson(2), CoverJson(3), CoverJson(4)),
            "added" => DataJson(CoverJson(1), CoverJson(5), CoverJson(2), CoverJson(3)),
            _ => DataJson(CoverJson(2)),
        };
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(Sequence(
            () => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new CutContent(first) },
            () => Answer(200, again)));
        var handed = new List<long>();

        var error = await Assert.ThrowsAsync<CoverTransportException>(async () =>
        {
            await foreach (var cover in api.Client.Decisions.ListAsync(cancellationToken: Ct))
            {
                handed.Add(cover.CoverId);
            }
        });

        Assert.Contains("changed before it was read again", error.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 2L], handed);
    }

    [Fact]
    public async Task A_list_whose_body_stalls_is_read_again_without_handing_a_cover_twice()
    {
        using var api = new CoverApi();
        // Real time: it also bounds the token request, which a machine busy with the other test classes can delay.
        api.Options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
        api.Options.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        api.Options.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(2);
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(Sequence(
            () => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new StallingStream("{\"data\":[" + CoverJson(1) + ",")) },
            () => Answer(200, DataJson(CoverJson(1), CoverJson(2)))));

        var covers = await api.Client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal([1L, 2L], covers.Select(c => c.CoverId));
        Assert.Equal(2, api.Count(HttpMethod.Get, CoversUrl));
    }

    /// <summary>Sends its text, then never sends another byte (until cancelled).</summary>
    private sealed class StallingStream(string text) : AsyncReadStream
    {
        private readonly byte[] _bytes = System.Text.Encoding.UTF8.GetBytes(text);
        private bool _sent;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                _bytes.CopyTo(buffer);
                return _bytes.Length;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    [Fact]
    public async Task Converting_an_indication_patches_its_cover_type_and_reads_the_cover_object()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Answer(200, "{\"data\":" + CoverJson(9300) + "}"));

        var cover = await api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct);

        Assert.Equal(CoverType.CreditLimit, cover.Value.CoverType);
        Assert.Equal("{\"coverType\":\"credit-limit\"}", api.Requests.Single().Body);
    }
}
