using System.Text.Json.Nodes;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>One example of a request or response body in the contract, with the schema it illustrates.</summary>
public sealed record ContractExample(string Location, string SchemaName, string Json)
{
    public override string ToString() => Location;

    /// <summary>Every request and response example of the contract.</summary>
    public static IEnumerable<ContractExample> All()
    {
        var contract = ContractDocument.Instance;
        foreach (var (path, pathItem) in contract.Root["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in pathItem!.AsObject())
            {
                var operation = operationNode!.AsObject();
                if (operation["requestBody"] is JsonNode requestBody)
                {
                    foreach (var example in FromContent(contract, $"{method.ToUpperInvariant()} {path} request", contract.Resolve(requestBody)))
                    {
                        yield return example;
                    }
                }

                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    foreach (var example in FromContent(contract, $"{method.ToUpperInvariant()} {path} {status}", contract.Resolve(response!)))
                    {
                        yield return example;
                    }
                }
            }
        }
    }

    private static IEnumerable<ContractExample> FromContent(ContractDocument contract, string location, JsonNode holder)
    {
        if (holder["content"] is not JsonObject content)
        {
            yield break;
        }

        foreach (var (mediaType, mediaNode) in content)
        {
            var media = mediaNode!.AsObject();
            var schemaReference = media["schema"]?["$ref"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"{location} {mediaType}: the schema must be a named component so that a model exists for it.");
            var schemaName = schemaReference[(schemaReference.LastIndexOf('/') + 1)..];

            if (media["example"] is JsonNode single)
            {
                yield return new ContractExample($"{location} {mediaType}", schemaName, single.ToJsonString());
            }

            if (media["examples"] is JsonObject named)
            {
                foreach (var (name, exampleNode) in named)
                {
                    var value = contract.Resolve(exampleNode!)["value"]!;
                    yield return new ContractExample($"{location} {mediaType} ({name})", schemaName, value.ToJsonString());
                }
            }
        }
    }
}
