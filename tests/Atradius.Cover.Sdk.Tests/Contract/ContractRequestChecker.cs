using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>
/// Checks a request against the contract: its method and path name exactly one operation, and its query,
/// headers, credentials and body are what that operation declares.
/// </summary>
internal static class ContractRequestChecker
{
    /// <summary>The contract's conventions: clients send it on every call, though no operation requires it.</summary>
    public const string CorrelationIdHeader = "Atradius-Correlation-Id";

    /// <summary>The operation the request is for (null when it names none or several) and what in it breaks the contract.</summary>
    public static async Task<(ContractOperation? Operation, IReadOnlyList<string> Violations)> CheckAsync(ContractRequest request, Uri serviceRoot)
    {
        var violations = new List<string>();
        if (!string.Equals(request.Uri.GetLeftPart(UriPartial.Authority), serviceRoot.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            violations.Add("is sent to " + request.Uri.GetLeftPart(UriPartial.Authority) + ", not to the service at " + serviceRoot.GetLeftPart(UriPartial.Authority));
        }

        var matches = ContractOperation.Matching(request.Method, request.Uri.AbsolutePath);
        if (matches.Count != 1)
        {
            violations.Add(matches.Count == 0
                ? "names no operation of the contract (the gateway answers 403 to a route it does not know)"
                : "names several operations: " + string.Join(", ", matches));
            return (null, violations);
        }

        var operation = matches[0];
        await CheckPathAsync(operation, request, violations);
        await CheckQueryAsync(operation, request, violations);
        await CheckHeadersAsync(operation, request, violations);
        CheckCredentials(operation, request, violations);
        await CheckBodyAsync(operation, request, violations);
        return (operation, violations);
    }

    private static async Task CheckPathAsync(ContractOperation operation, ContractRequest request, List<string> violations)
    {
        var match = operation.PathPattern.Match(request.Uri.AbsolutePath);
        foreach (var parameter in operation.ParametersIn("path"))
        {
            var name = parameter["name"]!.GetValue<string>();
            await CheckValueAsync("path parameter " + name, parameter["schema"]!, Uri.UnescapeDataString(match.Groups[name].Value), violations);
        }
    }

    private static async Task CheckQueryAsync(ContractOperation operation, ContractRequest request, List<string> violations)
    {
        var declared = operation.ParametersIn("query").ToDictionary(p => p["name"]!.GetValue<string>(), StringComparer.Ordinal);
        var sent = new List<string>();
        var query = request.Uri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..]);
            if (sent.Contains(name, StringComparer.Ordinal))
            {
                violations.Add("repeats query parameter " + name);
            }

            sent.Add(name);
            if (!declared.TryGetValue(name, out var parameter))
            {
                violations.Add("sends query parameter " + name + ", which " + operation.OperationId + " does not declare (the service answers 400 \"Unknown query parameter\")");
                continue;
            }

