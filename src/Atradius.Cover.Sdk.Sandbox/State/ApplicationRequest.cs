using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>A validated new application.</summary>
internal sealed record ApplicationRequest(SandboxPolicy Policy, SandboxBuyer Buyer, string CoverType, decimal? Amount, DateOnly? EffectFromDate, string? CustomerRefNumber);

/// <summary>A syntactically valid change to a cover; business rules are checked against the cover under the lock.</summary>
internal sealed record ModificationRequest(string Action, decimal? Amount, string? CurrencyCode, DateOnly? EffectFromDate, string? CustomerRefNumber, bool HasCustomerRefNumber);
