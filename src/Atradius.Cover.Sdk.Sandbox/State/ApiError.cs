namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>One error in the contract's shape, before it is written.</summary>
internal sealed record ApiError(int Status, string Code, string Detail, string? Parameter = null, string? Pointer = null, Dictionary<string, long>? Meta = null)
{
    public static ApiError BadParameter(string parameter, string detail) => new(400, "INVALID_PARAMETER", detail, Parameter: parameter);

    public static ApiError BadField(string pointer, string detail) => new(400, "INVALID_REQUEST", detail, Pointer: pointer);

    public static ApiError NotFound(string parameter, string detail) => new(404, "NOT_FOUND", detail, Parameter: parameter);
}
