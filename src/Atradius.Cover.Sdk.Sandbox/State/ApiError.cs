namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>One business error in the real service's shape, <c>{ errors: [ { detail, source: { parameter } } ] }</c>, before it is written.</summary>
internal sealed record ApiError(int Status, string Detail, string? Parameter = null)
{
    public const string AlreadyExists = "Credit limit/credit check already exists for this buyer.";
    public const string AmountRule = "Must be positive number greater than zero and a multiple of 1000.";
    public const string CannotSupersede = "New Application cannot supersede existing cover";
    public const string NoBuyerMatch = "No buyer match found";
    public const string UnknownQueryParameter = "Unknown query parameter";
    public const string ActionRefused = "Action has been refused.";

    public static ApiError Bad(string parameter, string detail) => new(400, detail, parameter);

    public static ApiError Amount() => new(400, AmountRule, "creditLimitAmount");

    public static ApiError NotFound(string detail, string? parameter = null) => new(404, detail, parameter);
}
