using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>
/// The contract loaded as JSON, with scalars typed the way YAML 1.2's core schema types them,
/// so that examples compare with what a JSON serializer writes.
/// </summary>
internal sealed class ContractDocument
{
    private static readonly Lazy<ContractDocument> LoadedContract = new(Load);

    private ContractDocument(JsonObject root) => Root = root;

    public static ContractDocument Instance => LoadedContract.Value;

    public JsonObject Root { get; }

    public static string ContractPath
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "openapi", "cover-api.yaml");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("openapi/cover-api.yaml was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/components/...</c>) until a non-reference node is reached.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        while (node is JsonObject obj && obj["$ref"] is JsonValue reference)
        {
            node = Navigate(reference.GetValue<string>());
        }

        return node;
    }

    public JsonNode Navigate(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException("Only local references are used in the contract: " + reference);
        }

        JsonNode current = Root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current[name] ?? throw new KeyNotFoundException("Unresolved reference " + reference);
        }

        return current;
    }

    private static ContractDocument Load()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(ContractPath))
        {
            stream.Load(reader);
        }

        return new ContractDocument((JsonObject)ToJson(stream.Documents[0].RootNode)!);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToJsonObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ToJsonScalar(scalar),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    private static JsonObject ToJsonObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            result[((YamlScalarNode)key).Value!] = ToJson(value);
        }

        return result;
    }

    private static JsonValue? ToJsonScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "null" or "~" or "":
                return null;
            case "true":
                return JsonValue.Create(true);
            case "false":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}
