using System.Net;
using System.Text.Json;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.IntegrationTests.BadInput;

/// <summary>
/// What the real service is known (or feared) to send: amounts as strings or "", timestamps with offsets, data as an
/// object or an array, unknown codes and fields; and what no service should send. All of it is read, or becomes a
/// typed <see cref="CoverApiException"/>: never a raw JsonException or FormatException.
/// </summary>
public sealed class HostileAnswerTests
{
    private const string Cover = """
        {
          "coverId": 70001234, "customerId": 200417, "policyId": "5012345", "buyerId": 10042340, "buyerName": "Danube Foods GmbH",
          "uniqueIdentifiers": [ { "uid": "ATU12345678", "uidType": "VAT", "uidTypeDescription": "VAT number" } ],
          "coverType": "credit-limit", "coverStatus": "DECISION", "decisionCode": "DC01", "policyCurrencyCode": "EUR",
          "creditLimitApplicationAmountInPolicyCurrency": AMOUNT, "creditLimitApplicationAmountInUserCurrency": "",
          "totalDecision": { "decisionAmtInPolicyCurrency": DECIDED, "decisionAmtInUserCurrency": "", "decisionConditions": [] },
          "applicationDate": "2026-03-01T10:00:00+01:00", "decisionDate": "2026-03-01T09:00:00Z", "effectFromDate": "2026-03-01",
          "customerRefNumber": "REF-1", "currentBuyerRating": "45"
        }
        """;

