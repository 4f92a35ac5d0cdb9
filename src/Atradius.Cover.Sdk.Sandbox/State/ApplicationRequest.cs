using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>A validated new application.</summary>
internal sealed record ApplicationRequest(SandboxPolicy Policy, SandboxBuyer Buyer, string CoverType, decimal? Amount, DateOnly? EffectFromDate, string? CustomerRefNumber);

/// <summary>A validated change to the cover named by its key (policy, buyer, cover type).</summary>
internal sealed record ModificationRequest(string Action, SandboxPolicy Policy, long BuyerId, string CoverType, decimal? Amount, string? CurrencyCode, string? CustomerRefNumber);

/// <summary>The answer to a write: status 201 or 202 with the cover id and response text, or an error.</summary>
internal sealed record WriteResult(int Status, long CoverId, string Response, ApiError? Error = null)
{
    public const string Successful = "Action successful";

    public static WriteResult Fail(ApiError error) => new(error.Status, 0, "", error);
}
