using System.Text;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Json;

/// <summary>What the real service sends irregularly is read without error; what is malformed is a CoverApiException.</summary>
public sealed class IrregularAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Amounts_as_numbers_strings_and_empty_strings_and_ratings_as_strings_are_read()
    {
        var covers = await ReadCoversAnsweredWith("""
            {"data":[{"coverId":1,"buyerId":"77","coverType":"credit-limit","coverStatus":"DECISION","policyCurrencyCode":"EUR",
              "creditLimitApplicationAmountInPolicyCurrency":"50000","creditLimitApplicationAmountInUserCurrency":55000.5,
              "totalDecision":{"decisionAmtInPolicyCurrency":"","decisionAmtInUserCurrency":"","decisionConditions":[{"conditionCode":"PT60","conditionType":"PAYMENT_TERMS"}]},
              "firstAmtDecision":{"decisionAmtInPolicyCurrency":30000},
              "currentBuyerRating":"42"}]}
            """);

        var cover = Assert.Single(covers);
        Assert.Equal(77, cover.BuyerId);
        Assert.Equal(new Money(50000, "EUR"), cover.ApplicationAmount);
        Assert.Equal(55000.5m, cover.ApplicationAmountInUserCurrency);
        Assert.Null(cover.TotalDecision!.Amount);
        Assert.Null(cover.DecidedAmount);
        Assert.Equal("PT60", cover.TotalDecision.Conditions[0].Code);
        Assert.Equal(new Money(30000, "EUR"), cover.FirstAmountDecision!.Amount);
        Assert.Equal(42, cover.BuyerRating);
    }

    [Fact]
    public async Task One_item_larger_than_any_cover_is_an_unreadable_answer_not_held_whole()
    {
        // Before, the buffer doubled with the item until it ran out of memory, or failed with an exception of the
        // runtime's own at 1 GB.
        var notes = new string('x', 17 * 1024 * 1024);

        var ex = await Assert.ThrowsAnyAsync<CoverApiException>(() => ReadCoversAnsweredWith("{\"data\":[{\"coverId\":1,\"buyerId\":77,\"notes\":\"" + notes + "\"}]}"));

        Assert.Contains("larger than 16 MB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_and_references_sent_as_bare_numbers_are_read_as_their_digits()
    {
        var covers = await ReadCoversAnsweredWith("""
            {"data":[{"coverId":1,"policyId":5012345,"buyerId":77,"coverStatus":"DECISION","customerRefNumber":184,"policyCurrencyCode":"EUR",
              "uniqueIdentifiers":[{"uid":552100554,"uidType":"SN"}],
              "totalDecision":{"decisionAmtInPolicyCurrency":50000}},
              {"coverId":2,"policyId":"5012345","buyerId":78,"coverStatus":"DECISION"}]}
            """);

        Assert.Equal(2, covers.Count);
        Assert.Equal("5012345", covers[0].PolicyId);
        Assert.Equal("184", covers[0].CustomerReference);
        Assert.Equal("552100554", Assert.Single(covers[0].BuyerIdentifiers).Value);
        Assert.Equal(new Money(50000, "EUR"), covers[0].DecidedAmount);
    }

    [Fact]
    public async Task A_buyer_and_policy_details_whose_ids_are_bare_numbers_are_read()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Answer(200, """
            {"data":[{"buyerId":77,"uniqueIdentifiers":[{"uid":552100554,"uidType":"SN","uidTypeDescription":"SIREN number"}],"currentBuyerRating":35,"currentBuyerRatingClass":3,"extra":{"a":1}}]}
            """));
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """
            {"data":{"policyId":5012345,"policyStatus":"live","policyStartDate":"2026-01-01","policyExpiryDate":"2027-12-31","policyCurrency":"EUR"}}
            """));

        var buyers = await api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren), cancellationToken: Ct);
        var policy = await api.Client.Policies.GetAsync(cancellationToken: Ct);

        var buyer = Assert.Single(buyers.Value);
        Assert.Equal("552100554", Assert.Single(buyer.Identifiers).Value);
        Assert.Equal("3", buyer.RatingClass);
        Assert.Equal("5012345", policy.Value.PolicyId);
    }

    [Fact]
    public async Task A_list_after_a_byte_order_mark_is_read()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(DataJson(CoverJson(1), CoverJson(2)))]),
        });

        var covers = await api.Client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal([1L, 2L], covers.Select(c => c.CoverId));
    }

    [Fact]
    public async Task Timestamps_with_any_offset_and_dates_written_as_timestamps_are_read_as_written()
    {
        var covers = await ReadCoversAnsweredWith("""
            {"data":[{"coverId":1,"buyerId":77,"applicationDate":"2026-11-30T08:00:00+01:00","decisionDate":"2026-12-01T10:00:00Z",
              "effectFromDate":"2026-12-01T23:30:00+01:00","effectiveToDate":"2027-06-30","withdrawalDate":"",
              "totalDecision":{"decisionExpiryDate":"2027-01-31"}}]}
            """);

        var cover = Assert.Single(covers);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero), cover.ApplicationDate);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), cover.DecisionDate);
        Assert.Equal(new CoverDate(2026, 12, 1), cover.EffectFromDate);
        Assert.Equal(new CoverDate(2027, 6, 30), cover.EffectiveToDate);
        Assert.Null(cover.WithdrawalDate);
        Assert.Equal(new CoverDate(2027, 1, 31), cover.TotalDecision!.ExpiryDate);
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00Z", "2026-12-01T10:00:00.0000000+00:00")]
    [InlineData("2026-12-01T10:00:00.1234567Z", "2026-12-01T10:00:00.1234567+00:00")]
    [InlineData("2026-12-01T10:00:00.5-05:30", "2026-12-01T15:30:00.5000000+00:00")]
    [InlineData("2026-12-01T10:00:00", "2026-12-01T10:00:00.0000000+00:00")]
    [InlineData("2026-12-01T10:00+01:00", "2026-12-01T09:00:00.0000000+00:00")]
    [InlineData("2026-12-01 10:00:00.25+01:00", "2026-12-01T09:00:00.2500000+00:00")]
    [InlineData("2026-12-01", "2026-12-01T00:00:00.0000000+00:00")]
    [InlineData(" 2026-12-01T10:00:00Z ", "2026-12-01T10:00:00.0000000+00:00")]
    [InlineData("2026-12-01T10:00:00\\u002B01:00", "2026-12-01T09:00:00.0000000+00:00")]
    public async Task Every_accepted_form_of_a_timestamp_reads_as_the_same_instant(string written, string expectedUtc)
    {
        var covers = await ReadCoversAnsweredWith("{\"data\":[{\"coverId\":1,\"buyerId\":77,\"applicationDate\":\"" + written + "\"}]}");

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(covers).ApplicationDate);
    }

    [Fact]
    public async Task Codes_padded_with_blanks_read_as_the_codes_they_pad()
    {
        var covers = await ReadCoversAnsweredWith("""
            {"data":[{"coverId":1,"buyerId":77,"coverType":" credit-limit","coverStatus":"REFERRED ","decisionCode":"DC03 ","historicCode":" CCLA ","pendingProcessIndicator":"C "}]}
            """);

        var cover = Assert.Single(covers);
        Assert.True(cover.IsReferred);
        Assert.False(cover.IsDecided);
        Assert.Equal(CoverStatus.Referred, cover.Status);
        Assert.Equal(CoverType.CreditLimit, cover.CoverType);
        Assert.Equal("credit-limit", cover.CoverType.Value);
        Assert.True(cover.Code!.Value.IsRefusal);
        Assert.True(cover.HistoricCode!.Value.IsKnown);
        Assert.True(cover.PendingProcess!.Value.IsKnown);
    }

    [Fact]
    public async Task A_code_with_blanks_inside_stays_an_unknown_code()
    {
        var cover = Assert.Single(await ReadCoversAnsweredWith("""{"data":[{"coverId":1,"buyerId":77,"coverStatus":"REF ERRED"}]}"""));

        Assert.False(cover.IsReferred);
        Assert.False(cover.Status.IsKnown);
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00.12345678Z")]
    [InlineData("2026-12-01T10:00:00.123456789Z")]
    [InlineData("2026-12-01T11:00:00.123456789+01:00")]
    [InlineData(" 2026-12-01T10:00:00.123456789Z ")]
    [InlineData("\\u0032026-12-01T10:00:00.123456789Z")]
    public async Task A_timestamp_in_nanoseconds_is_read_to_the_tick(string written)
    {
        var covers = await ReadCoversAnsweredWith("{\"data\":[{\"coverId\":1,\"buyerId\":77,\"applicationDate\":\"" + written + "\"}]}");

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), Assert.Single(covers).ApplicationDate);
    }

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-01T23:30:00-05:00")]
    [InlineData(" 2026-12-01 ")]
    [InlineData("\\u0032026-12-01")]
    public async Task Every_accepted_form_of_a_date_reads_as_the_day_written(string written)
    {
        var covers = await ReadCoversAnsweredWith("{\"data\":[{\"coverId\":1,\"buyerId\":77,\"effectFromDate\":\"" + written + "\"}]}");

        Assert.Equal(new CoverDate(2026, 12, 1), Assert.Single(covers).EffectFromDate);
    }

    [Theory]
    [InlineData("""{"data":{"coverId":1,"buyerId":77}}""")]
    [InlineData("""[{"coverId":1,"buyerId":77}]""")]
    [InlineData("""{"meta":{"count":[1,2,{"a":"]"}]},"data":[{"coverId":1,"buyerId":77,"unknownField":{"x":[1]},"coverType":"something-new","decisionCode":"DC99"}],"links":{}}""")]
    public async Task Data_as_an_object_a_bare_array_and_unknown_members_and_codes_are_read(string body)
    {
        var cover = Assert.Single(await ReadCoversAnsweredWith(body));

        Assert.Equal(1, cover.CoverId);
    }

    [Theory]
    [InlineData("""{"message":"Service temporarily unavailable"}""", "\"message\":\"Service temporarily unavailable\"")]
    [InlineData("""{"result":"error"}""", "\"result\":\"error\"")]
    [InlineData("""{"detail":"Backend timeout","status":503}""", "\"detail\":\"Backend timeout\", \"status\":503")]
    [InlineData("""{"errors":[],"meta":{"count":0}}""", "\"errors\":[], \"meta\":{\"count\":0}")]
    public async Task An_object_without_data_is_an_unreadable_answer_naming_what_it_held_not_an_empty_list(string body, string held)
    {
        // Before, such an answer was read as an empty list: no buyer match, an empty report, a portfolio whose covers all ended.
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReadCoversAnsweredWith(body));

        Assert.Equal(200, ex.Status);
        Assert.Contains("without a data member; it holds " + held + ".", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[]}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData("""{"data":[],"message":"No covers"}""")]
    public async Task Every_shape_of_an_empty_answer_is_an_empty_list(string body)
    {
        // How the real service answers a list with nothing in it is not known: each of these is read as one.
        Assert.Empty(await ReadCoversAnsweredWith(body));
    }

    [Theory]
    [InlineData("""{"Data":[{"coverId":1,"buyerId":77},{"coverId":2,"buyerId":77}]}""")]
    [InlineData("""{"DATA":[{"coverId":1,"buyerId":77},{"coverId":2,"buyerId":77}]}""")]
    [InlineData("""{"\u0044ata":[{"coverId":1,"buyerId":77},{"coverId":2,"buyerId":77}]}""")]
    public async Task The_data_member_is_read_whatever_the_case_of_its_name(string body)
    {
        // Before, "Data" was skipped as an unknown member and the list read as empty.
        var covers = await ReadCoversAnsweredWith(body);

        Assert.Equal([1L, 2L], covers.Select(c => c.CoverId));
    }

    [Fact]
    public async Task Members_in_any_order_escaped_names_and_null_items_are_read()
    {
        var covers = await ReadCoversAnsweredWith("""
            {"data":[{"totalDecision":{"decisionAmtInPolicyCurrency":"40000","decisionConditions":[null,{"conditionCode":"PT60"}]},"coverId":1,"buyerId":77,
              "uniqueIdentifiers":[null,{"uid":"","uidType":"SN"},{"uid":"552100554","uidType":"SN"}],"\u0063overType":"credit-limit",
              "buyerName":null,"notes":"  ","policyCurrencyCode":"EUR"}]}
            """);

        var cover = Assert.Single(covers);
        Assert.Equal(new Money(40000, "EUR"), cover.DecidedAmount);
        Assert.Equal("PT60", Assert.Single(cover.TotalDecision!.Conditions).Code);
        Assert.Equal("552100554", Assert.Single(cover.BuyerIdentifiers).Value);
        Assert.Equal(CoverType.CreditLimit, cover.CoverType);
        Assert.Null(cover.BuyerName);
        Assert.Null(cover.Notes);
    }

    [Theory]
    [InlineData("""{"data":[{"buyerId":77,"coverType":"credit-limit","coverStatus":"DECISION"}]}""", "A cover in the answer has no coverId (buyer 77).")]
    [InlineData("""{"data":[{"coverId":null,"buyerId":77}]}""", "A cover in the answer has no coverId (buyer 77).")]
    [InlineData("""{"data":[{"coverId":"","buyerId":77}]}""", "A cover in the answer has no coverId (buyer 77).")]
    [InlineData("""{"data":[{"coverType":"credit-limit"}]}""", "A cover in the answer has no coverId.")]
    [InlineData("""{"data":[{"coverId":9001,"coverType":"credit-limit"}]}""", "Cover 9001 in the answer has no buyerId.")]
    [InlineData("""{"data":[{"coverId":9001,"buyerId":""}]}""", "Cover 9001 in the answer has no buyerId.")]
    public async Task A_cover_without_its_coverId_or_buyerId_is_an_unreadable_answer_naming_the_missing_id(string body, string says)
    {
        // Before, it was read as cover 0 or buyer 0: covers without an id passed for one cover, and a change keyed by
        // buyer 0 named nobody.
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReadCoversAnsweredWith(body));

        Assert.Equal(200, ex.Status);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"creditLimitApplicationAmountInPolicyCurrency":"fifty"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"applicationDate":"yesterday"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"effectFromDate":"01/12/2026"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"effectFromDate":"2026-02-30"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"applicationDate":"2026-02-30T10:00:00Z"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"applicationDate":"2026-12-01T24:00:00Z"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"applicationDate":"2026-12-01T10:00:00.1234567891Z"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"coverType":5}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"totalDecision":"50000"}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"uniqueIdentifiers":{"uid":"1","uidType":"SN"}}]}""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77,"totalDecision":{"decisionConditions":[1]}}]}""")]
    [InlineData("""{"data":"nothing"}""")]
    [InlineData("""<html>Bad gateway</html>""")]
    [InlineData("""{"data":[{"coverId":1,"buyerId":77}""")]
    public async Task A_malformed_answer_is_a_CoverApiException_never_a_raw_JsonException(string body)
    {
        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReadCoversAnsweredWith(body));

        Assert.Equal(200, ex.Status);
        Assert.Contains("could not read", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy")]
    [InlineData("buyer")]
    [InlineData("search")]
    [InlineData("covers")]
    [InlineData("my-buyers")]
    public async Task A_success_body_that_is_not_JSON_is_kept_as_RawBody_and_the_message_names_its_content_type(string read)
    {
        // Before, the exception said the body could not be read, but not what it was: RawBody was null.
        const string Page = "<html><body>Access denied by the corporate proxy: sign in at https://proxy.example/login</body></html>";
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Html(Page));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Html(Page));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/42").Respond(_ => Html(Page));
        api.Mock.When(HttpMethod.Get, BuyersUrl).Respond(_ => Html(Page));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Html(Page));
        Func<Task> call = read switch
        {
            "policy" => () => api.Client.Policies.GetAsync(cancellationToken: Ct),
            "buyer" => () => api.Client.Buyers.GetAsync(42, cancellationToken: Ct),
            "search" => () => api.Client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren), cancellationToken: Ct),
            "covers" => async () => await api.Client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct),
            _ => async () => await api.Client.Buyers.ListMyBuyersAsync(cancellationToken: Ct).ToListAsync(Ct),
        };

        var ex = await Assert.ThrowsAsync<CoverApiException>(call);

        Assert.Equal(200, ex.Status);
        Assert.Equal(Page, ex.RawBody);
        Assert.Contains("could not read (Content-Type text/html; charset=utf-8, not JSON): ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_long_page_served_with_200_is_kept_to_its_first_4_KB(bool list)
    {
        var page = "<html><body>" + new string('x', 10_000) + "</body></html>";
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Html(page));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Html(page));

        var ex = list
            ? await Assert.ThrowsAsync<CoverApiException>(async () => await api.Client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct))
            : await Assert.ThrowsAsync<CoverApiException>(() => api.Client.Policies.GetAsync(cancellationToken: Ct));

        Assert.Equal(page[..4096], ex.RawBody);
    }

    [Fact]
    public async Task A_JSON_answer_of_the_wrong_shape_is_kept_as_RawBody_without_a_content_type_in_the_message()
    {
        const string Body = """{"data":"nothing"}""";

        var ex = await Assert.ThrowsAsync<CoverApiException>(() => ReadCoversAnsweredWith(Body));

        Assert.Equal(Body, ex.RawBody);
        Assert.DoesNotContain("Content-Type", ex.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Html(string page) =>
        new(System.Net.HttpStatusCode.OK) { Content = new StringContent(page, Encoding.UTF8, "text/html") };

    [Fact]
    public async Task A_list_is_handed_over_item_by_item_before_the_answer_has_ended()
    {
        // The answer sends one cover, then waits: the cover must reach the caller before the rest arrives.
        var rest = new TaskCompletionSource();
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StreamContent(new SlowStream(Encoding.UTF8.GetBytes("{\"data\":[" + CoverJson(1) + ","), Encoding.UTF8.GetBytes(CoverJson(2) + "]}"), rest.Task)),
        });

        await using var items = api.Client.Decisions.ListAsync(cancellationToken: Ct).GetAsyncEnumerator(Ct);
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(1, items.Current.CoverId);
        rest.SetResult();
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(2, items.Current.CoverId);
        Assert.False(await items.MoveNextAsync());
    }

    [Fact]
    public async Task A_hundred_thousand_covers_stream_through_a_bounded_buffer()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new GeneratedListStream(100_000)) });
        long count = 0;
        long maxId = 0;

        await foreach (var cover in api.Client.Decisions.ListAsync(cancellationToken: Ct))
        {
            count++;
            maxId = Math.Max(maxId, cover.CoverId);
        }

        Assert.Equal(100_000, count);
        Assert.Equal(100_000, maxId);
    }

    /// <summary>Sends a first part, then the rest once released.</summary>
    private sealed class SlowStream(byte[] first, byte[] rest, Task release) : AsyncReadStream
    {
        private int _stage;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            switch (_stage++)
            {
                case 0:
                    first.CopyTo(buffer);
                    return first.Length;
                case 1:
                    await release.WaitAsync(cancellationToken);
                    rest.CopyTo(buffer);
                    return rest.Length;
                default:
                    return 0;
            }
        }
    }

    /// <summary>Writes {"data":[cover,…]} on the fly, so the test holds no more than one cover of it either.</summary>
    private sealed class GeneratedListStream(int count) : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes("{\"data\":[");
        private int _offset;
        private int _next = 1;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count1)
        {
            if (_offset == _pending.Length)
            {
                if (_next > count + 1)
                {
                    return 0;
                }

                _pending = _next <= count
                    ? Encoding.UTF8.GetBytes((_next > 1 ? "," : string.Empty) + CoverJson(_next))
                    : Encoding.UTF8.GetBytes("]}");
                _next++;
                _offset = 0;
            }

            var n = Math.Min(count1, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();
    }
}
