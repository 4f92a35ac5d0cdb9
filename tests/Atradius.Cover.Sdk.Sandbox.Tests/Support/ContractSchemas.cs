using NJsonSchema;
using NSwag;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Support;

/// <summary>The response schemas of openapi/cover-api.yaml, loaded as an OpenAPI document.</summary>
internal static class ContractSchemas
{
    private static readonly Lazy<Task<OpenApiDocument>> Document = new(() => OpenApiYamlDocument.FromFileAsync(ContractPath()));

    public static string ContractPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "openapi", "cover-api.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("openapi/cover-api.yaml not found above " + AppContext.BaseDirectory);
    }

    public static async Task<bool> HasOperationAsync(string pathTemplate, string method)
    {
        var document = await Document.Value;
        return document.Paths.TryGetValue(pathTemplate, out var item) && item.ContainsKey(method.ToLowerInvariant());
    }

    public static async Task<JsonSchema> ResponseSchemaAsync(string pathTemplate, string method, int status)
    {
        var document = await Document.Value;
        var operation = document.Paths[pathTemplate][method.ToLowerInvariant()];
        Assert.True(operation.ActualResponses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response),
            $"The contract has no {status} answer for {method} {pathTemplate}.");
        return response!.ActualResponse.Content["application/json"].Schema.ActualSchema;
    }

    /// <summary>The validation errors of a body against the contract's schema for that answer.</summary>
    public static async Task<ICollection<NJsonSchema.Validation.ValidationError>> ValidateAsync(string pathTemplate, string method, int status, string body)
    {
        var schema = await ResponseSchemaAsync(pathTemplate, method, status);
        return schema.Validate(body);
    }
}
