using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Buyers;

public sealed class BuyersTests
{
    private const string Found = """
        {"data":[{"buyerId":10042317,"uniqueIdentifiers":[{"uid":"552100554","uidType":"SN","uidTypeDescription":"SIREN"}],
          "currentBuyerRating":"35","currentBuyerRatingClass":"Good","previousBuyerRating":50,"buyerRatingChange":"up"}]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_search_by_identifier_sends_country_uid_and_type_and_reads_the_buyers()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, Found));

        var buyers = await api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren), cancellationToken: Ct);

        var buyer = Assert.Single(buyers.Value);
        Assert.Equal(10042317, buyer.BuyerId);
        Assert.Equal(35, buyer.Rating);
        Assert.Equal(50, buyer.PreviousRating);
        Assert.Equal(BuyerRatingChange.Up, buyer.RatingChange);
        Assert.Equal(BuyerIdentifierType.Siren, buyer.Identifiers[0].Type);
        Assert.Equal("?country=FRA&uid=552100554&uidType=SN", api.Requests.Single().Uri.Query);
    }

    [Fact]
    public void A_search_by_an_identifier_type_the_service_does_not_take_is_refused_naming_it()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => BuyerSearch.ByIdentifier("FRA", "552100554", "SIREN"));

        Assert.Equal("identifierType", error.ParamName);
    }

    [Fact]
    public async Task An_identifier_is_limited_to_50_characters_without_the_blanks_around_it_and_sent_without_them()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, Found));
        var fifty = new string('1', 50);

        // Before, the blanks counted: the padded identifier was refused as 51 characters long.
        await api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", " " + fifty + " ", BuyerIdentifierType.Siren), cancellationToken: Ct);
        var tooLong = Assert.ThrowsAny<ArgumentException>(() => BuyerSearch.ByIdentifier("FRA", fifty + "1", BuyerIdentifierType.Siren));

        Assert.Equal("?country=FRA&uid=" + fifty + "&uidType=SN", api.Requests.Single().Uri.Query);
        Assert.Equal("identifier", tooLong.ParamName);
        Assert.Contains("it has 51", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_sends_a_known_identifier_type_in_the_services_spelling()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, Found));

        await api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", "sn"), cancellationToken: Ct);

        Assert.Equal("?country=FRA&uid=552100554&uidType=SN", api.Requests.Single().Uri.Query);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task No_buyer_match_found_is_an_empty_list(int status)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(status, ErrorJson("No buyer match found")));

        var buyers = await api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "1", BuyerIdentifierType.Siren), cancellationToken: Ct);

        Assert.Empty(buyers.Value);
        Assert.Equal(status, buyers.Response.Status);
    }

    [Fact]
    public async Task An_answer_with_no_buyers_is_an_empty_list()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, DataJson()));

        var buyers = await api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "1", BuyerIdentifierType.Siren), cancellationToken: Ct);

        Assert.Empty(buyers.Value);
        Assert.Equal(200, buyers.Response.Status);
    }

    [Theory]
    [InlineData("""{"message":"Service temporarily unavailable"}""")]
    [InlineData("""{"result":"error"}""")]
    public async Task A_search_answered_with_an_object_without_data_is_an_error_not_no_match(string body)
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, body));

        var error = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren), cancellationToken: Ct));

        Assert.Equal(200, error.Status);
        Assert.Contains("without a data member", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_answered_with_Data_in_another_case_reads_the_buyers()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, """{"Data":[{"buyerId":10042317}]}"""));

        var buyers = await api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren), cancellationToken: Ct);

        Assert.Equal(10042317, Assert.Single(buyers.Value).BuyerId);
    }

    [Theory]
    [InlineData("""{"errors":[{"detail":"Resource not found"}]}""")]
    [InlineData("""{"fault":{"faultstring":"Unable to identify proxy for host and url","detail":{"errorcode":"messaging.adaptors.http.flow.ApplicationNotFound"}}}""")]
    [InlineData("")]
    public async Task A_404_that_is_not_no_buyer_match_found_is_a_not_found_error_not_an_empty_list(string body)
    {
        // A gateway's 404 for a route it does not serve (a wrong base address, say) says nothing about the buyer: read as
        // "no match", the wrong address would pass for an unknown buyer.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(404, body));

        var error = await Assert.ThrowsAsync<CoverNotFoundException>(() => api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "1", BuyerIdentifierType.Siren), cancellationToken: Ct));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task A_buyer_by_id_is_the_one_element_array()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/10042317").Respond(_ => Answer(200, Found));

        Buyer buyer = await api.Client.Buyers.GetAsync(10042317, cancellationToken: Ct);

        Assert.Equal(10042317, buyer.BuyerId);
    }

    [Fact]
    public async Task A_buyer_by_id_answered_with_another_buyer_is_an_error_not_that_buyer()
    {
        // Before, the first buyer of the answer was returned as the one asked for, whatever its id.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/42").Respond(_ => Answer(200, """{"data":[{"buyerId":43,"currentBuyerRating":90}]}"""));

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Buyers.GetAsync(42, cancellationToken: Ct));

        Assert.Equal(200, ex.Status);
        Assert.Contains("answered buyer 43 to a read of buyer 42", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_by_id_is_the_one_asked_for_among_the_buyers_answered()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/42").Respond(_ => Answer(200, """{"data":[{"buyerId":43,"currentBuyerRating":90},{"buyerId":42,"currentBuyerRating":35}]}"""));

        Buyer buyer = await api.Client.Buyers.GetAsync(42, cancellationToken: Ct);

        Assert.Equal((42L, 35), (buyer.BuyerId, buyer.Rating));
    }

    [Fact]
    public async Task A_buyer_without_its_buyerId_is_an_unreadable_answer_not_buyer_zero()
    {
        const string NoId = """{"data":[{"uniqueIdentifiers":[{"uid":"552100554","uidType":"SN"}],"currentBuyerRating":35,"currentBuyerRatingClass":"Good"}]}""";
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, NoId));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/42").Respond(_ => Answer(200, NoId));
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, NoId));

        var search = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren), cancellationToken: Ct));
        var read = await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Buyers.GetAsync(42, cancellationToken: Ct));
        var mine = await Assert.ThrowsAsync<CoverApiException>(async () => await api.Client.Buyers.ListMyBuyersAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.All([search, read, mine], ex =>
        {
            Assert.Equal(200, ex.Status);
            Assert.Contains("A buyer in the answer has no buyerId.", ex.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task My_buyers_sends_the_policy_and_the_rating_filters()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, Found));

        var buyers = await api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { HealthChange = BuyerRatingChange.Down, RatingUpdatedAfter = new CoverDate(2026, 11, 1) }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Single(buyers);
        Assert.Equal("?policyId=5012345&healthChange=down&buyerRatingUpdatedAfter=2026-11-01", api.Requests.Single().Uri.Query);
    }

    [Fact]
    public void My_buyers_with_a_rating_filter_the_service_does_not_take_are_refused_before_sending()
    {
        using var api = new CoverApi();

        var direction = Assert.ThrowsAny<ArgumentException>(() => api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { HealthChange = new BuyerRatingChange("unchanged") }, cancellationToken: Ct));
        var window = Assert.ThrowsAny<ArgumentException>(() => api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { RatingUpdatedAfter = new CoverDate(2026, 11, 30), RatingUpdatedBefore = new CoverDate(2026, 11, 1) }, cancellationToken: Ct));

        Assert.Equal("query.HealthChange", direction.ParamName);
        Assert.Equal("query.RatingUpdatedBefore", window.ParamName);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task My_buyers_sends_the_rating_direction_in_the_services_spelling()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, Found));

        await api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { HealthChange = new BuyerRatingChange("Up") }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("?policyId=5012345&healthChange=up", api.Requests.Single().Uri.Query);
    }

    [Fact]
    public async Task My_buyers_of_another_customer_are_listed_by_that_customer_not_by_the_clients_policy()
    {
        // With the client's policy the service would list the client's own buyers.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, Found));

        await api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { CustomerId = 2002 }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("?customerId=2002", api.Requests.Single().Uri.Query);
    }

    [Fact]
    public async Task My_buyers_of_another_customer_by_its_policy_name_that_customer_beside_the_policy()
    {
        // Whether a policy alone selects another customer's buyers is not known; before, only the policy was sent and a
        // broker's list for its customer came back empty.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, Found));

        await api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { CustomerId = 2002, PolicyId = "7001" }, cancellationToken: Ct).ToListAsync(Ct);
        await api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { CustomerId = 1001, PolicyId = "7002" }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(["?policyId=7001&customerId=2002", "?policyId=7002"], api.Requests.Select(r => r.Uri.Query));
    }

    [Theory]
    [InlineData("FR", "1", "country")]
    [InlineData("FRA", "", "identifier")]
    public void A_bad_search_is_refused_naming_the_argument(string country, string identifier, string argument)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => BuyerSearch.ByIdentifier(country, identifier, BuyerIdentifierType.Vat));

        Assert.Equal(argument, ex.ParamName);
    }

    [Theory]
    [InlineData("commande-é", null)]
    [InlineData("mine-7", "Café")]
    [InlineData("mine-7", "a\r\nX-Injected: 1")]
    [InlineData("line\nbreak", null)]
    public async Task A_correlation_id_or_header_value_that_cannot_be_sent_is_refused_before_any_request(string correlationId, string? headerValue)
    {
        // HttpClient refuses a non-ASCII header only once connected: an application would be reported as perhaps made.
        using var api = new CoverApi();
        var options = new CoverRequestOptions { CorrelationId = correlationId };
        if (headerValue is not null)
        {
            options.Headers["X-Note"] = headerValue;
        }

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, options, Ct));

        Assert.Equal(headerValue is null ? "options.CorrelationId" : "options.Headers", error.ParamName);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData(" order-5522")]
    [InlineData("order-5522 ")]
    [InlineData("order\t5522")]
    public async Task A_correlation_id_with_blanks_around_it_or_a_tab_is_refused_naming_it_before_any_request(string correlationId)
    {
        // Before, it was sent: the parsers on the way drop blanks around a header value, and the service logged another
        // id than the one the call and its exceptions report.
        using var api = new CoverApi();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Buyers.GetAsync(77, new CoverRequestOptions { CorrelationId = correlationId }, Ct));

        Assert.Equal("options.CorrelationId", error.ParamName);
        Assert.Contains("visible ASCII", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_correlation_id_with_a_space_inside_it_is_sent_as_it_is()
    {
        // A space inside a header value arrives intact; only blanks around it are dropped on the way.
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/10042317").Respond(_ => Answer(200, Found));

        await api.Client.Buyers.GetAsync(10042317, new CoverRequestOptions { CorrelationId = "month end 2026-03" }, Ct);

        Assert.Equal("month end 2026-03", api.Requests.Single().Headers["Atradius-Correlation-Id"]);
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("content-length")]
    [InlineData("Atradius-Correlation-Id")]
    [InlineData("Accept")]
    [InlineData("Authorization")]
    public async Task A_header_the_sdk_sets_itself_is_refused_before_any_request(string header)
    {
        using var api = new CoverApi();
        var options = new CoverRequestOptions();
        options.Headers[header] = "text/plain";

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, options, Ct));

        Assert.Equal("options.Headers", error.ParamName);
        Assert.Contains(header, error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("X-Trace(1)")]
    [InlineData("X-Tenant/Id")]
    [InlineData("X-Route,Id")]
    [InlineData("X-User@Id")]
    [InlineData("X-Id[0]")]
    [InlineData("X-Id\"")]
    [InlineData("X Id")]
    [InlineData("X-Id:")]
    [InlineData("")]
    public async Task A_header_name_that_is_no_http_token_is_refused_naming_the_headers_before_any_request(string name)
    {
        // Before, a separator in the name went through the check and HttpClient refused it while building the request,
        // with a FormatException that named no argument.
        using var api = new CoverApi();
        var options = new CoverRequestOptions();
        options.Headers[name] = "value-1";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, options, Ct));

        Assert.Equal("options.Headers", error.ParamName);
        Assert.Contains("'" + name + "'", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_header_name_of_every_character_a_token_may_hold_is_sent()
    {
        const string Name = "X-Az09!#$%&'*+-.^_`|~";
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/10042317").Respond(_ => Answer(200, Found));
        var options = new CoverRequestOptions();
        options.Headers[Name] = "value-1";

        await api.Client.Buyers.GetAsync(10042317, options, Ct);

        Assert.Equal("value-1", api.Requests.Single().Headers[Name]);
    }

    [Fact]
    public async Task A_correlation_id_longer_than_the_contracts_100_characters_is_refused_before_any_request()
    {
        using var api = new CoverApi();
        var options = new CoverRequestOptions { CorrelationId = new string('a', 101) };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000 }, options, Ct));

        Assert.Equal("options.CorrelationId", error.ParamName);
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Every_call_sends_a_correlation_id_and_the_caller_headers_and_reports_the_answer()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(_ =>
        {
            var response = Answer(200, Found.Replace("10042317", "1", StringComparison.Ordinal));
            response.Headers.Add("Atradius-Correlation-Id", "from-service");
            return response;
        });
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/2").Respond(_ => Answer(200, Found.Replace("10042317", "2", StringComparison.Ordinal)));
        var options = new CoverRequestOptions { CorrelationId = "mine-7" };
        options.Headers["X-Tenant"] = "t-9";

        var first = await api.Client.Buyers.GetAsync(1, options, Ct);
        var second = await api.Client.Buyers.GetAsync(2, cancellationToken: Ct);

        var requests = api.Requests;
        Assert.Equal("mine-7", requests[0].Headers["Atradius-Correlation-Id"]);
        Assert.Equal("t-9", requests[0].Headers["X-Tenant"]);
        Assert.Equal("from-service", first.Response.CorrelationId);
        Assert.True(Guid.TryParse(requests[1].Headers["Atradius-Correlation-Id"], out _));
        Assert.Equal(requests[1].Headers["Atradius-Correlation-Id"], second.Response.CorrelationId);
        Assert.Equal("AppKey-77c6b5a4", requests[0].Headers["Atradius-App-Key"]);
    }
}
