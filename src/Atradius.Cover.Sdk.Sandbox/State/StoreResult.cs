using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>The answer of a state operation: a cover with its status code, or an error.</summary>
internal sealed record StoreResult(int Status, CoverDto? Cover, ApiError? Error = null, int? RetryAfterSeconds = null)
{
    public static StoreResult Fail(ApiError error, CoverDto? cover = null) => new(error.Status, cover, error);
}
