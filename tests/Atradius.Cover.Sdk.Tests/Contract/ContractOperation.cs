using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>One operation of the contract (a method on a path template) with its parameters resolved.</summary>
internal sealed class ContractOperation
{
    private static readonly Lazy<IReadOnlyList<ContractOperation>> LoadedOperations = new(Load);

    private ContractOperation(string method, string pathTemplate, JsonObject node, IReadOnlyList<JsonObject> parameters)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Node = node;
        Parameters = parameters;
        OperationId = node["operationId"]!.GetValue<string>();
        PathPattern = new Regex("^" + Regex.Replace(Regex.Escape(pathTemplate), @"\\\{(\w+)}", m => SegmentPattern(m.Groups[1].Value, parameters)) + "$", RegexOptions.CultureInvariant);
    }

    /// <summary>Every operation of the contract.</summary>
    public static IReadOnlyList<ContractOperation> All => LoadedOperations.Value;

    public string Method { get; }

    public string PathTemplate { get; }

    public string OperationId { get; }

    public JsonObject Node { get; }

    /// <summary>The path item's and the operation's parameters, each resolved from its <c>$ref</c>.</summary>
    public IReadOnlyList<JsonObject> Parameters { get; }

    /// <summary>Matches a request path; a path parameter declared as an integer matches digits only, so a literal segment never passes for one.</summary>
    public Regex PathPattern { get; }

    /// <summary>The operations a request's method and path match.</summary>
    public static IReadOnlyList<ContractOperation> Matching(HttpMethod method, string path) =>
        All.Where(o => string.Equals(o.Method, method.Method, StringComparison.OrdinalIgnoreCase) && o.PathPattern.IsMatch(path)).ToList();

    public IEnumerable<JsonObject> ParametersIn(string location) =>
        Parameters.Where(p => string.Equals(p["in"]!.GetValue<string>(), location, StringComparison.Ordinal));

    public override string ToString() => Method.ToUpperInvariant() + " " + PathTemplate + " (" + OperationId + ")";

    private static string SegmentPattern(string name, IReadOnlyList<JsonObject> parameters)
    {
        var parameter = parameters.Single(p => p["in"]!.GetValue<string>() == "path" && p["name"]!.GetValue<string>() == name);
        var type = ContractDocument.Instance.Resolve(parameter["schema"]!)["type"]?.GetValue<string>();
        return "(?<" + name + ">" + (type == "integer" ? "-?[0-9]+" : "[^/]+") + ")";
    }

    private static List<ContractOperation> Load()
    {
        var contract = ContractDocument.Instance;
        var operations = new List<ContractOperation>();
        foreach (var (path, pathItemNode) in contract.Root["paths"]!.AsObject())
        {
            var pathItem = pathItemNode!.AsObject();
            var shared = Resolved(pathItem["parameters"]);
            foreach (var (method, operationNode) in pathItem)
            {
                if (method == "parameters" || operationNode is not JsonObject operation)
                {
                    continue;
                }

                var own = Resolved(operation["parameters"]);
                var parameters = own.Concat(shared.Where(s => !own.Any(o => SameParameter(o, s)))).ToList();
                operations.Add(new ContractOperation(method, path, operation, parameters));
            }
        }

        return operations;
    }

    private static List<JsonObject> Resolved(JsonNode? parameters) =>
        parameters is JsonArray list ? list.Select(p => ContractDocument.Instance.Resolve(p!).AsObject()).ToList() : [];

    private static bool SameParameter(JsonObject a, JsonObject b) =>
        a["name"]!.GetValue<string>() == b["name"]!.GetValue<string>() && a["in"]!.GetValue<string>() == b["in"]!.GetValue<string>();
}