            await CheckValueAsync("query parameter " + name, parameter["schema"]!, value, violations);
        }

        foreach (var (name, parameter) in declared)
        {
            if (parameter["required"]?.GetValue<bool>() == true && !sent.Contains(name, StringComparer.Ordinal))
            {
                violations.Add("leaves out the required query parameter " + name);
            }
        }
    }

    private static async Task CheckHeadersAsync(ContractOperation operation, ContractRequest request, List<string> violations)
    {
        foreach (var parameter in operation.ParametersIn("header"))
        {
            var name = parameter["name"]!.GetValue<string>();
            if (!request.Headers.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                if (parameter["required"]?.GetValue<bool>() == true || string.Equals(name, CorrelationIdHeader, StringComparison.OrdinalIgnoreCase))
                {
                    violations.Add("does not send the header " + name);
                }

                continue;
            }

            await CheckValueAsync("header " + name, parameter["schema"]!, value, violations);
        }
    }

    /// <summary>One of the operation's security requirements (its own, else the contract's) is met in full.</summary>
    private static void CheckCredentials(ContractOperation operation, ContractRequest request, List<string> violations)
    {
        var contract = ContractDocument.Instance;
        var requirements = (operation.Node["security"] ?? contract.Root["security"])!.AsArray();
        var schemes = contract.Root["components"]!["securitySchemes"]!.AsObject();
        var unmet = new List<string>();
        foreach (var requirement in requirements)
        {
            var missing = requirement!.AsObject().Select(s => s.Key).Where(name => !Meets(schemes[name]!, request)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            unmet.Add(string.Join(" + ", missing));
        }

        violations.Add("does not carry the credentials " + operation.OperationId + " needs (missing: " + string.Join(" or ", unmet) + ")");
    }

    private static bool Meets(JsonNode scheme, ContractRequest request)
    {
        var type = scheme["type"]!.GetValue<string>();
        if (type == "apiKey")
        {
            return scheme["in"]!.GetValue<string>() == "header"
                && request.Headers.TryGetValue(scheme["name"]!.GetValue<string>(), out var key) && !string.IsNullOrWhiteSpace(key);
        }

        if (type != "http" || !request.Headers.TryGetValue("Authorization", out var authorization))
        {
            return false;
        }

        var parts = authorization.Split(' ', 2);
        if (parts.Length != 2 || !string.Equals(parts[0], scheme["scheme"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(parts[1]))
        {
            return false;
        }

        if (!string.Equals(parts[0], "basic", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1]));
            return pair.IndexOf(':', StringComparison.Ordinal) > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task CheckBodyAsync(ContractOperation operation, ContractRequest request, List<string> violations)
    {
        var hasBody = !string.IsNullOrEmpty(request.Body);
        if (operation.Node["requestBody"] is not JsonNode requestBodyNode)
        {
            if (hasBody || request.ContentType is not null)
            {
                violations.Add("sends a body, which " + operation.OperationId + " does not take");
            }

            return;
        }

        var requestBody = ContractDocument.Instance.Resolve(requestBodyNode);
        if (!hasBody)
        {
            if (requestBody["required"]?.GetValue<bool>() == true)
            {
                violations.Add("sends no body, which " + operation.OperationId + " requires");
            }

            return;
        }

        var content = requestBody["content"]!.AsObject();
        if (request.ContentType is null || content[request.ContentType] is not JsonNode media)
        {
            violations.Add("sends its body as " + (request.ContentType ?? "no content type") + "; " + operation.OperationId + " takes " + string.Join(" or ", content.Select(c => c.Key)));
            return;
        }

        string json;
        if (request.ContentType == "application/x-www-form-urlencoded")
        {
            json = FormAsJson(request.Body!);
        }
        else
        {
            try
            {
                using var _ = JsonDocument.Parse(request.Body!);
                json = request.Body!;
            }
            catch (JsonException ex)
            {
                violations.Add("sends a body that is not JSON: " + ex.Message);
                return;
            }
        }

        foreach (var error in await ContractSchemas.ValidateAsync(media["schema"]!, json))
        {
            violations.Add("body does not match " + media["schema"]!["$ref"] + ": " + error + " in " + request.Body);
        }

        foreach (var field in Undeclared(JsonNode.Parse(json), media["schema"]!, "body"))
        {
            violations.Add("body does not match " + media["schema"]!["$ref"] + ": it sends " + field + ", which the schema does not declare");
        }
    }

    /// <summary>
    /// Members of a body that its schema does not name. The contract leaves additional properties open, which lets
    /// a reader skip what it does not know; a request holding a member the service never described is still a guess.
    /// </summary>
    private static IEnumerable<string> Undeclared(JsonNode? value, JsonNode schemaNode, string path)
    {
        var schema = ContractDocument.Instance.Resolve(schemaNode);
        if (value is not JsonObject obj || schema["properties"] is not JsonObject properties)
        {
            yield break;
        }

        foreach (var (name, member) in obj)
        {
            if (properties[name] is not JsonNode memberSchema)
            {
                yield return path + "." + name;
                continue;
            }

            foreach (var nested in Undeclared(member, memberSchema, path + "." + name))
            {
                yield return nested;
            }
        }
    }

    /// <summary>A value of a query, path or header parameter, typed as its schema says, against that schema and its listed codes.</summary>
    private static async Task CheckValueAsync(string what, JsonNode schemaNode, string value, List<string> violations)
    {
        var schema = ContractDocument.Instance.Resolve(schemaNode);
        var type = schema["type"]?.GetValue<string>();
        string json;
        if (type is "integer" or "number")
        {
            if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                violations.Add(what + " is '" + value + "', not a number");
                return;
            }

            json = value;
        }
        else
        {
            json = JsonValue.Create(value).ToJsonString();
        }

        foreach (var error in await ContractSchemas.ValidateAsync(schemaNode, json))
        {
            violations.Add(what + " is '" + value + "': " + error);
        }

        if (schema["x-extensible-enum"] is JsonArray codes && !codes.Any(c => c!["value"]!.GetValue<string>() == value))
        {
            violations.Add(what + " is '" + value + "', which the contract does not list");
        }
    }

    private static string FormAsJson(string form)
    {
        var fields = new JsonObject();
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
            fields[Decode(separator < 0 ? pair : pair[..separator])] = separator < 0 ? string.Empty : Decode(pair[(separator + 1)..]);
        }

        return fields.ToJsonString();
    }
}
