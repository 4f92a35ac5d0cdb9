using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Json;

/// <summary>
/// The real service has answered refusals with a success status. A read whose answer carries errors or a gateway
/// fault is refused with a CoverApiException, never handed over as the whole list: a portfolio read as empty or
/// short would report covers ended that were not.
/// </summary>
public sealed class ErrorsInSuccessAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_list_answered_with_business_errors_is_a_CoverApiException_naming_them()
    {
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReadCoversAnsweredWith(ErrorJson("Unknown query parameter", "fromDate")));

        Assert.Equal(200, ex.Status);
        var error = Assert.Single(ex.Errors);
        Assert.Equal("Unknown query parameter", error.Detail);
        Assert.Equal("fromDate", error.Parameter);
        Assert.Contains("Unknown query parameter", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fromDate", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[],"errors":[{"detail":"Backend not available"}]}""")]
    [InlineData("""{"errors":[{"detail":"Backend not available"}],"data":[{"coverId":1,"buyerId":77}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77},{"coverId":2,"buyerId":77}],"errors":[{"detail":"Backend not available"}]}""")]
    [InlineData("""{"data":{"coverId":1,"buyerId":77},"\u0065rrors":[{"detail":"Backend not available"}]}""")]
    public async Task Errors_before_after_or_beside_the_data_refuse_the_list(string body)
    {
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReadCoversAnsweredWith(body));

        Assert.Equal(200, ex.Status);
        Assert.Equal("Backend not available", Assert.Single(ex.Errors).Detail);
    }

    [Theory]
    [InlineData("""{"fault":{"faultstring":"Rate limit quota violation","detail":{"errorcode":"policies.ratelimit.QuotaViolation"}}}""", "Rate limit quota violation", "policies.ratelimit.QuotaViolation")]
    [InlineData("""{"faultstring":"Body buffer overflow","data":[]}""", "Body buffer overflow", null)]
    [InlineData("""{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}""", "Invalid ApiKey", "oauth.v2.InvalidApiKey")]
    [InlineData("""{"data":[],"detail":{"errorcode":"oauth.v2.InvalidApiKey"},"faultstring":"Invalid ApiKey"}""", "Invalid ApiKey", "oauth.v2.InvalidApiKey")]
    [InlineData("""{"faultstring":"Invalid ApiKey","data":[{"coverId":1,"buyerId":77}],"detail":{"errorcode":"oauth.v2.InvalidApiKey"}}""", "Invalid ApiKey", "oauth.v2.InvalidApiKey")]
    public async Task A_list_answered_with_a_gateway_fault_is_a_CoverApiException_with_the_fault(string body, string fault, string? errorCode)
    {
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReadCoversAnsweredWith(body));

        Assert.Equal(200, ex.Status);
        Assert.Equal(errorCode, ex.ErrorCode);
        Assert.Contains(fault, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_level_fault_in_a_success_keeps_the_code_beside_it_when_the_code_arrives_in_a_later_read()
    {
        // Before, only the faultstring was kept: the code beside it was lost, as it is no longer for an error status.
        const string Body = """{"faultstring":"Invalid ApiKey","data":[{"coverId":1,"buyerId":77},{"coverId":2,"buyerId":77}],"detail":{"errorcode":"oauth.v2.InvalidApiKey"}}""";
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new PieceByPieceStream(Body, 8)) });
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/77").Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new PieceByPieceStream(Body, 8)) });
        var read = new List<long>();

        var list = await Assert.ThrowsAsync<CoverApiException>(async () =>
        {
            await foreach (var cover in api.Client.Decisions.ListAsync(cancellationToken: Ct))
            {
                read.Add(cover.CoverId);
            }
        });
        var buyer = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Buyers.GetAsync(77, cancellationToken: Ct));

        Assert.Empty(read);
        Assert.Equal("oauth.v2.InvalidApiKey", list.ErrorCode);
        Assert.Contains("Invalid ApiKey", list.Message, StringComparison.Ordinal);
        Assert.Equal("oauth.v2.InvalidApiKey", buyer.ErrorCode);
        Assert.Equal(200, buyer.Status);
    }

    [Fact]
    public async Task Errors_after_a_long_list_stop_it_where_they_are_read()
    {
        // Items in the buffers before the errors are handed over as they arrive; the read then fails instead of ending.
        var items = Enumerable.Range(1, 2_000).Select(id => CoverJson(id)).ToArray();
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, "{\"data\":[" + string.Join(",", items) + "],\"errors\":[{\"detail\":\"Timed out\"}]}"));
        var read = new List<long>();

        var ex = await Assert.ThrowsAsync<CoverApiException>(async () =>
        {
            await foreach (var cover in api.Client.Decisions.ListAsync(cancellationToken: Ct))
            {
                read.Add(cover.CoverId);
            }
        });

        Assert.Equal("Timed out", Assert.Single(ex.Errors).Detail);
        Assert.InRange(read.Count, 1, 1_999);
        Assert.Equal(Enumerable.Range(1, read.Count).Select(id => (long)id), read);
    }

    [Theory]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77}],"errors":[]}""")]
    [InlineData("""{"errors":null,"data":[{"coverId":1,"buyerId":77}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77}],"meta":{"errors":[{"detail":"not at the top"}]}}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77}],"errors":[null]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77}],"detail":{"errorcode":"not.a.fault"}}""")]
    public async Task Empty_or_nested_error_members_leave_the_list_as_it_is(string body)
    {
        var cover = Assert.Single(await ReadCoversAnsweredWith(body));

        Assert.Equal(1, cover.CoverId);
    }

    [Fact]
    public async Task A_buyer_answered_with_no_match_in_a_success_is_a_CoverNotFoundException_with_the_detail()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/77").Respond(_ => Answer(200, ErrorJson("No buyer match found")));

        var ex = await Assert.ThrowsAsync<CoverNotFoundException>(() => api.Client.Buyers.GetAsync(77, cancellationToken: Ct));

        Assert.Equal(200, ex.Status);
        Assert.Contains("No buyer match found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_answered_with_errors_after_its_data_is_refused()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/77").Respond(_ => Answer(200, "{\"data\":{\"buyerId\":77},\"errors\":[{\"detail\":\"Backend not available\"}]}"));

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Buyers.GetAsync(77, cancellationToken: Ct));

        Assert.Equal(200, ex.Status);
        Assert.Equal("Backend not available", Assert.Single(ex.Errors).Detail);
    }

    [Fact]
    public async Task A_write_answered_with_its_cover_and_errors_still_reports_the_cover_created()
    {
        // Whether the application was accepted is read from the answer's items: other members never turn an
        // application the service took into one reported refused.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, "{\"data\":[{\"coverId\":9100,\"response\":\"Action successful\"}],\"errors\":[{\"detail\":\"Notification not sent\"}]}"));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9100))));

        var result = await api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CurrencyCode = "EUR" }, cancellationToken: Ct);

        Assert.Equal(ApplicationOutcome.Decided, result.Outcome);
        Assert.Equal(9100, result.Cover!.CoverId);
    }

    [Fact]
    public async Task An_application_answered_success_with_only_already_exists_is_the_conflict_not_a_decision()
    {
        // Before, the answer read as an accepted application with its details unavailable.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(200, ErrorJson("Credit limit/credit check already exists for this buyer.")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9110, amount: 90000, decided: 90000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var conflict = await Assert.ThrowsAsync<CoverConflictException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CurrencyCode = "EUR" }, cancellationToken: Ct));

        Assert.Equal(200, conflict.Status);
        Assert.Contains("already exists", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_answered_success_with_only_a_field_error_is_refused_and_not_read_back()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(200, ErrorJson("Must be positive number greater than zero and a multiple of 1000.", "creditLimitAmount")));

        var refusal = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, CurrencyCode = "EUR" }, cancellationToken: Ct));

        Assert.Equal("creditLimitAmount", Assert.Single(refusal.Errors).Parameter);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_change_answered_success_with_only_cannot_supersede_is_the_conflict()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(200, ErrorJson("New Application cannot supersede existing cover")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9120))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var conflict = await Assert.ThrowsAsync<CoverConflictException>(() => api.Client.Decisions.IncreaseAsync(new CoverKey(77, CoverType.CreditLimit), 90000, cancellationToken: Ct));

        Assert.Contains("cannot supersede", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversion_answered_success_with_only_errors_is_refused_not_said_to_be_converted()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9130/cover-type").Respond(_ => Answer(200, ErrorJson("Cover is not an indication")));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var refusal = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9130, cancellationToken: Ct));

        Assert.Equal("Cover is not an indication", Assert.Single(refusal.Errors).Detail);
        Assert.DoesNotContain("was converted", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>A body handed out a few bytes at a time, as a slow network delivers it.</summary>
    private sealed class PieceByPieceStream(string text, int piece) : AsyncReadStream
    {
        private readonly byte[] _bytes = System.Text.Encoding.UTF8.GetBytes(text);
        private int _position;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(Math.Min(piece, buffer.Length), _bytes.Length - _position);
            _bytes.AsSpan(_position, count).CopyTo(buffer.Span);
            _position += count;
            return new ValueTask<int>(count);
        }
    }
}
