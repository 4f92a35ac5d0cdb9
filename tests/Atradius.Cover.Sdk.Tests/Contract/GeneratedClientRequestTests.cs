using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk.Generated;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Contract;

public sealed class GeneratedClientRequestTests : IDisposable
{
    private const string CoverJson = """
        { "coverId": 70001234, "customerId": 200417, "policyId": "5012345", "buyerId": 10042317,
          "coverType": "credit-limit", "coverStatus": "DECISION", "decisionCode": "DC01",
          "applicationDate": "2026-11-02T09:15:00Z", "version": 1, "updatedAt": "2026-11-02T09:15:01Z" }
        """;

    private const string EmptyPage = """{ "data": [], "meta": { "pageSize": 50, "nextCursor": null } }""";

    private readonly MockHttpMessageHandler handler = new();

    public void Dispose() => handler.Dispose();

    private CoverApiClient CreateClient() => new(new HttpClient(handler) { BaseAddress = new Uri("https://api-uat.atradius.com/") });

    [Fact]
    public async Task Search_buyers_by_identifier_sends_country_uid_and_type_as_query()
    {
        handler.Expect(HttpMethod.Get, "https://api-uat.atradius.com/credit-insurance/organisation-management/v1/buyers")
            .WithExactQueryString("country=NLD&uid=NL859338221B01&uidType=VAT&pageSize=50")
            .Respond("application/json", """{ "data": [], "meta": { "pageSize": 50 } }""");

        var response = await CreateClient().SearchBuyersAsync(null, "NLD", "NL859338221B01", UidType.VAT, null, 50, null, TestContext.Current.CancellationToken);

        Assert.Equal(200, response.StatusCode);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task List_covers_sends_updated_since_with_its_offset()
    {
        handler.Expect(HttpMethod.Get, "https://api-uat.atradius.com/credit-insurance/cover-management/v1/covers")
            .WithExactQueryString("policyId=5012345&coverType=credit-limit&updatedSince=2026-11-01T08%3A30%3A00.0000000%2B01%3A00&pageSize=50&cursor=abc")
            .Respond("application/json", EmptyPage);

        await CreateClient().ListCoversAsync(
            null, "5012345", null, null, ApplicationCoverType.CreditLimit,
            new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.FromHours(1)), 50, "abc", TestContext.Current.CancellationToken);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Submit_application_posts_the_body_with_idempotency_key_and_correlation_id()
    {
        string? body = null;
        handler.Expect(HttpMethod.Post, "https://api-uat.atradius.com/credit-insurance/cover-management/v1/covers")
            .WithHeaders("Idempotency-Key", "key-1")
            .WithHeaders("Atradius-Correlation-Id", "corr-1")
            .With(request =>
            {
                body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
                return request.Content.Headers.ContentType?.MediaType == "application/json";
            })
            .Respond(HttpStatusCode.Created, "application/json", CoverJson);

        var response = await CreateClient().SubmitCoverApplicationAsync("corr-1", "key-1", new Generated.CoverApplication
        {
            CustomerId = 200417,
            PolicyId = "5012345",
            BuyerId = 10042317,
            CoverType = ApplicationCoverType.CreditLimit,
            CreditLimitAmount = 50000m,
            CurrencyCode = "EUR",
            EffectFromDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            CustomerRefNumber = "ERP-000184",
        }, TestContext.Current.CancellationToken);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(201, response.StatusCode);
        Assert.Equal(70001234, response.Result.CoverId);

        var sent = JsonNode.Parse(body!)!;
        Assert.Equal("credit-limit", sent["coverType"]!.GetValue<string>());
        Assert.Equal(50000m, sent["creditLimitAmount"]!.GetValue<decimal>());
        Assert.Equal("2026-12-01", sent["effectFromDate"]!.GetValue<string>());
        Assert.Equal("5012345", sent["policyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Calendar_dates_are_sent_in_the_gregorian_calendar_whatever_the_current_culture()
    {
        string? body = null;
        handler.Expect(HttpMethod.Post, "https://api-uat.atradius.com/credit-insurance/cover-management/v1/covers")
            .With(request =>
            {
                body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
                return true;
            })
            .Respond(HttpStatusCode.Created, "application/json", CoverJson);

        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("th-TH");
        try
        {
            Assert.NotEqual("2026", new DateTime(2026, 12, 1).ToString("yyyy", System.Globalization.CultureInfo.CurrentCulture));
            await CreateClient().SubmitCoverApplicationAsync(null, "key-4", new Generated.CoverApplication
            {
                CustomerId = 200417, PolicyId = "5012345", BuyerId = 10042317,
                CoverType = ApplicationCoverType.CreditLimit, CreditLimitAmount = 50000m, CurrencyCode = "EUR",
                EffectFromDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            }, TestContext.Current.CancellationToken);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal("2026-12-01", JsonNode.Parse(body!)!["effectFromDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Modify_cover_puts_the_action_with_if_match()
    {
        string? body = null;
        handler.Expect(HttpMethod.Put, "https://api-uat.atradius.com/credit-insurance/cover-management/v1/covers/70001234")
            .WithHeaders("If-Match", "\"70001234-3\"")
            .WithHeaders("Idempotency-Key", "key-2")
            .With(request =>
            {
                body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
                return true;
            })
            .Respond("application/json", CoverJson);

        await CreateClient().ModifyCoverAsync(null, 70001234, "key-2", "\"70001234-3\"", new CoverModification
        {
            Action = ModificationAction.UpdateReference,
            CustomerRefNumber = "ERP-000185",
        }, TestContext.Current.CancellationToken);

        handler.VerifyNoOutstandingExpectation();
        var sent = JsonNode.Parse(body!)!;
        Assert.Equal("update-reference", sent["action"]!.GetValue<string>());
        Assert.Equal("ERP-000185", sent["customerRefNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Referred_application_exposes_location_and_retry_after_headers()
    {
        var referred = new HttpResponseMessage(HttpStatusCode.Accepted)
        {
            Content = new StringContent(CoverJson.Replace("\"DECISION\"", "\"REFERRED\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        referred.Headers.Location = new Uri("/credit-insurance/cover-management/v1/covers/70001234", UriKind.Relative);
        referred.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
        handler.Expect(HttpMethod.Post, "https://api-uat.atradius.com/credit-insurance/cover-management/v1/covers").Respond(_ => referred);

        var response = await CreateClient().SubmitCoverApplicationAsync(null, "key-3", new Generated.CoverApplication
        {
            CustomerId = 200417, PolicyId = "5012345", BuyerId = 10042317,
            CoverType = ApplicationCoverType.CreditLimit, CreditLimitAmount = 500000m, CurrencyCode = "EUR",
        }, TestContext.Current.CancellationToken);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("REFERRED", response.Result.CoverStatus);
        Assert.Equal("5", Assert.Single(response.Headers["Retry-After"]));
        Assert.Equal("/credit-insurance/cover-management/v1/covers/70001234", Assert.Single(response.Headers["Location"]));
    }
}
