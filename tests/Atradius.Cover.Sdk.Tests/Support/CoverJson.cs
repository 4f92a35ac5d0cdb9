using System.Text.Json.Nodes;

namespace Atradius.Cover.Sdk.Tests.Support;

/// <summary>Bodies as the contract describes them.</summary>
internal static class CoverJson
{
    public static JsonObject Decided(long coverId = 70001234, string code = "DC01", decimal amount = 50000, int version = 1) => new()
    {
        ["coverId"] = coverId,
        ["customerId"] = 200417,
        ["policyId"] = "5012345",
        ["buyerId"] = 10042317,
        ["buyerName"] = "Tulip Trading B.V.",
        ["coverType"] = "credit-limit",
        ["coverStatus"] = "DECISION",
        ["decisionCode"] = code,
        ["historicCode"] = null,
        ["pendingProcessIndicator"] = null,
        ["creditLimitApplicationAmount"] = 50000,
        ["currencyCode"] = "EUR",
        ["totalDecision"] = new JsonObject
        {
            ["decisionAmount"] = amount,
            ["currencyCode"] = "EUR",
            ["decisionExpiryDate"] = null,
            ["decisionConditions"] = new JsonArray(),
        },
        ["applicationDate"] = "2026-11-02T09:15:00Z",
        ["decisionDate"] = "2026-11-02T09:15:01Z",
        ["effectFromDate"] = "2026-12-01",
        ["effectiveToDate"] = null,
        ["withdrawalDate"] = null,
        ["customerRefNumber"] = "ERP-000184",
        ["notes"] = null,
        ["version"] = version,
        ["updatedAt"] = "2026-11-02T09:15:01Z",
    };

    public static JsonObject Referred(long coverId = 70001235)
    {
        var cover = Decided(coverId);
        cover["coverStatus"] = "REFERRED";
        cover["decisionCode"] = null;
        cover["totalDecision"] = null;
        cover["decisionDate"] = null;
        return cover;
    }

    public static string Page(string? nextCursor, params JsonObject[] items)
    {
        var data = new JsonArray();
        foreach (var item in items)
        {
            data.Add(item);
        }

        return new JsonObject { ["data"] = data, ["meta"] = new JsonObject { ["pageSize"] = 100, ["nextCursor"] = nextCursor } }.ToJsonString();
    }

    public static string Error(int status, string code, string detail = "Something is wrong.", JsonObject? meta = null)
    {
        var error = new JsonObject { ["status"] = status, ["code"] = code, ["detail"] = detail };
        if (meta is not null)
        {
            error["meta"] = meta;
        }

        return new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString();
    }

    public static bool SameJson(string? actual, string expected) =>
        actual is not null && JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected));
}
