using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>
/// Schemas of the contract as NJsonSchema validators: a schema node with every component schema it may reach
/// carried along under <c>definitions</c>, so its <c>#/components/schemas/…</c> references resolve.
/// </summary>
internal static class ContractSchemas
{
    private const string ComponentPrefix = "#/components/schemas/";

    private static readonly ConcurrentDictionary<string, Task<JsonSchema>> Cache = new(StringComparer.Ordinal);

    public static Task<JsonSchema> ForAsync(JsonNode schemaNode)
    {
        var key = schemaNode.ToJsonString();
        return Cache.GetOrAdd(key, _ => BuildAsync(schemaNode));
    }

    /// <summary>The validation errors of a JSON text against a schema node of the contract, as readable lines.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(JsonNode schemaNode, string json)
    {
        var schema = await ForAsync(schemaNode);
        return schema.Validate(json).Select(e => e.ToString()).ToList();
    }

    private static async Task<JsonSchema> BuildAsync(JsonNode schemaNode)
    {
        // A root that is only a $ref would lose its sibling definitions, so the schema is wrapped.
        var document = new JsonObject { ["allOf"] = new JsonArray(Rewrite(schemaNode)) };
        var definitions = new JsonObject();
        foreach (var (name, component) in ContractDocument.Instance.Root["components"]!["schemas"]!.AsObject())
        {
            definitions[name] = Rewrite(component!);
        }

        document["definitions"] = definitions;
        return await JsonSchema.FromJsonAsync(document.ToJsonString());
    }

    /// <summary>A copy of the node whose component references point into <c>definitions</c>.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    copy[name] = name == "$ref" && value!.GetValue<string>().StartsWith(ComponentPrefix, StringComparison.Ordinal)
                        ? "#/definitions/" + value.GetValue<string>()[ComponentPrefix.Length..]
                        : value is null ? null : Rewrite(value);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => item is null ? null : Rewrite(item)).ToArray());
            default:
                return node.DeepClone();
        }
    }
}