    [Theory]
    [InlineData("75000", "\"75000\"", 75_000)]
    [InlineData("\"75000\"", "75000", 75_000)]
    [InlineData("\"75000.00\"", "\"\"", null)]
    [InlineData("\"\"", "null", null)]
    public async Task Amounts_as_numbers_strings_or_empty_strings_are_read(string application, string decided, int? expected)
    {
        await using var mock = new MockCover();
        mock.Http.When(MockCover.Covers).Respond("application/json", "{\"data\":[" + Cover.Replace("AMOUNT", application, StringComparison.Ordinal).Replace("DECIDED", decided, StringComparison.Ordinal) + "]}");

        var cover = Assert.Single(await mock.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(expected is null ? null : new Money(expected.Value, "EUR"), cover.DecidedAmount);
        Assert.Null(cover.ApplicationAmountInUserCurrency);
        Assert.Equal(45, cover.BuyerRating);
    }

    [Fact]
    public async Task Timestamps_keep_their_offset_and_dates_are_dates()
    {
        await using var mock = new MockCover();
        mock.Http.When(MockCover.Covers).Respond("application/json", "{\"data\":[" + Amounts(Cover) + "]}");

        var cover = Assert.Single(await mock.Client.Decisions.ListAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), cover.ApplicationDate);
        Assert.Equal(TimeSpan.FromHours(1), cover.ApplicationDate?.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), cover.DecisionDate);
        Assert.Equal(new CoverDate(2026, 3, 1), cover.EffectFromDate);
    }

    [Fact]
    public async Task Data_as_an_object_where_an_array_is_expected_and_the_other_way_round_is_read()
    {
        await using var mock = new MockCover();
        var ct = TestContext.Current.CancellationToken;
        mock.Http.When(MockCover.Covers).Respond("application/json", "{\"data\":" + Amounts(Cover) + "}");
        mock.Http.When(MockCover.Buyers + "/10042340").Respond("application/json", "{\"data\":{\"buyerId\":10042340,\"uniqueIdentifiers\":[],\"currentBuyerRating\":\"45\"}}");
        mock.Http.When(MockCover.Buyers + "/10042341").Respond("application/json", "{\"data\":[{\"buyerId\":10042341,\"uniqueIdentifiers\":[]}]}");
        mock.Http.When(MockCover.Policy).Respond("application/json", "{\"data\":[{\"policyId\":\"5012345\",\"policyStatus\":\"live\",\"policyCurrency\":\"EUR\"}]}");

        Assert.Single(await mock.Client.Decisions.ListAsync(cancellationToken: ct).ToListAsync(ct));
        Assert.Equal(45, (await mock.Client.Buyers.GetAsync(10042340, cancellationToken: ct)).Value.Rating);
        Assert.Equal(10042341, (await mock.Client.Buyers.GetAsync(10042341, cancellationToken: ct)).Value.BuyerId);
        Assert.Equal("EUR", (await mock.Client.Policies.GetAsync(cancellationToken: ct)).Value.Currency);
    }

    [Fact]
    public async Task Unknown_codes_and_fields_are_kept_not_refused()
    {
        await using var mock = new MockCover();
        var ct = TestContext.Current.CancellationToken;
        var odd = Amounts(Cover)
            .Replace("\"DC01\"", "\"DC99\"", StringComparison.Ordinal)
            .Replace("\"credit-limit\"", "\"credit-insurance-plus\"", StringComparison.Ordinal)
            .Replace("\"coverId\"", "\"somethingNew\": { \"nested\": [1, 2, {\"x\": null}] }, \"coverId\"", StringComparison.Ordinal)
            .Replace("\"VAT\"", "\"XYZ\"", StringComparison.Ordinal);
        mock.Http.When(MockCover.Covers).Respond("application/json", "{\"meta\":{\"new\":true},\"data\":[" + odd + "]}");

        var cover = Assert.Single(await mock.Client.Decisions.ListAsync(cancellationToken: ct).ToListAsync(ct));

        Assert.Equal("DC99", cover.Code?.Value);
        Assert.False(cover.Code?.IsKnown);
        Assert.Equal("credit-insurance-plus", cover.CoverType.Value);
        Assert.Equal("XYZ", cover.BuyerIdentifiers[0].Type.Value);
    }

    public static TheoryData<string> Malformed => new()
    {
        "{\"data\":[{\"coverId\": 1,",
        "not json at all",
        "{\"data\":[{\"coverId\":\"seventy\"}]}",
        "{\"data\":[{\"coverId\":1,\"applicationDate\":\"yesterday\"}]}",
        "{\"data\":[{\"coverId\":1,\"creditLimitApplicationAmountInPolicyCurrency\":\"lots\"}]}",
        "{\"data\":[{\"coverId\":1,\"totalDecision\":[1,2]}]}",
        "{\"data\":17}",
        "[1,2,3",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_list_becomes_a_cover_api_exception_never_a_json_exception(string body)
    {
        await using var mock = new MockCover();
        var ct = TestContext.Current.CancellationToken;
        mock.Http.When(MockCover.Covers).Respond("application/json", body);

        var error = await Record.ExceptionAsync(() => mock.Client.Decisions.ListAsync(cancellationToken: ct).ToListAsync(ct));

        Assert.IsAssignableFrom<CoverApiException>(error);
        Assert.IsNotType<JsonException>(error);
        Assert.IsNotType<FormatException>(error);
    }

    [Theory]
    [InlineData("{\"data\":[{\"buyerId\":\"x\"}]}")]
    [InlineData("{\"data\":")]
    public async Task A_malformed_single_answer_becomes_a_cover_api_exception(string body)
    {
        await using var mock = new MockCover();
        var ct = TestContext.Current.CancellationToken;
        mock.Http.When(MockCover.Buyers + "/5").Respond("application/json", body);
        mock.Http.When(MockCover.Policy).Respond("application/json", "{\"data\":{\"policyId\":\"5012345\",\"policyStatus\":");

        CoverResponse<Buyer>? buyer = null;
        var buyerError = await Record.ExceptionAsync(async () => buyer = await mock.Client.Buyers.GetAsync(5, cancellationToken: ct));
        Assert.True(buyerError is CoverApiException, $"buyer: {buyerError?.GetType().Name ?? "no exception, read " + buyer?.Value}");
        var policyError = await Record.ExceptionAsync(() => mock.Client.Policies.GetAsync(cancellationToken: ct));
        Assert.True(policyError is CoverApiException, $"policy: {policyError?.GetType().Name ?? "no exception"}");
    }

    [Fact]
    public async Task A_business_error_names_the_field_and_already_exists_is_a_conflict_whatever_its_status()
    {
        await using var mock = new MockCover();
        var ct = TestContext.Current.CancellationToken;
        mock.Http.When(HttpMethod.Put, MockCover.Covers).Respond(_ => MockCover.Json(HttpStatusCode.BadRequest, "{\"errors\":[{\"detail\":\"Must be positive number greater than zero and a multiple of 1000.\",\"source\":{\"parameter\":\"creditLimitAmount\"}}]}"));
        mock.Http.When(HttpMethod.Post, MockCover.Covers).Respond(_ => MockCover.Json(HttpStatusCode.BadRequest, "{\"errors\":[{\"detail\":\"Credit limit/credit check already exists for this buyer.\"}]}"));
        mock.Http.When(HttpMethod.Get, MockCover.Covers + "*").Respond("application/json", "{\"data\":[]}");

        var validation = await Assert.ThrowsAsync<CoverValidationException>(() => mock.Client.Decisions.IncreaseAsync(new CoverKey(10042340, CoverType.CreditLimit), 90_000m, cancellationToken: ct));
        Assert.Equal("creditLimitAmount", validation.Parameter);
        Assert.Equal(400, validation.Status);

        var conflict = await Assert.ThrowsAsync<CoverConflictException>(() => mock.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 10042340, CoverType = CoverType.CreditLimit, CreditLimitAmount = 50_000m }, cancellationToken: ct));
        Assert.Contains("already exists", conflict.Errors[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"fault\":{\"faultstring\":\"Invalid ApiKey\",\"detail\":{\"errorcode\":\"oauth.v2.InvalidApiKey\"}}}")]
    [InlineData("{\"faultstring\":\"Invalid ApiKey\"}")]
    public async Task Both_gateway_fault_shapes_become_typed_exceptions(string body)
    {
        await using var mock = new MockCover();
        mock.Http.When(MockCover.Policy).Respond(_ => MockCover.Json(HttpStatusCode.Unauthorized, body));

        var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => mock.Client.Policies.GetAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(401, error.Status);
        Assert.Contains("Invalid ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_inside_a_success_body_is_a_refused_outcome_not_a_success()
    {
        await using var mock = new MockCover();
        var ct = TestContext.Current.CancellationToken;
        mock.Http.When(HttpMethod.Put, MockCover.Covers).Respond(_ => MockCover.Json(HttpStatusCode.Created, "{\"data\":[{\"coverId\":70001234,\"response\":\"Action has been refused.\"}]}"));
        mock.Http.When(HttpMethod.Get, MockCover.Covers + "*").Respond("application/json", "{\"data\":[" + Amounts(Cover) + "]}");

        var result = await mock.Client.Decisions.IncreaseAsync(new CoverKey(10042340, CoverType.CreditLimit), 90_000m, cancellationToken: ct);

        Assert.Equal(CoverChangeOutcome.Refused, result.Outcome);
        Assert.Equal("Action has been refused.", result.ResponseText);
    }

    private static string Amounts(string cover) =>
        cover.Replace("AMOUNT", "\"75000\"", StringComparison.Ordinal).Replace("DECIDED", "75000", StringComparison.Ordinal);
}
