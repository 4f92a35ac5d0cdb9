using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk.Tests.Contract;

public sealed class ContractExampleTests
{
    // The generated client serializes with default options and per-type attributes; so do we here.
    private static readonly JsonSerializerOptions GeneratedClientOptions = new();

    private static readonly Dictionary<string, ContractExample> Examples =
        ContractExample.All().ToDictionary(example => example.Location, StringComparer.Ordinal);

    public static TheoryData<string> ExampleLocations => new(Examples.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_request_body_and_every_response_body_has_an_example()
    {
        var contract = ContractDocument.Instance;
        var missing = new List<string>();
        foreach (var (path, pathItem) in contract.Root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in pathItem!.AsObject())
            {
                var bodies = new List<(string Where, JsonNode Holder)>();
                if (operation!["requestBody"] is JsonNode requestBody)
                {
                    bodies.Add(("request", contract.Resolve(requestBody)));
                }

                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    bodies.Add((status, contract.Resolve(response!)));
                }

                foreach (var (where, holder) in bodies)
                {
                    foreach (var (mediaType, media) in holder["content"]?.AsObject() ?? [])
                    {
                        if (media!["example"] is null && media["examples"] is null)
                        {
                            missing.Add($"{method.ToUpperInvariant()} {path} {where} {mediaType}");
                        }
                    }
                }
            }
        }

        Assert.Empty(missing);
        Assert.True(Examples.Count > 40, $"Only {Examples.Count} examples were found; the contract walk is broken.");
    }

    [Theory]
    [MemberData(nameof(ExampleLocations))]
    public void Example_deserializes_with_the_generated_model_and_serializes_back_without_losing_a_field(string location)
    {
        var example = Examples[location];
        var modelType = typeof(CoverApiClient).Assembly.GetType("Atradius.Cover.Sdk.Generated." + example.SchemaName)
            ?? throw new InvalidOperationException($"No generated model named {example.SchemaName} for {location}.");

        var model = JsonSerializer.Deserialize(example.Json, modelType, GeneratedClientOptions);
        Assert.NotNull(model);

        var original = JsonNode.Parse(example.Json)!;
        var roundTripped = JsonNode.Parse(JsonSerializer.Serialize(model, modelType, GeneratedClientOptions))!;
        AssertContains(original, roundTripped, "$");
    }

    [Fact]
    public void Round_trip_comparison_detects_a_lost_field()
    {
        var original = JsonNode.Parse("""{ "coverId": 1, "notes": "kept" }""")!;
        var lost = JsonNode.Parse("""{ "coverId": 1 }""")!;

        Assert.ThrowsAny<Exception>(() => AssertContains(original, lost, "$"));
    }

    [Fact]
    public void A_cover_with_codes_the_sdk_does_not_know_yet_still_deserializes_and_keeps_them()
    {
        const string json = """
            {
              "coverId": 70009999, "customerId": 200417, "policyId": "5012345", "buyerId": 10042317,
              "coverType": "factoring-line", "coverStatus": "ON_HOLD", "decisionCode": "DC99",
              "historicCode": "ZZLD", "pendingProcessIndicator": "Q",
              "applicationDate": "2026-11-02T09:15:00Z", "version": 1, "updatedAt": "2026-11-02T09:15:00Z",
              "somethingNew": { "nested": [1, 2, 3] }
            }
            """;

        var cover = JsonSerializer.Deserialize<Generated.Cover>(json, GeneratedClientOptions)!;

        Assert.Equal("factoring-line", cover.CoverType);
        Assert.Equal("ON_HOLD", cover.CoverStatus);
        Assert.Equal("DC99", cover.DecisionCode);
        Assert.Equal("ZZLD", cover.HistoricCode);
        Assert.Equal("Q", cover.PendingProcessIndicator);
        Assert.True(cover.AdditionalProperties.ContainsKey("somethingNew"));
    }

    private static void AssertContains(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null but was {actual?.ToJsonString()}");
                return;
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (name, value) in expectedObject)
                {
                    Assert.True(actualObject.ContainsKey(name), $"{path}.{name} was lost in the round trip.");
                    AssertContains(value, actualObject[name], $"{path}.{name}");
                }

                return;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(expectedArray.Count == actualArray.Count, $"{path}: {expectedArray.Count} items expected, {actualArray.Count} found.");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertContains(expectedArray[i], actualArray[i], $"{path}[{i}]");
                }

                return;
            case JsonValue expectedValue:
                Assert.True(actual is JsonValue, $"{path}: expected {expectedValue.ToJsonString()} but was {actual?.ToJsonString() ?? "null"}");
                Assert.True(ScalarsAreEquivalent(expectedValue, (JsonValue)actual!), $"{path}: expected {expectedValue.ToJsonString()} but was {actual!.ToJsonString()}");
                return;
        }
    }

    private static bool ScalarsAreEquivalent(JsonValue expected, JsonValue actual)
    {
        var expectedElement = expected.GetValue<JsonElement>();
        var actualElement = actual.GetValue<JsonElement>();
        if (expectedElement.ValueKind == JsonValueKind.Number && actualElement.ValueKind == JsonValueKind.Number)
        {
            return expectedElement.GetDecimal() == actualElement.GetDecimal();
        }

        if (expectedElement.ValueKind == JsonValueKind.String && actualElement.ValueKind == JsonValueKind.String)
        {
            var expectedText = expectedElement.GetString()!;
            var actualText = actualElement.GetString()!;
            if (expectedText == actualText)
            {
                return true;
            }

            // A date-time may come back with another but equal offset notation (Z versus +00:00).
            return DateTimeOffset.TryParse(expectedText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expectedInstant)
                && DateTimeOffset.TryParse(actualText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var actualInstant)
                && expectedInstant == actualInstant;
        }

        return JsonElement.DeepEquals(expectedElement, actualElement);
    }
}
