using System.Text.Json;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk.Tests.Support;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk.Tests.Mapping;

// List pages read covers straight into CoverDecision (CoverDecisionReader). These compare it with the path it
// replaced, the generated model followed by CoverMapper.ToDecision, on valid and broken covers.
public class CoverDecisionReaderTests
{
    private const string Full = """
        {"coverId":70001240,"customerId":200417,"policyId":"5012345","buyerId":10051199,"buyerName":"Rheinland Maschinenbau GmbH",
         "coverType":"credit-limit","coverStatus":"DECISION","decisionCode":"DC02","historicCode":null,"pendingProcessIndicator":"F",
         "creditLimitApplicationAmount":250000,"currencyCode":"EUR",
         "totalDecision":{"decisionAmount":250000,"currencyCode":"EUR","decisionExpiryDate":"2027-11-02","decisionConditions":[{"conditionCode":"PT60","conditionType":"PAYMENT_TERMS","conditionDescription":"At most 60 days."}]},
         "firstAmtDecision":{"decisionAmount":150000,"currencyCode":"EUR","decisionExpiryDate":null,"decisionConditions":[]},
         "secondAmtDecision":{"decisionAmount":100000.50,"currencyCode":"EUR","decisionExpiryDate":"2027-11-02","decisionConditions":null},
         "applicationDate":"2026-11-02T09:20:00Z","decisionDate":"2026-11-03T14:02:00+02:00","effectFromDate":"2026-11-02",
         "effectiveToDate":"2027-11-02","withdrawalDate":"2026-12-10","customerRefNumber":"ERP-000190","notes":"Approved.","version":2,"updatedAt":"2026-11-03T14:02:00Z"}
        """;

    public static TheoryData<string> Covers()
    {
        var data = new TheoryData<string>
        {
            Full,
            CoverJson.Decided().ToJsonString(),
            CoverJson.Referred().ToJsonString(),
            "{\"cover\\u0049d\":5,\"customerId\":1,\"policyId\":\"1\",\"buyerId\":1,\"coverType\":\"credit-limit\",\"coverStatus\":\"DECISION\",\"applicationDate\":\"2026-11-02T09:15:00Z\",\"version\":1,\"updatedAt\":\"2026-11-02T09:15:00Z\"}",
            "{}",
            "[]",
            "\"text\"",
            "{\"coverId\":\"5\"}",
            "{\"coverId\":5.5}",
        };

        // Each required field absent, null, empty or of the wrong JSON type.
        foreach (var field in new[] { "coverId", "customerId", "policyId", "buyerId", "coverType", "coverStatus", "applicationDate", "updatedAt", "version", "currencyCode", "creditLimitApplicationAmount", "effectFromDate", "decisionDate", "notes" })
        {
            foreach (var value in new JsonNode?[] { null, JsonValue.Create(""), JsonValue.Create(" "), JsonValue.Create(0), JsonValue.Create(true), new JsonObject(), new JsonArray() })
            {
                var cover = JsonNode.Parse(Full)!.AsObject();
                cover[field] = value?.DeepClone();
                data.Add(cover.ToJsonString());
            }

            var without = JsonNode.Parse(Full)!.AsObject();
            without.Remove(field);
            data.Add(without.ToJsonString());
        }

        // Broken decisions and conditions, unknown members, odd dates, duplicate members.
        foreach (var edit in new Action<JsonObject>[]
        {
            c => c["totalDecision"]!["currencyCode"] = null,
            c => c["firstAmtDecision"]!["currencyCode"] = " ",
            c => c["secondAmtDecision"]!.AsObject().Remove("decisionAmount"),
            c => c["totalDecision"]!["decisionAmount"] = null,
            c => c["totalDecision"]!["decisionConditions"] = new JsonArray(null, new JsonObject { ["conditionCode"] = "X" }),
            c => c["totalDecision"]!["decisionConditions"] = new JsonArray(new JsonObject { ["conditionCode"] = "X" }, new JsonObject { ["conditionCode"] = "" }),
            c => c["totalDecision"]!["decisionConditions"] = new JsonArray(new JsonObject { ["conditionType"] = "X" }),
            c => c["totalDecision"]!["decisionConditions"] = new JsonArray(1),
            c => c["totalDecision"]!["decisionConditions"] = new JsonObject(),
            c => c["totalDecision"] = "EUR",
            c => { c["totalDecision"]!["currencyCode"] = null; c.Remove("coverId"); },
            c => c["unknown"] = new JsonObject { ["nested"] = new JsonArray(1, new JsonObject { ["a"] = null }) },
            c => c["totalDecision"]!["unknown"] = new JsonArray("x"),
            c => c["effectFromDate"] = "2026-02-30",
            c => c["effectFromDate"] = "2026-11-02T10:00:00+05:00",
            c => c["effectFromDate"] = "31/12/2026",
            c => c["applicationDate"] = "yesterday",
            c => c["applicationDate"] = "2026-11-02",
            c => c["decisionCode"] = "  ",
            c => c["historicCode"] = "SCLD",
            c => c["pendingProcessIndicator"] = "",
            c => c["creditLimitApplicationAmount"] = null,
            c => c["CoverId"] = 9,
        })
        {
            var cover = JsonNode.Parse(Full)!.AsObject();
            edit(cover);
            data.Add(cover.ToJsonString());
        }

        data.Add(Full.Replace("\"version\":2", "\"version\":2,\"version\":3", StringComparison.Ordinal));
        return data;
    }

    [Theory]
    [MemberData(nameof(Covers))]
    public void Reads_a_cover_as_the_generated_model_and_the_mapper_did(string json)
    {
        Assert.Equal(ThroughGeneratedModel(json), Direct(json));
    }

    private static string ThroughGeneratedModel(string json)
    {
        try
        {
            var dto = JsonSerializer.Deserialize<Gen.Cover>(json, CoverResponseJson.ResponseOptions);
            return Describe(CoverMapper.ToDecision(dto, 200, null, null));
        }
        catch (CoverApiException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return "unreadable";
        }
    }

    private static string Direct(string json)
    {
        try
        {
            var decision = JsonSerializer.Deserialize<CoverDecision>(json, CoverResponseJson.PageOptions);
            return decision is null ? CoverMapper.Missing(200, null, "cover").Message : Describe(decision);
        }
        catch (CoverFieldMissingException ex)
        {
            return CoverMapper.Missing(200, null, ex.Field).Message;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return "unreadable";
        }
    }

    private static string Describe(CoverDecision decision) => JsonSerializer.Serialize(decision, JsonSerializerOptions.Default);
}
